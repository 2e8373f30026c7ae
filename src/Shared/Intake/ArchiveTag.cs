using Microsoft.Extensions.Logging;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>
/// Sets the archived payload's outcome tag (<see cref="BlobRetention"/>). A passing fault propagates (the webhook
/// answers 503 and SendGrid's retry sets it); a refusal for good (e.g. an identity without the tag permission) is
/// logged and does not undo the outcome: the blob is then kept for the longer raw-mail retention.
/// </summary>
internal static class ArchiveTag
{
    public static async Task SetAsync(InboundStore inbound, string blob, string outcome, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await inbound.TagArchiveAsync(blob, outcome, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (!TransientFault.Is(e))
        {
            logger.LogWarning("Archived inbound blob not tagged {Outcome}: {Status} {ErrorCode}", outcome, e.Status, e.ErrorCode);
        }
    }
}
