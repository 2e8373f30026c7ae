using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>A failed round's state carried into its resumed run (<see cref="RoundProgress.Restore"/>), and "mail vertraagd".</summary>
public sealed class RoundResumeTests
{
    // Deadline Friday 15 January 2027 16:00 UTC; reminders 7 and 1 days before, escalations 2 and 5 days after, cut-off after 10.
    private static readonly RoundPlan Plan = SamplePlans.Ima();
    private static readonly DateTimeOffset D = SamplePlans.Deadline;

    [Fact]
    public void Restore_carries_the_extended_deadline_drafts_reminders_and_each_ministrys_state()
    {
        var failed = new RoundProgress(Plan, Plan.CreatedAt);
        failed.ReminderSent();
        failed.Extend(D.AddDays(3), D.AddDays(-6));
        failed.Receive("BHOS", [1]);
        failed.Reopen("SZW", [5], D.AddDays(3), D.AddDays(-6));
        failed.Drafts = 2;
        failed.Phase = RoundPhase.Collecting;
        var status = failed.ToStatus();

        var resumed = new RoundProgress(Plan, D.AddDays(-5));
        resumed.Restore(status, D.AddDays(-5));
        // The orchestrator publishes the restored phase; the status (its next step included) follows from it.
        resumed.Phase = RoundPhase.Collecting;

        Assert.Equal(Json(status), Json(resumed.ToStatus()));
        Assert.Equal(D.AddDays(3), resumed.Deadline);
        Assert.Equal(2, resumed["SZW"].RequestVersion);
        Assert.Equal([1], resumed["BHOS"].Received);
    }

    private static string Json(RoundStatus status) => System.Text.Json.JsonSerializer.Serialize(status);

    [Fact]
    public void The_step_that_failed_is_still_due_when_the_round_is_resumed()
    {
        // The round failed sending the first reminder (D - 7); it is resumed an hour later.
        var failed = new RoundProgress(Plan, Plan.CreatedAt);
        var status = failed.ToStatus();

        var resumed = new RoundProgress(Plan, D.AddDays(-7).AddHours(1));
        resumed.Restore(status, D.AddDays(-7).AddHours(1));

        Assert.Equal(new DueStep(DueKind.Reminder, D.AddDays(-7)), resumed.NextDue());
    }

    [Fact]
    public void Of_the_steps_that_fell_due_while_the_round_was_failed_only_the_last_is_sent()
    {
        // Failed before the first reminder; resumed three days after the deadline: both reminders and escalation 1 are past.
        var failed = new RoundProgress(Plan, Plan.CreatedAt);
        var status = failed.ToStatus();
        var now = D.AddDays(3);

        var resumed = new RoundProgress(Plan, now);
        resumed.Restore(status, now);

        Assert.Equal(new DueStep(DueKind.Escalation, D.AddDays(2), 1), resumed.NextDue());
        resumed.EscalationSent(1, resumed.Owing.Select(m => m.Participant.Code));
        Assert.Equal(new DueStep(DueKind.Escalation, D.AddDays(5), 2), resumed.NextDue());
        Assert.Equal(0, resumed.RemindersSent);
    }

    [Fact]
    public void A_status_without_the_schedule_position_resumes_from_now_as_an_extension_does()
    {
        var status = new RoundProgress(Plan, Plan.CreatedAt).ToStatus() with { NextReminder = null, NextEscalation = null };
        var now = D.AddDays(3);

        var resumed = new RoundProgress(Plan, now);
        resumed.Restore(status, now);

        Assert.Equal(new DueStep(DueKind.Escalation, D.AddDays(5), 2), resumed.NextDue());
    }

    [Fact]
    public void Restore_keeps_to_the_plan_a_ministry_or_pillar_the_plan_does_not_have_is_ignored()
    {
        var status = new RoundProgress(Plan, Plan.CreatedAt).ToStatus();
        var bhos = status.Ministries.Single(m => m.Ministry == "BHOS");
        status = status with
        {
            Ministries = [.. status.Ministries.Where(m => m.Ministry != "BHOS"), bhos with { Missing = [2, 99] },
                new MinistryProgress { Ministry = "XYZ", Received = [], Missing = [1] }],
        };

        var resumed = new RoundProgress(Plan, Plan.CreatedAt);
        resumed.Restore(status, Plan.CreatedAt);

        Assert.Equal([2], resumed["BHOS"].Missing);
        Assert.Equal(Plan.FindParticipant("BHOS")!.Pillars.Where(p => p != 2), resumed["BHOS"].Received);
        Assert.False(resumed.Takes("XYZ"));
    }

    [Fact]
    public void Mail_is_delayed_from_the_first_wait_until_the_last_waiting_mail_went_out()
    {
        var round = new RoundProgress(Plan, Plan.CreatedAt);
        var since = D.AddDays(-10);

        round.MailInFlight(done: false);
        round.MailInFlight(done: false);
        Assert.True(round.MailWaiting(since));
        Assert.False(round.MailWaiting(since.AddMinutes(5)));
        Assert.Equal(since, round.ToStatus().MailDelayedSince);

        Assert.False(round.MailInFlight(done: true));
        Assert.Equal(since, round.MailDelayedSince);
        Assert.True(round.MailInFlight(done: true));
        Assert.Null(round.ToStatus().MailDelayedSince);
    }
}
