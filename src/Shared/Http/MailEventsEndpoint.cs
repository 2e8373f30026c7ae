using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// POST /api/mail/events: SendGrid's Event Webhook (bounces, drops, delays, spam reports). Exempt from the API's JSON and
/// same-origin rules like the Inbound Parse webhook: SendGrid is a server and proves itself with its ECDSA signature
/// (<see cref="EventWebhookSignature"/>) and, in Azure, the function key. 200 once every event is stored and handled;
/// 503 for transient faults and a missing key, so SendGrid retries (for 24 hours); 403 for a bad or stale signature.
/// </summary>
public sealed class MailEventsEndpoint(MailEventProcessor processor, IOptions<MailOptions> options, TimeProvider clock, ILogger<MailEventsEndpoint> logger)
{
    /// <summary>SendGrid batches events; its posts stay far below this.</summary>
    public const long MaxBytes = 8 * 1024 * 1024;

    public async Task<IResult> ReceiveAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        using var signature = EventWebhookSignature.FromPublicKey(options.Value.EventWebhookPublicKey);
        if (signature is null)
        {
            logger.LogError("Event Webhook post refused: Mail:EventWebhookPublicKey is not set or is not a base64 EC public key");
            return Problems.Unavailable("Het Event Webhook is nog niet ingesteld (Mail:EventWebhookPublicKey); SendGrid probeert het later opnieuw.");
        }

        if (await BoundedBody.ReadAsync(request, MaxBytes, cancellationToken) is not { } body)
            return BoundedBody.TooLarge(MaxBytes);

        var fault = signature.Check(request.Headers[EventWebhookSignature.SignatureHeader].ToString(),
            request.Headers[EventWebhookSignature.TimestampHeader].ToString(), body, clock.GetUtcNow(), options.Value.EventWebhookMaxAge);
        if (fault is not null)
        {
            logger.LogWarning("Event Webhook post refused: signature {Fault}", fault);
            return Results.Problem(fault switch
            {
                SignatureFault.Missing => "De handtekening van SendGrid ontbreekt.",
                SignatureFault.Stale => "Het tijdstip van de handtekening ligt te ver van nu; een oud bericht wordt niet opnieuw aangenomen.",
                _ => "De handtekening van SendGrid klopt niet.",
            }, statusCode: StatusCodes.Status403Forbidden, title: "Niet van SendGrid");
        }

        IReadOnlyList<MailEvent> events;
        int skipped;
        try
        {
            events = MailEvent.ParseBatch(body, out skipped);
        }
        catch (JsonException)
        {
            return Problems.BadRequest("De body is geen JSON-lijst van SendGrid-gebeurtenissen.");
        }

        try
        {
            var result = await processor.ProcessAsync(events, skipped, client, cancellationToken);
            return Results.Json(new { stored = result.Stored, duplicates = result.Duplicates, skipped = result.Skipped }, JsonDefaults.Options);
        }
        catch (Exception e) when (TransientFault.Is(e))
        {
            logger.LogWarning("Transient fault while handling mail events: {Error}", e.GetType().Name);
            return Problems.Unavailable("Opslag of werkstroom is tijdelijk niet bereikbaar; SendGrid probeert het later opnieuw.");
        }
    }
}
