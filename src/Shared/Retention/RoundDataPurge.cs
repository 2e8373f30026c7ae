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
public sealed partial class RoundDataPurge(StorageClients storage, AddressHasher hasher, TimeProvider clock, IOperatorEvents events, ILogger<RoundDataPurge> log)
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
        await storage.Table(StorageClients.AuditTable).AddEntityAsync(new TableEntity(roundId, $"{DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["At"] = now,
            ["Actor"] = PersonalData.Actor(actor, hasher),
            ["Action"] = AuditActions.PersonalDataPurged,
            ["Detail"] = $"Persoonsgegevens verwijderd: {report.ArchivedMails} bewaarde mail(s) en {report.OutboxCopies} kopie(ën) van verstuurde mail gewist; "
                         + $"adressen vervangen door hun hash in {report.InboundMessages} ontvangen bericht(en), {report.Notes} notitie(s), {report.MailEvents} "
                         + $"bezorgmelding(en), {report.MailLedger} verstuurde mail(s) en {report.AuditEntries} logregel(s)"
                         + (report.History ? "; de orkestratiegeschiedenis is gewist." : "."),
        }, cancellationToken);

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
    private async Task<int> InboundAsync(string roundId, HashSet<string> archives, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageClients.InboundTable);
        var changed = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RoundId eq {roundId}"), cancellationToken: cancellationToken))
        {
            if (e.GetString("ArchiveBlob") is { Length: > 0 } blob)
                archives.Add(blob);
            var update = new TableEntity(e.PartitionKey, e.RowKey);
            Set(update, e, "From", PersonalData.Sender(e.GetString("From"), hasher));
            Set(update, e, "Subject", e.GetString("Subject") is { Length: > 0 } ? PersonalData.Removed : null);
            Set(update, e, "Reason", PersonalData.Text(e.GetString("Reason"), hasher));
            changed += await MergeAsync(table, update, cancellationToken);
        }
        return changed;
    }

    // The letter text stays (it is in the letter); who sent it becomes a hash, and the raw mail it came in goes.
    // Submission markers (same partition) carry the message id too.
    private async Task<int> ContributionsAsync(string roundId, HashSet<string> archives, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageClients.ContributionsTable);
        var changed = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == roundId, cancellationToken: cancellationToken))
        {
            if (e.GetString("ArchiveBlob") is { Length: > 0 } blob)
                archives.Add(blob);
            var update = new TableEntity(e.PartitionKey, e.RowKey);
            if (e.GetString("Sender") is { Length: > 0 } sender)
                Set(update, e, "Sender", PersonalData.Actor(sender, hasher));
            // A Message-ID header is shaped like an address (<local@host>) and some clients put the sender in it.
            Set(update, e, "MessageId", PersonalData.Text(e.GetString("MessageId"), hasher));
            Set(update, e, "SubmissionKey", PersonalData.Text(e.GetString("SubmissionKey"), hasher));
            changed += await MergeAsync(table, update, cancellationToken);
        }
        return changed;
    }

    // A note is mailbox content: its text goes whole; kind, ministry, reason and what was counted stay.
    private async Task<int> NotesAsync(string roundId, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageClients.NotesTable);
        var changed = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == roundId, cancellationToken: cancellationToken))
        {
            var update = new TableEntity(e.PartitionKey, e.RowKey);
            Set(update, e, "From", PersonalData.Sender(e.GetString("From"), hasher));
            Set(update, e, "Subject", e.GetString("Subject") is { Length: > 0 } ? PersonalData.Removed : null);
            var text = TextProperties.Read(e, "Text");
            if (text.Length > 0)
            {
                foreach (var key in e.Keys.Where(k => k.StartsWith("Text", StringComparison.Ordinal) && k != "TextChunks").ToList())
                    update[key] = "";
                update["TextChunks"] = 0;
            }
            changed += await MergeAsync(table, update, cancellationToken);
        }
        return changed;
    }

    private async Task<int> MailEventsAsync(string roundId, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageClients.MailEventsTable);
        var changed = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == roundId, cancellationToken: cancellationToken))
        {
            var update = new TableEntity(e.PartitionKey, e.RowKey);
            Set(update, e, "Email", PersonalData.Address(e.GetString("Email"), hasher));
            Set(update, e, "Reason", PersonalData.Text(e.GetString("Reason"), hasher));
            changed += await MergeAsync(table, update, cancellationToken);
        }
        return changed;
    }

    // The ledger keeps its recipients as a hash already; the timeline line it keeps ("Aan …: onderwerp") names them.
    private async Task<int> LedgerAsync(string roundId, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageClients.MailTable);
        var changed = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == roundId, cancellationToken: cancellationToken))
        {
            var update = new TableEntity(e.PartitionKey, e.RowKey);
            Set(update, e, "Detail", PersonalData.Text(e.GetString("Detail"), hasher));
            changed += await MergeAsync(table, update, cancellationToken);
        }
        return changed;
    }

    private async Task<int> AuditAsync(string roundId, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageClients.AuditTable);
        var changed = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(x => x.PartitionKey == roundId, cancellationToken: cancellationToken))
        {
            var update = new TableEntity(e.PartitionKey, e.RowKey);
            var action = e.GetString("Action") ?? "";
            Set(update, e, "Actor", PersonalData.Actor(e.GetString("Actor") ?? "", hasher));
            Set(update, e, "ActorName", e.GetString("ActorName") is { Length: > 0 } ? PersonalData.Removed : null);
            Set(update, e, "Detail", PersonalData.AuditDetail(action, e.GetString("Detail") ?? "", hasher));
            changed += await MergeAsync(table, update, cancellationToken);
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

    private async Task<bool> DeleteBlobAsync(string container, string name, CancellationToken cancellationToken) =>
        (await storage.Container(container).GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value;

    // Only what changes is written: a second purge writes nothing.
    private static void Set(TableEntity update, TableEntity current, string key, string? value)
    {
        if (value is not null && !string.Equals(value, current.GetString(key), StringComparison.Ordinal))
            update[key] = value;
    }

    private static async Task<int> MergeAsync(TableClient table, TableEntity update, CancellationToken cancellationToken)
    {
        if (!update.Keys.Any(k => k is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")))
            return 0;
        await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
        return 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Round {Round}: personal data purged ({Trigger}): {Archived} archived mail(s), {Outbox} outbox copies deleted, history purged: {History}")]
    private static partial void Purged(ILogger logger, string round, string trigger, int archived, int outbox, bool history);
}
