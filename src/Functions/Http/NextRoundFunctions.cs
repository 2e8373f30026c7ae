using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>Next year's round from this one, last year's text taken over on a "geen wijzigingen" note, and the rounds that start by themselves.</summary>
public sealed class NextRoundFunctions(NextRoundEndpoint next, NoteEndpoint notes, NextStartsEndpoint starts)
{
    [Function("StartNextRound")]
    public async Task<IActionResult> Next(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.NextRound)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await next.HandleAsync(id, request, client, request.HttpContext.RequestAborted));

    [Function("AdoptLastYear")]
    public async Task<IActionResult> Adopt(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.NoteAdopt)] HttpRequest request,
        string id,
        string noteId,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await notes.AdoptAsync(id, noteId, request, client, request.HttpContext.RequestAborted));

    [Function("ListNextRounds")]
    public async Task<IActionResult> NextRounds(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.NextRounds)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await starts.ListAsync(request, client, request.HttpContext.RequestAborted));
}
