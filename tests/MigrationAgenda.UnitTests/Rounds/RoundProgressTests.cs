using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>The orchestrator's state on its own: the schedule's next step, who owes what, extend and reopen.</summary>
public sealed class RoundProgressTests
{
    // Deadline Friday 15 January 2027 16:00 UTC; reminders 7 and 1 days before, escalations 2 and 5 days after, cut-off after 10.
    private static readonly RoundPlan Plan = SamplePlans.Ima();
    private static readonly DateTimeOffset D = SamplePlans.Deadline;

    [Fact]
    public void The_schedule_runs_reminders_then_escalations_level_by_level_then_the_cut_off()
    {
        var round = new RoundProgress(Plan, Plan.CreatedAt);
        var steps = new List<DueStep>();
        for (var due = round.NextDue(); ; due = round.NextDue())
        {
            steps.Add(due);
            if (due.Kind == DueKind.CutOff)
                break;
            if (due.Kind == DueKind.Reminder)
                round.ReminderSent();
            else
                round.EscalationSent(due.Level, round.Owing.Select(m => m.Participant.Code));
        }

        Assert.Equal(
        [
            new DueStep(DueKind.Reminder, D.AddDays(-7)), new DueStep(DueKind.Reminder, D.AddDays(-1)),
            new DueStep(DueKind.Escalation, D.AddDays(2), 1), new DueStep(DueKind.Escalation, D.AddDays(5), 2),
            new DueStep(DueKind.CutOff, D.AddDays(10)),
        ], steps);
        Assert.Equal(2, round.RemindersSent);
        Assert.All(round.ToStatus().Ministries, m => Assert.Equal(2, m.EscalationLevel));
    }

    [Fact]
    public void Steps_already_past_when_the_round_starts_are_skipped()
    {
        var round = new RoundProgress(Plan, D.AddDays(-3));

        Assert.Equal(new DueStep(DueKind.Reminder, D.AddDays(-1)), round.NextDue());
    }

    [Fact]
    public void A_cut_off_before_the_next_step_comes_first()
    {
        var plan = Plan with { Schedule = Plan.Schedule with { Escalations = [TimeSpan.FromDays(2)], CutOff = TimeSpan.FromDays(1) } };
        var round = new RoundProgress(plan, D.AddHours(-1));

        Assert.Equal(new DueStep(DueKind.CutOff, D.AddDays(1)), round.NextDue());
    }

    [Fact]
    public void Contributions_mark_pillars_in_refuse_other_pillars_and_complete_the_round()
    {
        var round = new RoundProgress(Plan, Plan.CreatedAt);
        round.EscalationSent(1, ["SZW", "BZK"]);

        // BHOS writes pillars 1 and 2: its 6 is refused, its 2 counts once.
        Assert.Equal([6], round.Receive("BHOS", [2, 2, 6]));
        Assert.Equal([2], round["BHOS"].Received);
        Assert.Equal([1], round["BHOS"].Missing);
        Assert.Empty(round.Receive("SZW", [6]));
        Assert.Equal([5], round["SZW"].Missing);
        Assert.Equal(1, round["SZW"].EscalationLevel);
        Assert.Empty(round.Receive("SZW", [5]));
        // In, so no longer escalated.
        Assert.Equal(0, round["SZW"].EscalationLevel);
        Assert.Equal(["JenV", "BZ", "BHOS", "BZK"], round.Owing.Select(m => m.Participant.Code));
        Assert.False(round.AllIn);

        round.Receive("JenV", [1, 3, 4, 5]);
        round.Receive("BZ", [1, 4]);
        round.Receive("BHOS", [1]);
        round.Receive("BZK", [6]);

        Assert.True(round.AllIn);
        Assert.Empty(round.Owing);
        Assert.True(round.Takes("bzk"));
        Assert.False(round.Takes("EZK"));
    }

    [Fact]
    public void Extending_counts_the_schedule_from_the_new_deadline_and_does_not_send_past_steps_late()
    {
        var round = new RoundProgress(Plan, Plan.CreatedAt);
        round.ReminderSent();
        round.ReminderSent();
        round.EscalationSent(1, ["BZK"]);
        var now = D.AddDays(3);
        var newDeadline = D.AddDays(4);

        round.Extend(newDeadline, now);

        Assert.Equal(newDeadline, round.Deadline);
        Assert.Equal(newDeadline.AddDays(10), round.CutOffAt);
        Assert.Equal(0, round["BZK"].EscalationLevel);
        // Both reminders (new deadline - 7 and - 1 days) are past: the next step is escalation 1 after the new deadline.
        Assert.Equal(new DueStep(DueKind.Escalation, newDeadline.AddDays(2), 1), round.NextDue());
    }

    [Fact]
    public void Reopen_asks_for_pillars_again_with_a_new_request_version_and_deadline()
    {
        var round = new RoundProgress(Plan, Plan.CreatedAt);
        round.Receive("SZW", [5, 6]);
        var now = D.AddDays(12);

        var version = round.Reopen("SZW", [6], now.AddDays(5), now);

        Assert.Equal(2, version);
        Assert.Equal([6], round["SZW"].Missing);
        Assert.Equal([5], round["SZW"].Received);
        Assert.Equal(now.AddDays(5), round.Deadline);
        Assert.Equal(new DueStep(DueKind.Reminder, now.AddDays(4)), round.NextDue());
    }

    [Fact]
    public void The_status_carries_phase_deadline_and_per_ministry_progress_in_plan_order()
    {
        var round = new RoundProgress(Plan, Plan.CreatedAt) { Phase = RoundPhase.Collecting, Drafts = 1 };
        round.Receive("BZ", [4]);
        round.ReminderSent();

        var status = round.ToStatus();

        Assert.Equal((RoundPhase.Collecting, D, D.AddDays(10), 1, 1), (status.Phase, status.Deadline, status.CutOffAt, status.Draft, status.RemindersSent));
        Assert.Equal(["JenV", "BZ", "BHOS", "SZW", "BZK"], status.Ministries.Select(m => m.Ministry));
        var bz = status.Ministries[1];
        Assert.Equal([4], bz.Received);
        Assert.Equal([1], bz.Missing);
        Assert.Equal(1, bz.RequestVersion);
    }
}
