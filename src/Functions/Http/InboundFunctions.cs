using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>The SendGrid Inbound Parse webhook and the quarantine routes.</summary>
public sealed class InboundFunctions(InboundEndpoint endpoint)
{
    [Function("InboundSendGrid")]
    public async Task<IActionResult> Receive(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.SendGridInbound)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await endpoint.ReceiveAsync(request, client, request.HttpContext.RequestAborted));

    [Function("ListQuarantine")]
    public async Task<IActionResult> ListQuarantine(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Quarantine)] HttpRequest request) =>
        new ResultAction(await endpoint.ListQuarantineAsync(request, request.HttpContext.RequestAborted));

    [Function("ReleaseQuarantine")]
    public async Task<IActionResult> Release(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.QuarantineRelease)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await endpoint.ReleaseAsync(id, request, client, request.HttpContext.RequestAborted));

    [Function("ReprocessInbound")]
    public async Task<IActionResult> Reprocess(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Reprocess)] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await endpoint.ReprocessAsync(id, request, client, request.HttpContext.RequestAborted));
}
