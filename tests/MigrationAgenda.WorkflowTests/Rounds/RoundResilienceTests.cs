using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Intake;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>
/// The round through faults on the in-memory engine, mail through the real SendGrid client to the fake SendGrid
/// server (counting what it accepted per message id): an outage waited out, a lost event counted from the store, a
/// failed round resumed. Retry settings in seconds.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RoundResilienceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly RecordedEvents _events = new();
    private FakeSendGridServer _sendGrid = null!;
    private WorkflowHost _host = null!;
    private RoundWorkflow _round = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await FakeSendGridServer.StartAsync();
        _host = await WorkflowHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Mail:SendGridApiKey"] = "SG.workflow-test",
            ["Mail:SendGridHost"] = _sendGrid.BaseAddress.ToString(),
            ["Rounds:ActivityRetry:FirstInterval"] = "00:00:01",
            ["Rounds:ActivityRetry:MaxInterval"] = "00:00:02",
            ["Rounds:ActivityRetry:FaultAttempts"] = "2",
            ["Rounds:EventReconcile:Grace"] = "00:00:00",
        }, worker: s => s.AddSingleton<IOperatorEvents>(_events));
        _round = new RoundWorkflow(_host);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    private static string NewId(string name) => $"{name}-{Guid.NewGuid():N}"[..22];

    private Task<RoundPlan> StartAsync(RoundSpec spec) =>
        _round.StartAsync(spec, _host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ActivityRetrySettings>>().Value);

    [Fact]
    public async Task A_SendGrid_outage_is_waited_out_with_mail_vertraagd_and_every_request_goes_once()
    {
        var id = NewId("outage");
        _sendGrid.FailFor(TimeSpan.FromSeconds(6));
        await StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5)));

        var delayed = await Eventually.WaitAsync(() => _round.StatusAsync(id), s => s?.MailDelayedSince is not null, RoundWorkflow.Patience, "mail vertraagd");
        Assert.Equal(RoundPhase.Starting, delayed!.Phase);
        await Eventually.WaitAsync(() => Task.FromResult(Deliveries(id)), d => d.Count == 2, RoundWorkflow.Patience, "both requests accepted");
        var status = await Eventually.WaitAsync(() => _round.StatusAsync(id), s => s?.MailDelayedSince is null, RoundWorkflow.Patience, "no longer delayed");

        Assert.Equal(RoundPhase.Collecting, status!.Phase);
        Assert.All(Deliveries(id).Values, n => Assert.Equal(1, n));
        Assert.Contains(_sendGrid.Received, r => r.AnsweredStatus == 503 && r.Round == id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await _host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.DoesNotContain(_events.Names, n => n == TelemetryNames.RoundFailed);
    }

    [Fact]
    public async Task A_reply_stored_but_never_told_is_counted_before_the_reminder_so_nobody_is_chased_for_it()
    {
        var id = NewId("untold");
        var schedule = new ScheduleSpec { Reminders = ["PT5S"], Escalations = [], CutOff = "PT1M", ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M" };
        await StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddSeconds(9), schedule));
        await Eventually.WaitAsync(() => Task.FromResult(Deliveries(id)), d => d.Count == 2, RoundWorkflow.Patience, "both requests");

        // Stored as the webhook stores it; the process dies before it raises the event.
        await StoreUntoldAsync(id, "BZK", 6, "De Regietafel heeft een handreiking uitgewerkt.");

        await Eventually.WaitAsync(() => Task.FromResult(Deliveries(id)), d => d.Keys.Any(k => k.Contains("reminder|")), RoundWorkflow.Patience, "the reminder");
        var status = await Eventually.WaitAsync(() => _round.StatusAsync(id), s => s?.RemindersSent == 1, RoundWorkflow.Patience, "reminder counted");
        Assert.Equal([id + "/reminder|BHOS|v1|r1"], Deliveries(id).Keys.Where(k => k.Contains("reminder|")));
        Assert.Empty(status!.Ministries.Single(m => m.Ministry == "BZK").Missing);
    }

    [Fact]
    public async Task The_pending_event_reconcile_raises_what_was_stored_but_never_told_once()
    {
        var id = NewId("pending");
        await StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5)));
        await _round.WaitForPhaseAsync(id, RoundPhase.Collecting);
        await Eventually.WaitAsync(async () => (await new RoundStore(_host.Storage).GetAsync(id, default))?.Phase, p => p == RoundPhase.Collecting,
            RoundWorkflow.Patience, "the round stored");
        await StoreUntoldAsync(id, "BHOS", 2, "In december 2019 vond het eerste Global Refugee Forum plaats.");
        var reconciler = _host.Services.GetRequiredService<PendingEventReconciler>();

        Assert.True(await reconciler.RunOnceAsync(_host.Client, default) >= 1);
        var status = await Eventually.WaitAsync(() => _round.StatusAsync(id), s => s?.Ministries.Single(m => m.Ministry == "BHOS").Missing.Count == 0,
            RoundWorkflow.Patience, "BHOS counted");

        Assert.Equal([6], status!.Ministries.Single(m => m.Ministry == "BZK").Missing);
        Assert.Empty(await new ContributionStore(_host.Storage).ListSubmissionsAsync(id, pendingOnly: true, default));
    }

    [Fact]
    public async Task A_failed_round_is_resumed_by_one_command_and_carries_on_from_its_stored_state_without_sending_anything_twice()
    {
        await using var api = await ApiHost.StartAsync(_host, s => s.AddSingleton<IOperatorEvents>(_events));
        var id = NewId("resume");
        var schedule = new ScheduleSpec { Reminders = ["PT6S"], Escalations = ["PT1S"], CutOff = "PT1M", ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M" };
        var started = await api.Http.PostAsJsonAsync("/api/rounds", SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddSeconds(20), schedule), JsonDefaults.Options);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await Eventually.WaitAsync(() => Task.FromResult(Deliveries(id)), d => d.Count == 2, RoundWorkflow.Patience, "both requests");
        await _round.SubmitAsync(id, "BHOS", 2, "In december 2019 vond het eerste Global Refugee Forum plaats.");
        await _round.WaitForPhaseAsync(id, RoundPhase.Collecting);
        await Eventually.WaitAsync(() => _round.StatusAsync(id), s => s?.Ministries.Single(m => m.Ministry == "BHOS").Missing.Count == 0, RoundWorkflow.Patience, "BHOS in");
        var later = DateTimeOffset.UtcNow.AddSeconds(14);
        Assert.True((await api.Http.PostAsJsonAsync($"/api/rounds/{id}/extend", new { deadline = later })).IsSuccessStatusCode);
        await Eventually.WaitAsync(() => _round.StatusAsync(id), s => s?.Deadline == later, RoundWorkflow.Patience, "extended");

        // A running round is not resumed.
        var refused = await api.Http.PostAsync($"/api/rounds/{id}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("niet vastgelopen", await refused.Content.ReadAsStringAsync());

        // A poison: the stored round disappears, so the reminder cannot read its plan and the round fails.
        var rounds = _host.Storage.Table(StorageClients.RoundsTable);
        var record = (await rounds.GetEntityAsync<Azure.Data.Tables.TableEntity>(id, id)).Value;
        await rounds.DeleteEntityAsync(id, id);
        var failed = await Eventually.WaitAsync(() => _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Failed, RoundWorkflow.Patience, "the round failed");
        Assert.Equal(RoundPhase.Collecting, RoundState.CustomStatus(failed)!.Phase);
        var tracked = Assert.Single(_events.For(TelemetryNames.RoundFailed), e => e[TelemetryNames.Properties.RoundId] == id);
        Assert.Equal((RoundPhase.Collecting, typeof(InvalidOperationException).FullName), (tracked[TelemetryNames.Properties.Phase], tracked[TelemetryNames.Properties.Reason]));
        var sentBefore = Deliveries(id);

        // Fixed; one command resumes it.
        await rounds.AddEntityAsync(record);
        var resumed = await api.Http.PostAsync($"/api/rounds/{id}/resume", null);
        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
        var again = await api.Http.PostAsync($"/api/rounds/{id}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var resumedEvent = Assert.Single(_events.For(TelemetryNames.RoundResumed), e => e[TelemetryNames.Properties.RoundId] == id);
        Assert.Equal((RoundPhase.Collecting, "1"), (resumedEvent[TelemetryNames.Properties.Phase], resumedEvent[TelemetryNames.Properties.Count]));

        // It carries on where it stood: the extended deadline, BHOS's pillar in; the reminder that failed goes to BZK now.
        var status = await Eventually.WaitAsync(() => _round.StatusAsync(id), s => s?.RemindersSent == 1, RoundWorkflow.Patience, "the reminder after the resume");
        Assert.Equal(later, status!.Deadline);
        Assert.Empty(status.Ministries.Single(m => m.Ministry == "BHOS").Missing);
        await _round.SubmitAsync(id, "BZK", 6, "De Landelijke Regietafel heeft een handreiking uitgewerkt.");
        await _round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);
        await _round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Approve, By = "dg@jenv.example" });
        var done = await _round.WaitForCompletionAsync(id);
        Assert.Equal(RoundPhase.Approved, done.ReadOutputAs<RoundOutcome>()!.Phase);

        var deliveries = Deliveries(id);
        Assert.All(deliveries, d => Assert.True(d.Value == 1, $"{d.Key} sent {d.Value} times"));
        Assert.Equal(sentBefore.Keys.Where(k => k.Contains("/request|")).Order(), deliveries.Keys.Where(k => k.Contains("/request|")).Order());
        Assert.Equal(2, deliveries.Keys.Count(k => k.Contains("/request|")));
        Assert.Equal([id + "/reminder|BZK|v1|r1"], deliveries.Keys.Where(k => k.Contains("/reminder|")));
        Assert.Single(deliveries.Keys, k => k.Contains("/draft|1"));
        var history = JsonDocument.Parse(await api.Http.GetStringAsync($"/api/rounds/{id}")).RootElement.GetProperty("history").EnumerateArray()
            .Select(h => h.GetProperty("label").GetString()).ToList();
        Assert.Contains("ronde vastgelopen", history);
        Assert.Contains("ronde hervat", history);
    }

    private IReadOnlyDictionary<string, int> Deliveries(string roundId) =>
        _sendGrid.DeliveriesPerMessageId().Where(d => d.Key.StartsWith(roundId + "/", StringComparison.Ordinal)).ToDictionary(d => d.Key, d => d.Value);

    [Fact]
    public async Task A_stored_reply_is_told_after_the_answer_and_when_the_engine_cannot_be_reached_its_mark_waits_for_the_reconcile()
    {
        var id = NewId("told");
        await StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5)));
        await _round.WaitForPhaseAsync(id, RoundPhase.Collecting);
        await Eventually.WaitAsync(async () => (await new RoundStore(_host.Storage).GetAsync(id, default))?.Phase, p => p == RoundPhase.Collecting,
            RoundWorkflow.Patience, "the round stored");
        var recorder = _host.Services.GetRequiredService<ContributionRecorder>();
        var contributions = new ContributionStore(_host.Storage);

        // Told in the background: the round counts it and the mark is cleared.
        Assert.False((await recorder.RecordAsync(_host.Client, Reply(id, "BHOS", 2, "In december 2019 vond het eerste Global Refugee Forum plaats."), default)).Duplicate);
        await Eventually.WaitAsync(() => _round.StatusAsync(id), s => s?.Ministries.Single(m => m.Ministry == "BHOS").Missing.Count == 0,
            RoundWorkflow.Patience, "BHOS counted");
        await Eventually.WaitAsync(() => contributions.ListSubmissionsAsync(id, pendingOnly: true, default), m => m.Count == 0, RoundWorkflow.Patience, "no mark left");

        // The engine out of reach (a client whose host has stopped): the reply is stored and answered all the same, and
        // once the failed raise is over (DrainAsync) its mark is still there; the reconcile then tells the round.
        var stopped = await WorkflowHost.StartAsync(azurite);
        var unreachable = stopped.Client;
        await stopped.DisposeAsync();
        var stored = await recorder.RecordAsync(unreachable, Reply(id, "BZK", 6, "De Regietafel heeft een handreiking uitgewerkt."), default);
        Assert.Equal(6, Assert.Single(stored.Versions).Pillar);
        await _host.Services.GetRequiredService<ContributionEventBatcher>().DrainAsync(id);
        var pending = Assert.Single(await contributions.ListSubmissionsAsync(id, pendingOnly: true, default));
        Assert.Equal("BZK", pending.Ministry);
        Assert.Equal([6], pending.Pillars);
        Assert.Equal([6], (await _round.StatusAsync(id))!.Ministries.Single(m => m.Ministry == "BZK").Missing);

        Assert.Equal(1, await _host.Services.GetRequiredService<PendingEventReconciler>().RunOnceAsync(_host.Client, default));
        await Eventually.WaitAsync(() => _round.StatusAsync(id), s => s?.Ministries.Single(m => m.Ministry == "BZK").Missing.Count == 0,
            RoundWorkflow.Patience, "BZK counted");
        Assert.Empty(await contributions.ListSubmissionsAsync(id, pendingOnly: true, default));
    }

    private static Submission Reply(string roundId, string ministry, int pillar, string text) => new()
    {
        RoundId = roundId, Ministry = ministry, Sections = [new PillarText { Pillar = pillar, Text = text }], Sender = $"officer@{ministry.ToLowerInvariant()}.example",
        Source = "mail", ReceivedAt = DateTimeOffset.UtcNow, RequestVersion = 1, SubmissionKey = "msgid:" + Guid.NewGuid(),
    };

    private Task StoreUntoldAsync(string roundId, string ministry, int pillar, string text) =>
        new ContributionStore(_host.Storage).AddAsync(Reply(roundId, ministry, pillar, text), default);

    /// <summary>The operator events the activities tracked.</summary>
    private sealed class RecordedEvents : IOperatorEvents
    {
        private readonly ConcurrentQueue<(string Name, IReadOnlyDictionary<string, string> Properties)> _events = new();

        public IEnumerable<string> Names => _events.Select(e => e.Name);

        public IEnumerable<IReadOnlyDictionary<string, string>> For(string name) => _events.Where(e => e.Name == name).Select(e => e.Properties);

        public void Track(string name, IReadOnlyDictionary<string, string> properties) => _events.Enqueue((name, properties));
    }
}
