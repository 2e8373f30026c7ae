using Microsoft.Extensions.Logging;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>
/// Sets the archived payload's outcome tag (<see cref="BlobRetention"/>). A passing fault propagates to the caller's
/// retry (<see cref="QuarantineFollowUp"/>'s, or the coordinator's release or the operator's reprocess answering 503);
/// a refusal for good (e.g. an identity without the tag permission) is logged and does not undo the outcome: the
/// retention run still keeps the blob for its outcome's period, by the Inbound row.
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
