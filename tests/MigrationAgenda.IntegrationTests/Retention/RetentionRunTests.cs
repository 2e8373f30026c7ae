using System.Text;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MigrationAgenda.IntegrationTests.Intake;
using MigrationAgenda.Mail;
using MigrationAgenda.Retention;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Retention;

/// <summary>
/// The daily retention run on a real Azurite of its own (it scans whole tables and containers, so no other test's data
/// is in them) and the real engine: entries older than their period are removed, newer ones kept, and the letter
/// (drafts, final, manifest) never, however far the clock moves. Time moves by a clock given to the run only.
/// </summary>
public sealed class RetentionRunTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly RecordingOperatorEvents _events = new();
    private WebhookHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await WebhookHosts.StartAsync(azurite, "retention-secret");

    public Task DisposeAsync() => _hosts.DisposeAsync().AsTask();

    private StorageClients Storage => _hosts.Workflow.Storage;

    /// <summary>The run as the hosts make it, with the clock at <paramref name="at"/>.</summary>
    private RetentionRun Run(DateTimeOffset at, RetentionOptions? options = null)
    {
        var clock = new FixedClock(at);
        var purge = ActivatorUtilities.CreateInstance<RoundDataPurge>(_hosts.Workflow.Services, clock, (IOperatorEvents)_events);
        return ActivatorUtilities.CreateInstance<RetentionRun>(_hosts.Workflow.Services, clock, purge, (IOperatorEvents)_events, Options.Create(options ?? new RetentionOptions()));
    }

    [Fact]
    public async Task Mail_older_than_its_period_goes_newer_mail_stays_and_the_letter_is_never_touched()
    {
        var inbound = _hosts.Workflow.Services.GetRequiredService<InboundStore>();
        var oldAccepted = await InboundAsync(inbound, InboundOutcomes.Accepted, Now.AddDays(-731));
        var youngAccepted = await InboundAsync(inbound, InboundOutcomes.Accepted, Now.AddDays(-365));
        var oldQuarantined = await InboundAsync(inbound, InboundOutcomes.Quarantined, Now.AddDays(-91));
        var youngQuarantined = await InboundAsync(inbound, InboundOutcomes.Quarantined, Now.AddDays(-30));
        // Quarantined, then released by the coordinator: back under the raw-mail retention.
        var oldReleased = await InboundAsync(inbound, InboundOutcomes.Released, Now.AddDays(-91));
        // Archived, but the host died before the row was written: found by the date in its name.
        var oldOrphan = await inbound.ArchiveAsync(Payload("orphan-old"), InboundStore.Sha256(Payload("orphan-old")), "multipart/form-data", Now.AddDays(-740), CancellationToken.None);
        var youngOrphan = await inbound.ArchiveAsync(Payload("orphan-new"), InboundStore.Sha256(Payload("orphan-new")), "multipart/form-data", Now.AddDays(-1), CancellationToken.None);
        // A notice claim as earlier versions wrote one for each quarantined message.
        await Storage.Table(StorageClients.InboundTable).AddEntityAsync(
            new TableEntity("notice-" + InboundStore.Partition(Now.AddDays(-91)), oldQuarantined.Id) { ["At"] = Now.AddDays(-91) });
        Assert.Equal(1, await CountAsync(StorageClients.InboundTable, e => e.PartitionKey.StartsWith("notice-", StringComparison.Ordinal)));
        var events = _hosts.Workflow.Services.GetRequiredService<MailEventStore>();
        await events.AddAsync(Event("old-unrouted", Now.AddDays(-800)), Now.AddDays(-800), CancellationToken.None);
        await events.AddAsync(Event("new-unrouted", Now.AddDays(-2)), Now.AddDays(-2), CancellationToken.None);
        var audit = _hosts.Workflow.Services.GetRequiredService<AuditLog>();
        await audit.WriteAsync(AuditLog.InboundPartition, "mail:old@elders.example", AuditActions.MailReprocessed, "oud", Now.AddDays(-800), CancellationToken.None);
        await audit.WriteAsync(AuditLog.InboundPartition, "mail:new@elders.example", AuditActions.MailReprocessed, "nieuw", Now.AddDays(-2), CancellationToken.None);
        await Upload(StorageClients.OutboxContainer, "r-retention/request-szw.json");
        var letter = await LetterAsync("r-letter");

        var first = await Run(Now).RunOnceAsync(_hosts.Workflow.Client, CancellationToken.None);

        Assert.Equal((1, 1), (first.InboundMessages, first.QuarantinedMessages));
        Assert.Equal(3, first.ArchivedMails);
        Assert.Null(await inbound.GetAsync(oldAccepted.Id, CancellationToken.None));
        Assert.Null(await inbound.GetAsync(oldQuarantined.Id, CancellationToken.None));
        Assert.NotNull(await inbound.GetAsync(youngAccepted.Id, CancellationToken.None));
        Assert.NotNull(await inbound.GetAsync(youngQuarantined.Id, CancellationToken.None));
        Assert.NotNull(await inbound.GetAsync(oldReleased.Id, CancellationToken.None));
        Assert.False(await ExistsAsync(StorageClients.InboundContainer, oldAccepted.ArchiveBlob));
        Assert.False(await ExistsAsync(StorageClients.InboundContainer, oldQuarantined.ArchiveBlob));
        Assert.False(await ExistsAsync(StorageClients.InboundContainer, oldOrphan));
        Assert.True(await ExistsAsync(StorageClients.InboundContainer, youngAccepted.ArchiveBlob));
        Assert.True(await ExistsAsync(StorageClients.InboundContainer, youngQuarantined.ArchiveBlob));
        Assert.True(await ExistsAsync(StorageClients.InboundContainer, oldReleased.ArchiveBlob));
        Assert.True(await ExistsAsync(StorageClients.InboundContainer, youngOrphan));
        Assert.Equal(0, await CountAsync(StorageClients.InboundTable, e => e.PartitionKey.StartsWith("notice-", StringComparison.Ordinal)));
        Assert.Equal(["new-unrouted"], await RowKeysAsync(StorageClients.MailEventsTable, MailEventStore.NoRound));
        Assert.Equal(["nieuw"], (await audit.ListAllAsync(AuditLog.InboundPartition, CancellationToken.None)).Select(e => e.Detail));
        Assert.Equal((1, 1), (first.MailEvents, first.AuditEntries));
        Assert.True(await ExistsAsync(StorageClients.OutboxContainer, "r-retention/request-szw.json"), "an outbox copy of today stays");
        var applied = Assert.Single(_events.Events, e => e.Name == TelemetryNames.RetentionApplied);
        Assert.Equal(("1", "1", "3", "0"), (applied.Properties["InboundMessages"], applied.Properties["QuarantinedMessages"], applied.Properties["ArchivedMails"], applied.Properties["Failures"]));

        // Half a year on: the outbox copy is past its 180 days, the young quarantined mail past its 90; the year-old mail stays.
        var second = await Run(Now.AddDays(181)).RunOnceAsync(_hosts.Workflow.Client, CancellationToken.None);
        Assert.Equal((1, 0, 1), (second.OutboxCopies, second.InboundMessages, second.QuarantinedMessages));
        Assert.False(await ExistsAsync(StorageClients.OutboxContainer, "r-retention/request-szw.json"));
        Assert.NotNull(await inbound.GetAsync(youngAccepted.Id, CancellationToken.None));
        Assert.Null(await inbound.GetAsync(youngQuarantined.Id, CancellationToken.None));

        // Ten years on, everything with a period is gone; the letter is public record and stays whole.
        await Run(Now.AddYears(10)).RunOnceAsync(_hosts.Workflow.Client, CancellationToken.None);
        Assert.Null(await inbound.GetAsync(youngAccepted.Id, CancellationToken.None));
        Assert.False(await ExistsAsync(StorageClients.InboundContainer, youngOrphan));
        foreach (var name in letter)
            Assert.True(await ExistsAsync(StorageClients.LettersContainer, name), $"letter blob {name} deleted");
    }

    [Fact]
    public async Task A_finished_rounds_history_goes_after_its_period_and_its_personal_data_later_once()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("SZW"));
        var running = await Run(Now.AddYears(5)).RunOnceAsync(_hosts.Workflow.Client, CancellationToken.None);
        Assert.Equal((0, 0), (running.Instances, running.Rounds));
        Assert.NotNull(await _hosts.Workflow.Client.GetInstanceAsync(round));

        (await _hosts.Api.Http.PostAsync($"/api/rounds/{round}/cancel", JsonBodies.Empty())).EnsureSuccessStatusCode();
        var ended = await Eventually.WaitAsync(() => _hosts.Workflow.Client.GetInstanceAsync(round), i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            WebhookDriver.Patience, "the cancelled round completes");
        var letter = await LetterAsync(round);

        // Within the 30 days after the round ended: the history stays.
        var early = await Run(ended!.LastUpdatedAt.AddDays(29)).RunOnceAsync(_hosts.Workflow.Client, CancellationToken.None);
        Assert.Equal(0, early.Instances);
        Assert.NotNull(await _hosts.Workflow.Client.GetInstanceAsync(round));

        // Past them: purged from the task hub; the round still reads as cancelled from its table, with its contacts.
        var late = await Run(ended.LastUpdatedAt.AddDays(31)).RunOnceAsync(_hosts.Workflow.Client, CancellationToken.None);
        Assert.Equal((1, 0, 0), (late.Instances, late.Rounds, late.Failures));
        Assert.Null(await _hosts.Workflow.Client.GetInstanceAsync(round));
        var record = await _hosts.Workflow.Services.GetRequiredService<RoundStore>().GetAsync(round, CancellationToken.None);
        Assert.Equal(RoundPhase.Cancelled, record!.Phase);
        Assert.Equal("officer@szw.example", record.Plan.Participants.Single().Contacts[0].Email);

        // Past the personal-data period: the round's addresses go (the retention purge), once.
        var purged = await Run(ended.LastUpdatedAt.AddDays(731)).RunOnceAsync(_hosts.Workflow.Client, CancellationToken.None);
        Assert.Equal(1, purged.Rounds);
        record = await _hosts.Workflow.Services.GetRequiredService<RoundStore>().GetAsync(round, CancellationToken.None);
        Assert.StartsWith(AddressHasher.Prefix, record!.Plan.Participants.Single().Contacts[0].Email);
        var tracked = Assert.Single(_events.Events, e => e.Name == TelemetryNames.PersonalDataPurged);
        Assert.Equal(RoundDataPurge.TriggerRetention, tracked.Properties[TelemetryNames.Properties.Trigger]);
        var entry = Assert.Single(await _hosts.Workflow.Services.GetRequiredService<AuditLog>().ListAllAsync(round, CancellationToken.None), e => e.Action == AuditActions.PersonalDataPurged);
        Assert.Equal(AuditActions.System, entry.Actor);
        Assert.Equal(0, (await Run(ended.LastUpdatedAt.AddDays(732)).RunOnceAsync(_hosts.Workflow.Client, CancellationToken.None)).Rounds);
        foreach (var name in letter)
            Assert.True(await ExistsAsync(StorageClients.LettersContainer, name), $"letter blob {name} deleted");
    }

    private static byte[] Payload(string tag) => Encoding.UTF8.GetBytes($"from=a@b.example&text={tag}-{Guid.NewGuid():N}");

    private static async Task<InboundRecord> InboundAsync(InboundStore store, string outcome, DateTimeOffset at)
    {
        var payload = Payload(outcome);
        var id = InboundStore.Sha256(payload);
        var blob = await store.ArchiveAsync(payload, id, "multipart/form-data", at, CancellationToken.None);
        var record = new InboundRecord { Id = id, Outcome = outcome, ArchiveBlob = blob, ReceivedAt = at, From = "someone@elders.example", Subject = "Re: Verzoek" };
        await store.RecordAsync(record, CancellationToken.None);
        return record;
    }

    private static MailEvent Event(string id, DateTimeOffset at) =>
        new() { EventId = id, Event = MailEvent.Bounce, Type = "bounce", Email = "unknown@elders.example", At = at };

    /// <summary>A letter as approval leaves it: a draft, the final copy and its manifest.</summary>
    private async Task<List<string>> LetterAsync(string round)
    {
        var names = new List<string>
        {
            LetterStore.BlobName(round, LetterStore.DraftVersion(1), "md"),
            LetterStore.BlobName(round, LetterStore.Final, "md"),
            LetterStore.BlobName(round, LetterStore.Final, "docx"),
            $"{round}/{LetterStore.Final}/{LetterStore.ManifestFile}",
        };
        foreach (var name in names)
            await Upload(StorageClients.LettersContainer, name);
        return names;
    }

    private Task Upload(string container, string name) =>
        Storage.Container(container).GetBlobClient(name).UploadAsync(BinaryData.FromString("# Voortgangsbrief"), overwrite: true);

    private async Task<bool> ExistsAsync(string container, string name) => (await Storage.Container(container).GetBlobClient(name).ExistsAsync()).Value;

    private async Task<int> CountAsync(string table, Func<TableEntity, bool> which)
    {
        var n = 0;
        await foreach (var e in Storage.Table(table).QueryAsync<TableEntity>())
            if (which(e))
                n++;
        return n;
    }

    private async Task<List<string>> RowKeysAsync(string table, string partition)
    {
        var keys = new List<string>();
        await foreach (var e in Storage.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
            keys.Add(e.RowKey);
        return keys;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
