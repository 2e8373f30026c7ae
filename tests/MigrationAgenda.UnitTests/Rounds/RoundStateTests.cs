using System.Text.Json;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>The round gate's rules on what it read (its reading is tested against Azurite in the integration tests).</summary>
public sealed class RoundStateTests
{
    private static readonly RoundPlan Plan = SamplePlans.Ima();

    private static RoundRecord Stored(string phase) => new(Plan, phase, Plan.CreatedAt);

    private static OrchestrationMetadata Instance(OrchestrationRuntimeStatus runtime, RoundStatus? status = null) =>
        new(nameof(RoundOrchestrator), Plan.RoundId)
        {
            RuntimeStatus = runtime,
            SerializedCustomStatus = status is null ? null : JsonSerializer.Serialize(status, JsonDefaults.Options),
        };

    private static RoundStatus Status(string phase, params MinistryProgress[] ministries) => new()
    {
        Phase = phase, Deadline = Plan.Deadline, CutOffAt = Plan.Deadline.AddDays(10), Ministries = ministries,
    };

    private static MinistryProgress Progress(string ministry, int requestVersion, int[] received, int[] missing) => new()
    {
        Ministry = ministry, RequestVersion = requestVersion, Received = received, Missing = missing,
    };

    [Fact]
    public void While_the_orchestration_runs_its_own_status_decides_the_phase()
    {
        var round = RoundState.Of(Plan.RoundId, Stored(RoundPhase.Collecting), Instance(OrchestrationRuntimeStatus.Running, Status(RoundPhase.Reviewing)));
        Assert.Equal(RoundPhase.Reviewing, round.Phase);
        Assert.True(round.IsOpen);
        Assert.True(round.Exists);
        Assert.False(round.IsStarting);
    }

    [Fact]
    public void A_running_orchestration_without_a_status_yet_is_starting()
    {
        var round = RoundState.Of(Plan.RoundId, Stored(RoundPhase.Collecting), Instance(OrchestrationRuntimeStatus.Running));
        Assert.Equal(RoundPhase.Starting, round.Phase);
        Assert.True(round.IsOpen);
    }

    [Fact]
    public void Once_ended_the_rounds_table_decides_the_phase()
    {
        var approved = RoundState.Of(Plan.RoundId, Stored(RoundPhase.Approved), Instance(OrchestrationRuntimeStatus.Completed, Status(RoundPhase.Approved)));
        Assert.Equal(RoundPhase.Approved, approved.Phase);
        Assert.False(approved.IsOpen);

        // A stale custom status does not count once the orchestration has ended.
        var cancelled = RoundState.Of(Plan.RoundId, Stored(RoundPhase.Cancelled), Instance(OrchestrationRuntimeStatus.Completed, Status(RoundPhase.Collecting)));
        Assert.Equal(RoundPhase.Cancelled, cancelled.Phase);
        Assert.False(cancelled.IsOpen);

        // Purged instance: the table still knows.
        var purged = RoundState.Of(Plan.RoundId, Stored(RoundPhase.Approved), null);
        Assert.Equal(RoundPhase.Approved, purged.Phase);
        Assert.True(purged.Exists);
        Assert.False(purged.IsOpen);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public void An_orchestration_that_failed_or_was_terminated_before_the_end_is_failed_and_closed(OrchestrationRuntimeStatus runtime)
    {
        var round = RoundState.Of(Plan.RoundId, Stored(RoundPhase.Reviewing), Instance(runtime, Status(RoundPhase.Reviewing)));
        Assert.Equal(RoundPhase.Failed, round.Phase);
        Assert.True(RoundPhase.IsFinished(round.Phase));
        Assert.False(round.IsOpen);
        Assert.Equal("Mislukt", RoundPhase.Dutch(round.Phase));
    }

    [Fact]
    public void A_failure_after_approval_leaves_the_round_approved()
    {
        var round = RoundState.Of(Plan.RoundId, Stored(RoundPhase.Approved), Instance(OrchestrationRuntimeStatus.Failed, Status(RoundPhase.Approved)));
        Assert.Equal(RoundPhase.Approved, round.Phase);
    }

    [Fact]
    public void Started_but_not_stored_yet_is_starting_and_not_open()
    {
        foreach (var runtime in new[] { OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running })
        {
            var round = RoundState.Of(Plan.RoundId, null, Instance(runtime));
            Assert.True(round.Exists);
            Assert.True(round.IsStarting);
            Assert.False(round.IsOpen);
            Assert.Equal(RoundPhase.Starting, round.Phase);
            Assert.Null(round.Plan);
        }
    }

    [Fact]
    public void A_round_that_is_neither_stored_nor_started_does_not_exist()
    {
        var round = RoundState.Of("nope", null, null);
        Assert.False(round.Exists);
        Assert.False(round.IsOpen);
        Assert.False(round.IsStarting);
    }

    [Fact]
    public void A_running_round_in_a_finished_phase_is_not_open()
    {
        // Approved but still finalising the letter: no more contributions or texts.
        var round = RoundState.Of(Plan.RoundId, Stored(RoundPhase.Reviewing), Instance(OrchestrationRuntimeStatus.Running, Status(RoundPhase.Approved)));
        Assert.False(round.IsOpen);
        Assert.True(round.IsRunning);
    }

    [Fact]
    public void Request_version_comes_from_the_status_per_ministry_case_insensitively_and_is_1_before_any()
    {
        var round = RoundState.Of(Plan.RoundId, Stored(RoundPhase.Collecting), Instance(OrchestrationRuntimeStatus.Running,
            Status(RoundPhase.Collecting, Progress("SZW", 3, [6], [5]), Progress("BZK", 1, [], [6]))));
        Assert.Equal(3, round.RequestVersion("SZW"));
        Assert.Equal(3, round.RequestVersion("szw"));
        Assert.Equal(1, round.RequestVersion("BZK"));
        Assert.Equal(1, round.RequestVersion("JenV")); // not in the status (yet)

        var early = RoundState.Of(Plan.RoundId, Stored(RoundPhase.Starting), Instance(OrchestrationRuntimeStatus.Running));
        Assert.Equal(1, early.RequestVersion("SZW"));
    }

    [Fact]
    public void A_reply_is_read_for_what_is_owed_or_for_everything_once_all_is_in()
    {
        var szw = Plan.FindParticipant("SZW")!;
        var bzk = Plan.FindParticipant("BZK")!;
        var round = RoundState.Of(Plan.RoundId, Stored(RoundPhase.Collecting), Instance(OrchestrationRuntimeStatus.Running,
            Status(RoundPhase.Collecting, Progress("SZW", 1, [6], [5]), Progress("BZK", 1, [6], []))));
        Assert.Equal([5], round.OwedPillars(szw));
        Assert.Equal(bzk.Pillars, round.OwedPillars(bzk)); // a resubmission
        Assert.Equal(Plan.FindParticipant("JenV")!.Pillars, round.OwedPillars(Plan.FindParticipant("JenV")!)); // no status for it
    }

    [Fact]
    public void Every_phase_has_a_dutch_label()
    {
        Assert.Equal(7, RoundPhase.All.Count);
        Assert.All(RoundPhase.All, p => Assert.NotEqual("Onbekend", RoundPhase.Dutch(p)));
        Assert.Equal(RoundPhase.All.Count, RoundPhase.All.Select(RoundPhase.Dutch).Distinct().Count());
    }
}
