using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>Download a round's letter.</summary>
public sealed class LetterFunction(LetterEndpoint endpoint)
{
    [Function("GetLetter")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Letter)] HttpRequest request,
        string id) =>
        new ResultAction(await endpoint.HandleAsync(id, request, request.HttpContext.RequestAborted));
}
