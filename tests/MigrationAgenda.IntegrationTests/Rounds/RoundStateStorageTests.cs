using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Rounds;

/// <summary>The round gate reading the Rounds table on Azurite and the instance from the real engine.</summary>
[Collection("Azurite")]
public sealed class RoundStateStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private WorkflowHost _workflow = null!;

    public async Task InitializeAsync() => _workflow = await WorkflowHost.StartAsync(azurite);

    public async Task DisposeAsync() => await _workflow.DisposeAsync();

    private RoundStore Rounds => _workflow.Services.GetRequiredService<RoundStore>();

    private Task<RoundState> LoadAsync(string roundId) => RoundState.LoadAsync(_workflow.Client, Rounds, roundId);

    private async Task<string> StartAsync(string name)
    {
        var roundId = $"{name}-{Guid.NewGuid():N}"[..16];
        var spec = SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddDays(7), null, SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("SZW", 5, 6));
        var plan = _workflow.Services.GetRequiredService<RoundPlanner>().Plan(spec, DateTimeOffset.UtcNow).Plan!;
        await _workflow.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RoundOrchestrator), plan, new StartOrchestrationOptions(roundId));
        await Eventually.WaitAsync(() => LoadAsync(roundId), s => s.Phase == RoundPhase.Collecting && s.Record is not null, Patience, $"{roundId} collecting");
        return roundId;
    }

    [Fact]
    public async Task A_collecting_round_is_open_with_its_plan_phase_and_request_versions()
    {
        var roundId = await StartAsync("gate-open");

        var round = await LoadAsync(roundId);
        Assert.True(round.Exists);
        Assert.True(round.IsOpen);
        Assert.False(round.IsStarting);
        Assert.Equal(RoundPhase.Collecting, round.Phase);
        Assert.Equal(RoundPhase.Collecting, round.Record!.Phase); // SaveRound wrote the table too
        Assert.Equal(roundId, round.Plan!.RoundId);
        Assert.Equal(1, round.RequestVersion("SZW"));
        Assert.Equal([5, 6], round.OwedPillars(round.Plan.FindParticipant("szw")!));
        Assert.Equal([0, 0], new[] { round.Progress("BHOS")!.Received.Count, round.Progress("SZW")!.Received.Count });
    }

    [Fact]
    public async Task A_cancelled_round_is_closed_by_the_table_after_its_orchestration_ends()
    {
        var roundId = await StartAsync("gate-cancel");
        await _workflow.Client.RaiseEventAsync(roundId, RoundEvents.Command, new RoundCommand { Kind = RoundCommandKind.Cancel });

        var round = await Eventually.WaitAsync(() => LoadAsync(roundId), s => s.Instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, Patience, "cancelled");
        Assert.Equal(RoundPhase.Cancelled, round.Phase);
        Assert.Equal(RoundPhase.Cancelled, round.Record!.Phase);
        Assert.False(round.IsOpen);
    }

    [Fact]
    public async Task A_terminated_round_is_failed_although_the_table_still_says_collecting()
    {
        var roundId = await StartAsync("gate-fail");
        await _workflow.Client.TerminateInstanceAsync(roundId, "operator stopped it");

        var round = await Eventually.WaitAsync(() => LoadAsync(roundId), s => s.Instance?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated, Patience, "terminated");
        Assert.Equal(RoundPhase.Collecting, round.Record!.Phase);
        Assert.Equal(RoundPhase.Failed, round.Phase);
        Assert.False(round.IsOpen);
    }

    [Fact]
    public async Task An_unknown_round_does_not_exist()
    {
        var round = await LoadAsync($"nope-{Guid.NewGuid():N}"[..16]);
        Assert.False(round.Exists);
        Assert.Null(round.Record);
        Assert.Null(round.Instance);
        Assert.False(round.IsOpen);
    }
}
