using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using MigrationAgenda.TestSupport;
using Xunit.Abstractions;

namespace MigrationAgenda.WorkflowTests.Timers;

/// <summary>
/// How the Durable Task SDK (Microsoft.DurableTask.Worker 1.28.0) handles a timer longer than the worker's
/// MaximumTimerInterval (default 3 days): TaskOrchestrationContextWrapper.CreateTimer loops, creating an intermediate
/// timer at "orchestration now + MaximumTimerInterval" while more than that remains, and then one timer at the exact
/// instant. Shown here with the interval shortened to seconds, on the in-memory engine and on the Azure Storage
/// backend (which cannot hold a queue message invisible for more than 7 days, so an unsplit long timer would fail).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TimerSplittingTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task On_the_in_memory_engine_a_long_timer_fires_at_its_instant_after_intermediate_steps()
    {
        var recorder = new TimerRecorder();
        await using var host = await DurableTaskTestHost.StartAsync(t => t.AddOrchestrator<LongTimerOrchestrator>(), new DurableTaskTestHostOptions
        {
            Port = WorkflowHost.FreePort(),
            ConfigureServices = s => WorkerTimers.Configure(s, recorder, Interval),
        });

        var (id, outcome) = await RunAsync(host.Client);

        AssertSplit(recorder.For(id), outcome);
        Assert.InRange(outcome.FiredAt, outcome.FireAt, outcome.FireAt.AddSeconds(10));
    }

    [Fact]
    public async Task On_the_Azure_Storage_backend_a_long_timer_fires_at_its_instant_after_intermediate_steps()
    {
        var recorder = new TimerRecorder();
        await using var engine = await AzureStorageEngine.StartAsync(azurite.ConnectionString,
            t => t.AddOrchestrator<LongTimerOrchestrator>(), s => WorkerTimers.Configure(s, recorder, Interval));

        var (id, outcome) = await RunAsync(engine.Client);

        var timers = recorder.For(id);
        AssertSplit(timers, outcome);
        // The backend hides a timer message for FireAt - now in whole seconds (the queue API's unit, truncated), so a
        // timer may fire up to a second early; never earlier.
        Assert.InRange(outcome.FiredAt, outcome.FireAt.AddSeconds(-1), outcome.FireAt.AddSeconds(10));
        // The backend's own history holds the same steps: each timer created and fired once, the last at the instant.
        var history = new TableClient(azurite.ConnectionString, engine.HubName + "History")
            .Query<TableEntity>(e => e.PartitionKey == id).ToList();
        var created = history.Where(e => e.GetString("EventType") == "TimerCreated").Select(e => e.GetDateTime("FireAt")!.Value).Order().ToList();
        var fired = history.Where(e => e.GetString("EventType") == "TimerFired").Select(e => e.GetDateTime("FireAt")!.Value).Order().ToList();
        Assert.Equal(timers.Select(t => t.FireAt).Order(), created);
        Assert.Equal(created, fired);
        Assert.Equal(outcome.FireAt, created[^1]);
    }

    private static async Task<(string Id, TimerOutcome Outcome)> RunAsync(DurableTaskClient client)
    {
        var id = "timer-" + Guid.NewGuid().ToString("N")[..12];
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(LongTimerOrchestrator), Length, new StartOrchestrationOptions(id));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        return (id, done.ReadOutputAs<TimerOutcome>()!);
    }

    private void AssertSplit(IReadOnlyList<RecordedTimer> timers, TimerOutcome outcome)
    {
        var fireAt = outcome.FireAt;
        output.WriteLine($"{timers.Count} timers for {Length.TotalSeconds} s at {Interval.TotalSeconds} s per step, fired {(outcome.FiredAt - fireAt).TotalMilliseconds:0} ms after the instant: " +
            string.Join(", ", timers.Select(t => $"+{(t.FireAt - fireAt + Length).TotalSeconds:0.000} s (created +{(t.CreatedAt - fireAt + Length).TotalSeconds:0.000} s)")));
        // 6 s at 1.5 s per step: at least two intermediate steps before the last timer, whatever the engine's latency.
        Assert.True(timers.Count >= 3, $"{timers.Count} timers: {string.Join(", ", timers.Select(t => $"{t.FireAt:HH:mm:ss.fff}"))}");
        var (steps, last) = (timers.Take(timers.Count - 1).ToList(), timers[^1]);
        Assert.Equal(fireAt, last.FireAt);
        Assert.All(steps, s => Assert.True(s.FireAt < fireAt));
        // Each step is at most the interval ahead of the moment it was created, and starts where the previous one fired.
        Assert.All(steps, s => Assert.InRange(s.FireAt - s.CreatedAt, TimeSpan.Zero, Interval));
        Assert.All(steps.Zip(steps.Skip(1)), p => Assert.True(p.Second.FireAt - p.First.FireAt >= Interval - TimeSpan.FromSeconds(1)));
        Assert.Equal(steps.Select(s => s.FireAt).Order(), steps.Select(s => s.FireAt));
    }
}
