using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Retention;

/// <summary>What purging one round changed, per kind (the counts of <see cref="TelemetryNames.PersonalDataPurged"/>).</summary>
public sealed record PurgeReport
{
    public required string RoundId { get; init; }
    public required DateTimeOffset PurgedAt { get; init; }
    public int InboundMessages { get; init; }
    public int ArchivedMails { get; init; }
    public int Notes { get; init; }
    public int MailEvents { get; init; }
    public int AuditEntries { get; init; }
    public int Contributions { get; init; }
    public int OutboxCopies { get; init; }
    public int MailLedger { get; init; }
    /// <summary>The orchestration history was purged from the task hub (it held the plan and every mail's input).</summary>
    public bool History { get; init; }
}

/// <summary>
/// Removes a finished round's personal data and keeps its public record (<c>POST /api/rounds/{id}/purge-personal-data</c>
/// and the retention run): the raw mail of the round (archived payloads, outbox copies) is deleted; its rows keep what
/// the round's history needs with every address as its <see cref="AddressHasher"/> hash and every mail text and subject
/// gone (Inbound, Notes, MailEvents, the mail ledger, the contributions' senders, the contacts in the stored plan, the
/// audit's actors and details); the orchestration history is purged from the task hub. The letter (drafts, final,
/// manifest) and the contributions' letter text stay. Safe to run twice: a purged value stays as it is.
/// The caller checks first that the round <see cref="CanPurge"/>.
/// </summary>
public sealed partial class RoundDataPurge(StorageClients storage, AuditLog audit, AddressHasher hasher, TimeProvider clock, IOperatorEvents events, ILogger<RoundDataPurge> log)
{
    /// <summary>On the Rounds row: when the round's personal data was removed (the retention run skips it after).</summary>
    public const string PurgedAtProperty = "PersonalDataPurgedAt";

    public const string TriggerRequest = "request";
    public const string TriggerRetention = "retention";

    /// <summary>
    /// Approved or cancelled, and its orchestration no longer running. A failed round is not: it can still be resumed,
    /// and a resume needs the addresses (cancel or resume it first).
    /// </summary>
    public static bool CanPurge(RoundState round) =>
        round.Record is not null && round.Phase is RoundPhase.Approved or RoundPhase.Cancelled && !round.IsRunning;

