using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>The coordinator counts a note as a ministry's text for a pillar.</summary>
public sealed class NoteFunctions(NoteEndpoint endpoint)
{
    [Function("CountNote")]
    public async Task<IActionResult> Count(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.NoteCount)] HttpRequest request,
        string id,
        string noteId,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await endpoint.CountAsync(id, noteId, request, client, request.HttpContext.RequestAborted));
}
