using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>Remove a finished round's addresses and mail bodies, keeping the letter and an anonymised audit.</summary>
public sealed class PurgePersonalDataFunction(PurgePersonalDataEndpoint endpoint)
{
    [Function("PurgePersonalData")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.PurgePersonalData)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await endpoint.HandleAsync(id, request, client, request.HttpContext.RequestAborted));
}
