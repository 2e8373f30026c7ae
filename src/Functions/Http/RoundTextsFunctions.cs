using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>Read and edit the coordinator's texts of the letter.</summary>
public sealed class RoundTextsFunctions(RoundTextsEndpoint endpoint)
{
    [Function("GetRoundTexts")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Texts)] HttpRequest request,
        string id) =>
        new ResultAction(await endpoint.GetAsync(id, request, request.HttpContext.RequestAborted));

    [Function("PutRoundTexts")]
    public async Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Routes.Texts)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await endpoint.PutAsync(id, request, client, request.HttpContext.RequestAborted));
}
