using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>Submit a contribution over HTTP and list a round's stored contributions.</summary>
public sealed class ContributionsFunctions(ContributionEndpoints endpoints)
{
    [Function("SubmitContribution")]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Contributions)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await endpoints.SubmitAsync(id, request, client, request.HttpContext.RequestAborted));

    [Function("ListContributions")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Contributions)] HttpRequest request,
        string id) =>
        new ResultAction(await endpoints.ListAsync(id, request, request.HttpContext.RequestAborted));
}
