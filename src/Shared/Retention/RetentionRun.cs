using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Retention;

/// <summary>What one retention run removed (the counts of <see cref="TelemetryNames.RetentionApplied"/>).</summary>
public sealed record RetentionReport
{
    public int InboundMessages { get; init; }
    public int QuarantinedMessages { get; init; }
    public int ArchivedMails { get; init; }
    public int OutboxCopies { get; init; }
    public int MailEvents { get; init; }
    public int AuditEntries { get; init; }
    /// <summary>Finished rounds whose personal data the run purged (<see cref="RetentionOptions.PersonalDataDaysAfterFinal"/>).</summary>
    public int Rounds { get; init; }
    /// <summary>Orchestration histories purged from the task hub.</summary>
    public int Instances { get; init; }
    public int Failures { get; init; }
}

/// <summary>
/// The daily retention run, one for both hosts (the Functions app's timer, Standalone's background service): removes
/// what is older than its period (<see cref="RetentionOptions"/>): raw inbound mail and its rows, quarantined mail
/// sooner, outbox copies, SendGrid events and audit entries that belong to no round; the orchestration history of a
/// round some time after its final letter; and, later still, the round's personal data (<see cref="RoundDataPurge"/>).
/// A round's audit, its contributions and the letter (drafts, final, manifest) stay: the letter is public record.
/// Everything it deletes is found by its own date, so a run that stopped half-way is finished by the next one.
/// </summary>
public sealed partial class RetentionRun(
    StorageClients storage, RoundStore rounds, RoundDataPurge purge, IOptions<RetentionOptions> options, TimeProvider clock,
    IOperatorEvents events, ILogger<RetentionRun> log)
{
    public async Task<RetentionReport> RunOnceAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var (inbound, quarantined, inboundBlobs) = await InboundAsync(now - RetentionOptions.Days(settings.InboundMailDays),
            now - RetentionOptions.Days(settings.QuarantinedMailDays), cancellationToken);
        var report = new RetentionReport
        {
            InboundMessages = inbound,
            QuarantinedMessages = quarantined,
            ArchivedMails = inboundBlobs + await OldArchivesAsync(now - RetentionOptions.Days(settings.InboundMailDays), cancellationToken),
            OutboxCopies = await OutboxAsync(now - RetentionOptions.Days(settings.OutboxDays), cancellationToken),
            MailEvents = await DeleteOlderAsync(StorageClients.MailEventsTable, MailEventStore.NoRound, "ReceivedAt",
                now - RetentionOptions.Days(settings.InboundMailDays), cancellationToken),
            AuditEntries = await DeleteOlderAsync(StorageClients.AuditTable, AuditLog.InboundPartition, "At",
                now - RetentionOptions.Days(settings.InboundMailDays), cancellationToken),
        };
        report = await RoundsAsync(report, now, settings, client, cancellationToken);

        events.Track(TelemetryNames.RetentionApplied, new Dictionary<string, string>
        {
            ["InboundMessages"] = Text(report.InboundMessages),
            ["QuarantinedMessages"] = Text(report.QuarantinedMessages),
            ["ArchivedMails"] = Text(report.ArchivedMails),
            ["OutboxCopies"] = Text(report.OutboxCopies),
            ["MailEvents"] = Text(report.MailEvents),
            ["AuditEntries"] = Text(report.AuditEntries),
            ["Rounds"] = Text(report.Rounds),
            ["Instances"] = Text(report.Instances),
            [TelemetryNames.Properties.Failures] = Text(report.Failures),
        });
        Applied(log, report.InboundMessages, report.QuarantinedMessages, report.ArchivedMails, report.OutboxCopies, report.Rounds, report.Instances, report.Failures);
        return report;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    // Inbound rows past their period (quarantined ones sooner), with their archived payload; the notice claims too.
    private async Task<(int Inbound, int Quarantined, int Blobs)> InboundAsync(DateTimeOffset mailCutoff, DateTimeOffset quarantineCutoff, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageClients.InboundTable);
        int inbound = 0, quarantined = 0, blobs = 0;
        var older = quarantineCutoff < mailCutoff ? mailCutoff : quarantineCutoff;
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ReceivedAt lt {older.UtcDateTime}"), cancellationToken: cancellationToken))
        {
            var at = e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MaxValue;
            var isQuarantined = e.GetString("Outcome") == InboundOutcomes.Quarantined;
            if (!(at < mailCutoff || (isQuarantined && at < quarantineCutoff)))
                continue;
            if (e.GetString("ArchiveBlob") is { Length: > 0 } blob && await DeleteBlobAsync(StorageClients.InboundContainer, blob, cancellationToken))
                blobs++;
            await table.DeleteEntityAsync(e.PartitionKey, e.RowKey, cancellationToken: cancellationToken);
            if (isQuarantined)
                quarantined++;
            else
                inbound++;
        }
        // Earlier versions claimed each quarantine notice in a row of its own (PK notice-yyyyMM): those go with the
        // quarantined mail they were for.
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"At lt {quarantineCutoff.UtcDateTime}"), cancellationToken: cancellationToken))
            if (e.PartitionKey.StartsWith(InboundStore.NoticePrefix, StringComparison.Ordinal))
                await table.DeleteEntityAsync(e.PartitionKey, e.RowKey, cancellationToken: cancellationToken);
        return (inbound, quarantined, blobs);
    }

    // Archived payloads whose row never got written (the host died in between) go by the date in their name (yyyy/MM/dd/…).
    private async Task<int> OldArchivesAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var container = storage.Container(StorageClients.InboundContainer);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
        {
            if (blob.Name.Length < 11 || !DateTime.TryParseExact(blob.Name[..10], "yyyy'/'MM'/'dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
                continue;
            // The whole day must be past the cutoff: a payload of that day is at most a day younger than its folder.
            if (new DateTimeOffset(day, TimeSpan.Zero).AddDays(1) <= cutoff && await DeleteBlobAsync(StorageClients.InboundContainer, blob.Name, cancellationToken))
                deleted++;
        }
        return deleted;
    }

    private async Task<int> OutboxAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var deleted = 0;
        var container = storage.Container(StorageClients.OutboxContainer);
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
            if ((blob.Properties.CreatedOn ?? blob.Properties.LastModified) is { } written && written < cutoff
                && await DeleteBlobAsync(StorageClients.OutboxContainer, blob.Name, cancellationToken))
                deleted++;
        return deleted;
    }

    // Rows that belong to no round (SendGrid events of mail we cannot tie to one, audit of unknown mail): by their own date.
    private async Task<int> DeleteOlderAsync(string tableName, string partition, string dateProperty, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = storage.Table(tableName);
        var deleted = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            if ((e.GetDateTimeOffset(dateProperty) ?? e.Timestamp ?? DateTimeOffset.MaxValue) >= cutoff)
                continue;
            await table.DeleteEntityAsync(e.PartitionKey, e.RowKey, cancellationToken: cancellationToken);
            deleted++;
        }
        return deleted;
    }

    // Per finished round: its history some time after the final letter, its personal data later. One round's fault
    // (storage, the engine) is counted and logged, and the next round goes on; the next run tries it again.
    private async Task<RetentionReport> RoundsAsync(RetentionReport report, DateTimeOffset now, RetentionOptions settings, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var purgedRows = await PurgedRoundsAsync(cancellationToken);
        foreach (var record in await rounds.ListAsync(cancellationToken))
        {
            var roundId = record.Plan.RoundId;
            try
            {
                var round = RoundState.Of(roundId, record, await client.GetInstanceAsync(roundId, getInputsAndOutputs: false, cancellationToken));
                if (!RoundDataPurge.CanPurge(round))
                    continue;
                var final = await FinishedAtAsync(round, cancellationToken);
                if (settings.PersonalDataDaysAfterFinal > 0 && !purgedRows.Contains(roundId) && final + RetentionOptions.Days(settings.PersonalDataDaysAfterFinal) <= now)
                {
                    var purged = await purge.PurgeAsync(roundId, AuditActions.System, RoundDataPurge.TriggerRetention, client, cancellationToken);
                    report = report with { Rounds = report.Rounds + 1, Instances = report.Instances + (purged.History ? 1 : 0) };
                }
                else if (round.Instance is { RuntimeStatus: OrchestrationRuntimeStatus.Completed } && final + RetentionOptions.Days(settings.HistoryDaysAfterFinal) <= now)
                {
                    var result = await client.PurgeInstanceAsync(roundId, cancellation: cancellationToken);
                    report = report with { Instances = report.Instances + result.PurgedInstanceCount };
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                RoundFailed(log, roundId, e.GetType().Name);
                report = report with { Failures = report.Failures + 1 };
            }
        }
        return report;
    }

    // When the round became final: the final letter's manifest, written once; a cancelled round's last change.
    private async Task<DateTimeOffset> FinishedAtAsync(RoundState round, CancellationToken cancellationToken)
    {
        if (round.Phase == RoundPhase.Approved)
        {
            var manifest = storage.Container(StorageClients.LettersContainer)
                .GetBlobClient($"{round.RoundId}/{LetterStore.Final}/{LetterStore.ManifestFile}");
            try
            {
                var properties = await manifest.GetPropertiesAsync(cancellationToken: cancellationToken);
                return properties.Value.CreatedOn;
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // Approved before the letter was copied (a failure in between): the round's own last change.
            }
        }
        return round.Instance?.LastUpdatedAt ?? round.Record!.UpdatedAt;
    }

    private async Task<HashSet<string>> PurgedRoundsAsync(CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in storage.Table(StorageClients.RoundsTable).QueryAsync<TableEntity>(
                           select: ["PartitionKey", RoundDataPurge.PurgedAtProperty], cancellationToken: cancellationToken))
            if (e.GetDateTimeOffset(RoundDataPurge.PurgedAtProperty) is not null)
                ids.Add(e.PartitionKey);
        return ids;
    }

    private Task<bool> DeleteBlobAsync(string container, string name, CancellationToken cancellationToken) =>
        RoundDataPurge.DeleteBlobAsync(storage, container, name, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Inbound} inbound and {Quarantined} quarantined message(s), {Archived} archived mail(s), {Outbox} outbox copies removed; {Rounds} round(s) purged, {Instances} history(ies) purged; {Failures} failure(s)")]
    private static partial void Applied(ILogger logger, int inbound, int quarantined, int archived, int outbox, int rounds, int instances, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention: round {Round} could not be handled this run ({Error}); the next run tries again")]
    private static partial void RoundFailed(ILogger logger, string round, string error);
}
