using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>Start, list and read rounds.</summary>
public sealed class RoundsFunctions(StartRoundEndpoint start, RoundQueryEndpoints queries)
{
    [Function("StartRound")]
    public async Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Rounds)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await start.HandleAsync(request, client, request.HttpContext.RequestAborted));

    [Function("ListRounds")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Rounds)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await queries.ListAsync(request, client, request.HttpContext.RequestAborted));

    [Function("GetRound")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Round)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await queries.GetAsync(id, request, client, request.HttpContext.RequestAborted));
}
