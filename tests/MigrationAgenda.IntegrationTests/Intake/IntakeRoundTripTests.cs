using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Intake;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// What intake keeps between mails to spare storage round trips (issue 13), on Azurite and the real engine: the
/// round's plan while the round runs, the 'received' row's ETag, the latest version per pillar. Each is shown to give
/// the answer a fresh read gives, also when another process (a second store over the same account) wrote in between.
/// </summary>
[Collection("Azurite")]
public sealed class IntakeRoundTripTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private WorkflowHost _workflow = null!;

    public async Task InitializeAsync() => _workflow = await WorkflowHost.StartAsync(azurite);

    public async Task DisposeAsync() => await _workflow.DisposeAsync();

    private RoundStore Rounds => _workflow.Services.GetRequiredService<RoundStore>();

    [Fact]
    public async Task While_the_round_runs_its_plan_is_read_once_its_status_every_time_and_once_it_ends_the_table_decides()
    {
        var roundId = $"cache-{Guid.NewGuid():N}"[..16];
        var spec = SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddDays(7), null, SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("SZW", 5, 6));
        var plan = _workflow.Services.GetRequiredService<RoundPlanner>().Plan(spec, DateTimeOffset.UtcNow).Plan!;
        await _workflow.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RoundOrchestrator), plan, new StartOrchestrationOptions(roundId));
        await Eventually.WaitAsync(() => RoundState.LoadAsync(_workflow.Client, Rounds, roundId), s => s.Phase == RoundPhase.Collecting && s.Record is not null,
            Patience, $"{roundId} collecting");
        using var cache = new RoundPlanCache();

        var first = await cache.LoadAsync(_workflow.Client, Rounds, roundId, CancellationToken.None);
        Assert.True(first.IsOpen);
        Assert.Equal(RoundPhase.Collecting, first.Phase);
        Assert.Equal([5, 6], first.OwedPillars(first.Plan!.FindParticipant("SZW")!));

        // Behind the cache's back, the stored plan gets other senders for SZW: the cache still answers with the plan it
        // read (nothing rewrites a running round's participants; this only shows that the row is not read again) ...
        var table = _workflow.Storage.Table(StorageClients.RoundsTable);
        var row = (await table.GetEntityAsync<TableEntity>(roundId, roundId)).Value;
        var stored = JsonSerializer.Deserialize<RoundPlan>(row.GetString("Plan"), JsonDefaults.Options)!;
        await table.UpdateEntityAsync(new TableEntity(roundId, roundId)
        {
            ["Plan"] = JsonSerializer.Serialize(stored with
            {
                Participants = stored.Participants.Select(p => p.Code == "SZW" ? p with { AllowedSenders = ["tampered.example"] } : p).ToList(),
            }, JsonDefaults.Options),
        }, row.ETag, TableUpdateMode.Merge);
        Assert.Equal(["tampered.example"], (await RoundState.LoadAsync(_workflow.Client, Rounds, roundId)).Plan!.FindParticipant("SZW")!.AllowedSenders);

        // ... while the orchestration's status is read fresh: what SZW still owes changes with its contribution.
        await _workflow.Client.RaiseEventAsync(roundId, RoundEvents.ContributionReceived,
            new ContributionReceived { Ministry = "SZW", Pillars = [5], ReceivedAt = DateTimeOffset.UtcNow, Source = "mail" });
        var after = await Eventually.WaitAsync(() => cache.LoadAsync(_workflow.Client, Rounds, roundId, CancellationToken.None),
            s => s.Progress("SZW")?.Missing is [6], Patience, "SZW owing pillar 6 only");
        Assert.Equal(["szw.example"], after.Plan!.FindParticipant("SZW")!.AllowedSenders);
        Assert.Equal([6], after.OwedPillars(after.Plan.FindParticipant("SZW")!));

        // Once the orchestration has ended, the row is read again and its phase decides: the round takes nothing.
        await _workflow.Client.RaiseEventAsync(roundId, RoundEvents.Command, new RoundCommand { Kind = RoundCommandKind.Cancel });
        var ended = await Eventually.WaitAsync(() => cache.LoadAsync(_workflow.Client, Rounds, roundId, CancellationToken.None),
            s => s.Instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, Patience, "cancelled");
        Assert.False(ended.IsOpen);
        Assert.Equal(RoundPhase.Cancelled, ended.Phase);
        Assert.Equal(["tampered.example"], ended.Plan!.FindParticipant("SZW")!.AllowedSenders);
    }

    [Fact]
    public async Task An_unknown_round_is_not_remembered_and_is_found_once_it_exists()
    {
        using var cache = new RoundPlanCache();
        var roundId = $"later-{Guid.NewGuid():N}"[..16];
        var unknown = await cache.LoadAsync(_workflow.Client, Rounds, roundId, CancellationToken.None);
        Assert.False(unknown.Exists);

        var spec = SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddDays(7), null, SampleRounds.Ministry("BHOS", 2));
        var plan = _workflow.Services.GetRequiredService<RoundPlanner>().Plan(spec, DateTimeOffset.UtcNow).Plan!;
        await _workflow.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RoundOrchestrator), plan, new StartOrchestrationOptions(roundId));
        var open = await Eventually.WaitAsync(() => cache.LoadAsync(_workflow.Client, Rounds, roundId, CancellationToken.None), s => s.IsOpen, Patience, "open");
        Assert.Equal(roundId, open.Plan!.RoundId);
    }

    [Fact]
    public async Task Two_processes_adding_versions_of_one_pillar_in_turn_number_them_without_a_gap_or_a_double()
    {
        // Two stores over the same account, each with its own memory of the latest version: two hosts.
        using var a = new ContributionStore(_workflow.Storage);
        using var b = new ContributionStore(_workflow.Storage);
        var roundId = $"turns-{Guid.NewGuid():N}"[..16];
        var results = new List<SubmissionResult>
        {
            await a.AddAsync(Submission(roundId, "one"), CancellationToken.None),
            await a.AddAsync(Submission(roundId, "two"), CancellationToken.None),
            // b has seen nothing: it reads the pillar's versions.
            await b.AddAsync(Submission(roundId, "three"), CancellationToken.None),
            // a remembers 2: its first try collides with b's 3, and it reads again.
            await a.AddAsync(Submission(roundId, "four"), CancellationToken.None),
            // b remembers 3 and collides with a's 4.
            await b.AddAsync(Submission(roundId, "five"), CancellationToken.None),
        };
        Assert.Equal([1, 2, 3, 4, 5], results.Select(r => Assert.Single(r.Versions).Version));
        Assert.All(results, r => Assert.False(r.Duplicate));

        // The same submission again, in either process: the stored one, nothing new.
        var again = await b.AddAsync(Submission(roundId, "two"), CancellationToken.None);
        Assert.True(again.Duplicate);
        Assert.Equal(2, Assert.Single(again.Versions).Version);
        var stored = await a.ListAsync(roundId, CancellationToken.None);
        Assert.Equal([1, 2, 3, 4, 5], stored.Select(c => c.Version).Order());
        Assert.Equal(["one", "two", "three", "four", "five"], stored.OrderBy(c => c.Version).Select(c => c.Text));
        Assert.Equal(5, (await a.ListSubmissionsAsync(roundId, pendingOnly: true, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_first_outcome_of_a_received_row_is_first_once_also_when_another_process_wrote_it_meanwhile()
    {
        using var a = new InboundStore(_workflow.Storage);
        using var b = new InboundStore(_workflow.Storage);
        var now = DateTimeOffset.UtcNow;

        // One process: received, then its outcome (first), then the same outcome again (not first).
        var own = Id("own");
        await a.MarkReceivedAsync(own, "blob-own", now, CancellationToken.None);
        Assert.True(await a.RecordAsync(Record(own, InboundOutcomes.Quarantined, now), CancellationToken.None));
        Assert.False(await a.RecordAsync(Record(own, InboundOutcomes.Quarantined, now), CancellationToken.None));
        Assert.Equal(InboundOutcomes.Quarantined, (await b.GetAsync(own, CancellationToken.None))!.Outcome);

        // a received it, b (a concurrent copy in another host) settled it first: a's outcome is not the first one.
        var raced = Id("raced");
        await a.MarkReceivedAsync(raced, "blob-raced", now, CancellationToken.None);
        await b.MarkReceivedAsync(raced, "blob-raced", now, CancellationToken.None);
        Assert.True(await b.RecordAsync(Record(raced, InboundOutcomes.Quarantined, now), CancellationToken.None));
        Assert.False(await a.RecordAsync(Record(raced, InboundOutcomes.Accepted, now), CancellationToken.None));
        // Every branch writes the outcome it was given: the last writer's row stands, as before.
        Assert.Equal(InboundOutcomes.Accepted, (await b.GetAsync(raced, CancellationToken.None))!.Outcome);
    }

    private static string Id(string seed) => ContributionStore.Hash(seed + Guid.NewGuid());

    private static InboundRecord Record(string id, string outcome, DateTimeOffset at) => new()
    {
        Id = id, Outcome = outcome, ArchiveBlob = "blob-" + id[..8], ReceivedAt = at, RoundId = "r", Ministry = "BHOS",
    };

    private static Submission Submission(string roundId, string text) => new()
    {
        RoundId = roundId, Ministry = "BHOS", SubmissionKey = "msgid:" + text, Sections = [new PillarText { Pillar = 2, Text = text }],
        Sender = "officer@bhos.example", Source = "mail", ReceivedAt = DateTimeOffset.UtcNow, RequestVersion = 1, MessageId = text,
    };
}
