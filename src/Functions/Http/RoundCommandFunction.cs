using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>extend, close, cancel, approve, reopen.</summary>
public sealed class RoundCommandFunction(RoundCommandEndpoint endpoint)
{
    [Function("RoundCommand")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.RoundCommand)] HttpRequest request,
        string id,
        string command,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await endpoint.HandleAsync(id, command, request, client, request.HttpContext.RequestAborted));
}
