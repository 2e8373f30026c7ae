using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>
/// The coordinator's page. Anonymous at the Functions level only because App Service Authentication (Microsoft
/// Entra ID, authsettingsV2 in infra/bicep/modules/functionapp.bicep) signs every visitor in before a request
/// reaches the app.
/// </summary>
public sealed class PageFunctions(PageEndpoint endpoint)
{
    /// <summary>"/" itself (the host's own home page is off: AzureWebJobsDisableHomepage in the Bicep).</summary>
    [Function("PageRoot")]
    public IActionResult Root(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.FunctionsPageRoot)] HttpRequest request) =>
        new ResultAction(endpoint.Root());

    [Function("Page")]
    public IActionResult Serve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Page)] HttpRequest request,
        string? path) =>
        new ResultAction(endpoint.Serve(path, request.HttpContext.Response));
}