    public async Task<PurgeReport> PurgeAsync(string roundId, string actor, string trigger, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var archives = new HashSet<string>(StringComparer.Ordinal);
        var report = new PurgeReport
        {
            RoundId = roundId,
            PurgedAt = now,
            InboundMessages = await InboundAsync(roundId, archives, cancellationToken),
            Contributions = await ContributionsAsync(roundId, archives, cancellationToken),
            Notes = await NotesAsync(roundId, cancellationToken),
            MailEvents = await MailEventsAsync(roundId, cancellationToken),
            MailLedger = await LedgerAsync(roundId, cancellationToken),
            OutboxCopies = await DeleteBlobsAsync(StorageClients.OutboxContainer, OutboxFormat.RoundPrefix(roundId), cancellationToken),
            AuditEntries = await AuditAsync(roundId, cancellationToken),
        };
        var archived = 0;
        foreach (var name in archives)
            if (await DeleteBlobAsync(StorageClients.InboundContainer, name, cancellationToken))
                archived++;
        report = report with { ArchivedMails = archived, History = await HistoryAsync(roundId, client, cancellationToken) };
        await PlanAsync(roundId, now, cancellationToken);

        // The purge's own entry names its actor as the rest of the audit now does: by hash.
        await audit.WriteAsync(roundId, PersonalData.Actor(actor, hasher), AuditActions.PersonalDataPurged,
            $"Persoonsgegevens verwijderd: {report.ArchivedMails} bewaarde mail(s) en {report.OutboxCopies} kopie(ën) van verstuurde mail gewist; "
            + $"adressen vervangen door hun hash in {report.InboundMessages} ontvangen bericht(en), {report.Notes} notitie(s), {report.MailEvents} "
            + $"bezorgmelding(en), {report.MailLedger} verstuurde mail(s) en {report.AuditEntries} logregel(s)"
            + (report.History ? "; de orkestratiegeschiedenis is gewist." : "."), now, cancellationToken);

        events.Track(TelemetryNames.PersonalDataPurged, new Dictionary<string, string>
        {
            [TelemetryNames.Properties.RoundId] = roundId,
            [TelemetryNames.Properties.Trigger] = trigger,
            ["InboundMessages"] = Count(report.InboundMessages),
            ["ArchivedMails"] = Count(report.ArchivedMails),
            ["Notes"] = Count(report.Notes),
            ["MailEvents"] = Count(report.MailEvents),
            ["AuditEntries"] = Count(report.AuditEntries),
            ["Contributions"] = Count(report.Contributions),
            ["OutboxCopies"] = Count(report.OutboxCopies),
            ["MailLedger"] = Count(report.MailLedger),
            ["History"] = report.History ? "1" : "0",
        });
        Purged(log, roundId, trigger, report.ArchivedMails, report.OutboxCopies, report.History);
        return report;
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Inbound rows are partitioned by month; a round's rows are found by their RoundId wherever they are.
    private Task<int> InboundAsync(string roundId, HashSet<string> archives, CancellationToken cancellationToken) =>
        RewriteAsync(StorageClients.InboundTable, TableClient.CreateQueryFilter($"RoundId eq {roundId}"), (e, update) =>
        {
            if (e.GetString("ArchiveBlob") is { Length: > 0 } blob)
                archives.Add(blob);
            Set(update, e, "From", PersonalData.Sender(e.GetString("From"), hasher));
            Set(update, e, "Subject", e.GetString("Subject") is { Length: > 0 } ? PersonalData.Removed : null);
            Set(update, e, "Reason", PersonalData.Text(e.GetString("Reason"), hasher));
        }, cancellationToken);

    // The letter text stays (it is in the letter); who sent it becomes a hash, and the raw mail it came in goes.
    // Submission markers (same partition) carry the message id too.
    private Task<int> ContributionsAsync(string roundId, HashSet<string> archives, CancellationToken cancellationToken) =>
        RewriteAsync(StorageClients.ContributionsTable, Partition(roundId), (e, update) =>
        {
            if (e.GetString("ArchiveBlob") is { Length: > 0 } blob)
                archives.Add(blob);
            if (e.GetString("Sender") is { Length: > 0 } sender)
                Set(update, e, "Sender", PersonalData.Actor(sender, hasher));
            // A Message-ID header is shaped like an address (<local@host>) and some clients put the sender in it.
            Set(update, e, "MessageId", PersonalData.Text(e.GetString("MessageId"), hasher));
            Set(update, e, "SubmissionKey", PersonalData.Text(e.GetString("SubmissionKey"), hasher));
        }, cancellationToken);

    // A note is mailbox content: its text goes whole; kind, ministry, reason and what was counted stay.
    private Task<int> NotesAsync(string roundId, CancellationToken cancellationToken) =>
        RewriteAsync(StorageClients.NotesTable, Partition(roundId), (e, update) =>
        {
            Set(update, e, "From", PersonalData.Sender(e.GetString("From"), hasher));
            Set(update, e, "Subject", e.GetString("Subject") is { Length: > 0 } ? PersonalData.Removed : null);
            if (TextProperties.Read(e, "Text").Length == 0)
                return;
            foreach (var key in e.Keys.Where(k => k.StartsWith("Text", StringComparison.Ordinal) && k != "TextChunks"))
                update[key] = "";
            update["TextChunks"] = 0;
        }, cancellationToken);

    private Task<int> MailEventsAsync(string roundId, CancellationToken cancellationToken) =>
        RewriteAsync(StorageClients.MailEventsTable, Partition(roundId), (e, update) =>
        {
            Set(update, e, "Email", PersonalData.Address(e.GetString("Email"), hasher));
            Set(update, e, "Reason", PersonalData.Text(e.GetString("Reason"), hasher));
        }, cancellationToken);

    // The ledger keeps its recipients as a hash already; the timeline line it keeps ("Aan …: onderwerp") names them.
    private Task<int> LedgerAsync(string roundId, CancellationToken cancellationToken) =>
        RewriteAsync(StorageClients.MailTable, Partition(roundId),
            (e, update) => Set(update, e, "Detail", PersonalData.Text(e.GetString("Detail"), hasher)), cancellationToken);

    private Task<int> AuditAsync(string roundId, CancellationToken cancellationToken) =>
        RewriteAsync(StorageClients.AuditTable, Partition(roundId), (e, update) =>
        {
            Set(update, e, "Actor", PersonalData.Actor(e.GetString("Actor") ?? "", hasher));
            Set(update, e, "ActorName", e.GetString("ActorName") is { Length: > 0 } ? PersonalData.Removed : null);
            Set(update, e, "Detail", PersonalData.AuditDetail(e.GetString("Action") ?? "", e.GetString("Detail") ?? "", hasher));
        }, cancellationToken);

    private static string Partition(string roundId) => TableClient.CreateQueryFilter($"PartitionKey eq {roundId}");

    /// <summary>
    /// Every row the filter finds, rewritten by <paramref name="rewrite"/> (which fills in the changed properties of an
    /// empty entity with the row's keys) and merged back when something changed; returns how many rows changed.
    /// </summary>
    private async Task<int> RewriteAsync(string tableName, string filter, Action<TableEntity, TableEntity> rewrite, CancellationToken cancellationToken)
    {
        var table = storage.Table(tableName);
        var changed = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var update = new TableEntity(e.PartitionKey, e.RowKey);
            rewrite(e, update);
            // Only what changes is written: a second purge writes nothing.
            if (!update.Keys.Any(k => k is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")))
                continue;
            await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
            changed++;
        }
        return changed;
    }

    // The contacts copied into the stored plan (participants, approver, coordinator, who started it) become hashes.
    private async Task PlanAsync(string roundId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageClients.RoundsTable);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(roundId, roundId, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is not { } e)
            return;
        var update = new TableEntity(roundId, roundId) { [PurgedAtProperty] = now };
        if (e.GetString("Plan") is { Length: > 0 } plan)
            update["Plan"] = PersonalData.Plan(plan, hasher);
        await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    // Only a completed orchestration: a failed one may still be resumed from it, a running one is no finished round.
    private static async Task<bool> HistoryAsync(string roundId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(roundId, getInputsAndOutputs: false, cancellationToken);
        if (instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Completed })
            return false;
        var result = await client.PurgeInstanceAsync(roundId, cancellation: cancellationToken);
        return result.PurgedInstanceCount > 0;
    }

    private async Task<int> DeleteBlobsAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var client = storage.Container(container);
        await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
            if (await DeleteBlobAsync(container, blob.Name, cancellationToken))
                deleted++;
        return deleted;
    }

    private Task<bool> DeleteBlobAsync(string container, string name, CancellationToken cancellationToken) =>
        DeleteBlobAsync(storage, container, name, cancellationToken);

    /// <summary>Deletes a blob with its snapshots (soft delete and versions keep it for a while in Azure); false when it was gone.</summary>
    internal static async Task<bool> DeleteBlobAsync(StorageClients storage, string container, string name, CancellationToken cancellationToken) =>
        (await storage.Container(container).GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value;

    private static void Set(TableEntity update, TableEntity current, string key, string? value)
    {
        if (value is not null && !string.Equals(value, current.GetString(key), StringComparison.Ordinal))
            update[key] = value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Round {Round}: personal data purged ({Trigger}): {Archived} archived mail(s), {Outbox} outbox copies deleted, history purged: {History}")]
    private static partial void Purged(ILogger logger, string round, string trigger, int archived, int outbox, bool history);
}
