using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>The round waits on the plan's due instants, and counts each ministry's deadline revision.</summary>
public sealed class RoundProgressDueTests
{
    private static readonly DateTimeOffset D = new(2027, 3, 30, 15, 0, 0, TimeSpan.Zero);

    /// <summary>Due instants no arithmetic on the deadline gives: the round must take them as planned.</summary>
    private static readonly DueTimes Planned = new()
    {
        Deadline = D,
        Reminders = [new(2027, 3, 24, 8, 0, 0, TimeSpan.Zero), new(2027, 3, 25, 8, 0, 0, TimeSpan.Zero)],
        Escalations = [new(2027, 3, 31, 7, 0, 0, TimeSpan.Zero)],
        CutOff = new(2027, 4, 2, 7, 0, 0, TimeSpan.Zero),
    };

    private static readonly RoundPlan Plan = SamplePlans.Ima("ima-2027", 2027, D) with
    {
        Schedule = SamplePlans.Ima().Schedule with { ReminderCounting = [DayCounting.WorkingDays, DayCounting.WorkingDays] },
        Due = Planned,
    };

    [Fact]
    public void The_round_steps_through_the_planned_instants()
    {
        var round = new RoundProgress(Plan, D.AddDays(-10));
        var steps = new List<DueStep>();
        for (var due = round.NextDue(); due.Kind != DueKind.CutOff; due = round.NextDue())
        {
            steps.Add(due);
            if (due.Kind == DueKind.Reminder)
                round.ReminderSent();
            else
                round.EscalationSent(due.Level, round.Owing.Select(m => m.Participant.Code));
        }

        Assert.Equal([new DueStep(DueKind.Reminder, Planned.Reminders[0]), new DueStep(DueKind.Reminder, Planned.Reminders[1]),
            new DueStep(DueKind.Escalation, Planned.Escalations[0], 1)], steps);
        Assert.Equal(Planned.CutOff, round.CutOffAt);
        // Planned instants already past at the start are skipped, as elapsed ones were.
        Assert.Equal(new DueStep(DueKind.Reminder, Planned.Reminders[1]), new RoundProgress(Plan, Planned.Reminders[0].AddMinutes(1)).NextDue());
    }

    [Fact]
    public void An_extension_takes_its_planned_instants_and_raises_every_revision_once_per_move()
    {
        var round = new RoundProgress(Plan, D.AddDays(-10)) { Phase = RoundPhase.Collecting };
        var later = D.AddDays(10);
        var moved = new DeadlinePlan(later, new DueTimes { Deadline = later, Reminders = [later.AddDays(-2)], Escalations = [later.AddDays(3)], CutOff = later.AddDays(5) }, "let op");

        round.Extend(moved, D.AddDays(-9));
        round.Extend(moved, D.AddDays(-9));

        Assert.Equal(later, round.Deadline);
        Assert.Equal(new DueStep(DueKind.Reminder, later.AddDays(-2)), round.NextDue());
        var status = round.ToStatus();
        Assert.All(status.Ministries, m => Assert.Equal(1, m.DeadlineRevision));
        Assert.Equal(moved.Due, status.Due);
        Assert.Equal(new DueStep(DueKind.Reminder, later.AddDays(-2)), status.NextDue);
        Assert.Equal("let op", status.DeadlineWarning);

        var version = round.Reopen("SZW", [6], new DeadlinePlan(later.AddDays(7), moved.Due with { Deadline = later.AddDays(7) }), D.AddDays(-8));
        Assert.Equal(2, version);
        Assert.All(round.ToStatus().Ministries, m => Assert.Equal(2, m.DeadlineRevision));
        Assert.Null(round.DeadlineWarning);
    }

    [Fact]
    public void The_next_step_is_in_the_status_only_while_collecting()
    {
        var round = new RoundProgress(Plan, D.AddDays(-10));
        Assert.Null(round.ToStatus().NextDue);
        round.Phase = RoundPhase.Collecting;
        Assert.Equal(new DueStep(DueKind.Reminder, Planned.Reminders[0]), round.ToStatus().NextDue);
        round.Phase = RoundPhase.Reviewing;
        Assert.Null(round.ToStatus().NextDue);
    }

    [Fact]
    public void A_schedule_that_counts_days_cannot_be_moved_by_plain_arithmetic()
    {
        var round = new RoundProgress(Plan, D.AddDays(-10));

        var e = Assert.Throws<InvalidOperationException>(() => round.Extend(D.AddDays(3), D));
        Assert.Contains("PlanDeadline", e.Message);
        // A plan from before due times were planned waits on deadline ± offset, as it always did.
        var old = new RoundProgress(SamplePlans.Ima(), SamplePlans.Ima().CreatedAt);
        Assert.Equal(SamplePlans.Deadline.AddDays(-7), old.NextDue().At);
        Assert.Equal(SamplePlans.Deadline.AddDays(10), old.CutOffAt);
    }
}
