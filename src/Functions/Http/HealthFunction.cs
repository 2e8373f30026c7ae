using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>
/// The platform's health check (siteConfig.healthCheckPath in the Bicep). Anonymous at the Functions level like the
/// coordinator's routes: App Service Authentication stays in front of it, and the platform's own health check
/// requests are let through by App Service Authentication without a sign-in.
/// </summary>
public sealed class HealthFunction(HealthEndpoint endpoint)
{
    [Function("Health")]
    public async Task<IActionResult> Check(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HealthEndpoint.Route)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await endpoint.CheckAsync(client, request.HttpContext.RequestAborted));
}
