using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Http;

/// <summary>
/// SendGrid's Event Webhook. Like the Inbound Parse webhook it is excluded from App Service Authentication (SendGrid
/// cannot sign in) and keeps a function key; the endpoint checks SendGrid's signature on every post.
/// </summary>
public sealed class MailEventsFunction(MailEventsEndpoint endpoint)
{
    [Function("MailEvents")]
    public async Task<IActionResult> Receive(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.MailEvents)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        new ResultAction(await endpoint.ReceiveAsync(request, client, request.HttpContext.RequestAborted));
}
