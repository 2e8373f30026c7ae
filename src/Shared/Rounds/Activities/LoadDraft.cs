using Microsoft.DurableTask;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

/// <summary>A stored draft as a resumed round finds it: its summary and when it went to the approver.</summary>
public sealed record StoredDraft(DraftSummary Draft, DateTimeOffset? SentAt);

/// <summary>
/// Reads draft n back from the letter store (its manifest and blobs) and the mail ledger (when it was sent), for a
/// round resumed while the draft was in review or being approved: the same draft goes on, it is not made again.
/// </summary>
public sealed class LoadDraft(LetterStore letters, MailLedger ledger) : TaskActivity<DraftRequest, StoredDraft?>
{
    public override async Task<StoredDraft?> RunAsync(TaskActivityContext context, DraftRequest request)
    {
        var version = LetterStore.DraftVersion(request.Number);
        var manifest = await letters.ReadManifestAsync(request.RoundId, version, CancellationToken.None);
        if (manifest is null)
            return null;
        var blobs = new[] { "md", "html", "docx" }.Select(f => LetterStore.BlobName(request.RoundId, version, f))
            .Append($"{request.RoundId}/{version}/{LetterStore.ManifestFile}").ToList();
        var sent = await ledger.GetAsync(request.RoundId, MessageIds.DraftForApproval(request.Number), CancellationToken.None);
        return new StoredDraft(new DraftSummary(request.RoundId, request.Number, manifest.Missing, manifest.Changes, manifest.Warnings, blobs), sent?.SentAt);
    }
}
