using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>Resume a failed round from its stored state.</summary>
public sealed class RoundResumeFunction(RoundResumeEndpoint endpoint)
{
    [Function("ResumeRound")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RoundResume)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await endpoint.HandleAsync(id, request, client, request.HttpContext.RequestAborted));
}
