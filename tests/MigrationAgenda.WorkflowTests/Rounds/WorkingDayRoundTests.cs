using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.TestSupport;
using Xunit.Abstractions;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>
/// When each reminder and escalation of a round fires. The orchestrator waits on the instants the planner (at start)
/// and the PlanDeadline activity (on extend) computed; it does no calendar arithmetic itself. Two rounds prove that:
/// <list type="bullet">
/// <item>a working-day round of real dates (weeks, across Easter and the change to summer time, and an extension to a
/// Friday) on the engine's virtual clock: every timer the orchestration creates is exactly a planned instant, and each
/// step's mail goes out when, and only when, the clock reaches its instant;</item>
/// <item>a round whose planned instants are seconds apart, on the real clock: each step's mail goes out at its instant.</item>
/// </list>
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkingDayRoundTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static DateTimeOffset T(string moment) => DateTimeOffset.Parse(moment, CultureInfo.InvariantCulture);

    /// <summary>"di 2027-03-30 17:00 +02:00": the Dutch wall clock, as a coordinator reads it.</summary>
    private static string Local(DateTimeOffset moment) =>
        AmsterdamTime.ToLocal(moment).ToString("ddd yyyy-MM-dd HH:mm zzz", CultureInfo.GetCultureInfo("nl-NL"));

    private static string NewId(string name) => $"{name}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task A_working_day_round_reminds_escalates_and_closes_at_its_planned_instants_across_Easter_summer_time_and_an_extension()
    {
        // Timers of weeks are not split into 3-day steps here: the virtual clock delivers each at its instant.
        await using var host = await WorkflowHost.StartAsync(azurite,
            worker: s => s.Configure<DurableTaskWorkerOptions>(o => o.MaximumTimerInterval = TimeSpan.FromDays(400)));
        var round = new RoundWorkflow(host);
        var id = NewId("workdays");
        host.Engine.UseVirtualClock(id);

        // Tuesday 30 March 2027 17:00, the Tuesday after Easter; summer time starts on Sunday 28 March.
        var deadline = T("2027-03-30T17:00:00+02:00");
        var schedule = new ScheduleSpec
        {
            WorkingDays = true, Reminders = ["P2D", "P1D"], Escalations = ["P1D", "P3D"], CutOff = "P5D",
            ApprovalTimeout = "P3D", ApprovalReminders = 0, ReopenPeriod = "P5D",
        };
        var plan = await round.StartAsync(SampleRounds.Spec(id, deadline, schedule));

        // The planner's instants: two and one working days before (Good Friday and Easter Monday closed), at 09:00 winter
        // time; one and three working days after, at 09:00 summer time; the cut-off five working days after.
        var due = plan.Due!;
        Assert.Equal(["wo 2027-03-24 09:00 +01:00", "do 2027-03-25 09:00 +01:00"], due.Reminders.Select(Local));
        Assert.Equal(["wo 2027-03-31 09:00 +02:00", "vr 2027-04-02 09:00 +02:00"], due.Escalations.Select(Local));
        Assert.Equal("di 2027-04-06 09:00 +02:00", Local(due.CutOff));

        var requests = await round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 2, "two requests");
        var bhosRequest = DeadlineIcs.Of(requests.Single(m => m.Mail is { Kind: MailKind.Request, Ministry: "BHOS" }).Mail);
        Assert.Equal((deadline, 0, "PUBLISH"), (bhosRequest.Start, bhosRequest.Sequence, bhosRequest.Method));
        Assert.Equal($"{id}.bhos.deadline@noreply.example", bhosRequest.Uid);
        // The calendar reminds one working day before: Thursday 25 March, 09:00.
        Assert.Equal("do 2027-03-25 09:00 +01:00", Local(bhosRequest.RemindAt!.Value));

        var r1 = await StepAsync(host, round, id, due.Reminders[0], MailKind.Reminder, ["BHOS", "BZK"]);
        Assert.All(r1, m => Assert.Equal((deadline, 0), (DeadlineIcs.Of(m).Start, DeadlineIcs.Of(m).Sequence)));
        await round.SubmitAsync(id, "BZK", 6, "BZK levert na de eerste herinnering.");
        await Eventually.WaitAsync(() => round.StatusAsync(id), s => s?.Ministries.Single(m => m.Ministry == "BZK").Missing.Count == 0, RoundWorkflow.Patience, "BZK in");

        await StepAsync(host, round, id, due.Reminders[1], MailKind.Reminder, ["BHOS"]);
        var e1 = Assert.Single(await StepAsync(host, round, id, due.Escalations[0], MailKind.Escalation, ["BHOS"]));
        Assert.Equal(("head@bhos.example", "1"), (e1.To.Single().Email, e1.CustomArgs["level"]));
        Assert.Equal((bhosRequest.Uid, 0, deadline), (DeadlineIcs.Of(e1).Uid, DeadlineIcs.Of(e1).Sequence, DeadlineIcs.Of(e1).Start));

        // Extended to Friday 9 April 17:00: the PlanDeadline activity plans the new instants; the ministry that still
        // owes hears of it with the same event, SEQUENCE raised; the one that delivered is left alone.
        var extended = T("2027-04-09T17:00:00+02:00");
        await round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Extend, Deadline = extended });
        var changed = (await round.WaitForMailAsync(id, m => m.Any(x => x.Kind == MailKind.DeadlineChanged), "the deadline-changed mail"))
            .Select(m => m.Mail).Where(m => m.Kind == MailKind.DeadlineChanged).ToList();
        var moved = DeadlineIcs.Of(Assert.Single(changed, m => m.Ministry == "BHOS"));
        Assert.Equal((bhosRequest.Uid, 1, extended, "PUBLISH"), (moved.Uid, moved.Sequence, moved.Start, moved.Method));
        Assert.Equal("do 2027-04-08 09:00 +02:00", Local(moved.RemindAt!.Value));
        Assert.Equal("1", changed.Single().CustomArgs["revision"]);
        var status = await Eventually.WaitAsync(() => round.StatusAsync(id), s => s?.Deadline == extended, RoundWorkflow.Patience, "the new deadline");
        Assert.Equal(["wo 2027-04-07 09:00 +02:00", "do 2027-04-08 09:00 +02:00"], status!.Due!.Reminders.Select(Local));
        // After a Friday deadline the first escalation is on Monday 09:00.
        Assert.Equal(["ma 2027-04-12 09:00 +02:00", "wo 2027-04-14 09:00 +02:00"], status.Due.Escalations.Select(Local));
        Assert.Equal("vr 2027-04-16 09:00 +02:00", Local(status.Due.CutOff));
        Assert.Equal([1, 1], status.Ministries.Select(m => m.DeadlineRevision));

        var r1b = Assert.Single(await StepAsync(host, round, id, status.Due.Reminders[0], MailKind.Reminder, ["BHOS"]));
        Assert.Equal((extended, 1), (DeadlineIcs.Of(r1b).Start, DeadlineIcs.Of(r1b).Sequence));
        await StepAsync(host, round, id, status.Due.Reminders[1], MailKind.Reminder, ["BHOS"]);
        await StepAsync(host, round, id, status.Due.Escalations[0], MailKind.Escalation, ["BHOS"]);
        var e2 = Assert.Single(await StepAsync(host, round, id, status.Due.Escalations[1], MailKind.Escalation, ["BHOS"]));
        Assert.Equal(("director@bhos.example", "2"), (e2.To.Single().Email, e2.CustomArgs["level"]));

        // The cut-off assembles the draft without BHOS.
        await WaitForTimerAsync(host, round, id, status.Due.CutOff);
        Assert.DoesNotContain(await round.MailsAsync(id), m => m.Kind == MailKind.DraftForApproval);
        await host.Engine.AdvanceTo(id, status.Due.CutOff.UtcDateTime);
        var reviewing = await round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);
        Assert.Equal([2], reviewing!.Ministries.Single(m => m.Ministry == "BHOS").Missing);
        Assert.Null(reviewing.NextDue);

        // One timer per due time, each exactly at a planned instant: the first deadline's five minus its cut-off (the
        // second escalation was pending when the extension replaced it), then the new deadline's five.
        Assert.Equal(
            due.Reminders.Concat(due.Escalations).Concat(status.Due.Reminders).Concat(status.Due.Escalations).Append(status.Due.CutOff).Select(d => d.UtcDateTime),
            host.Engine.TimersCreated(id));

        // Cancelled: every ministry that had a request gets the cancellation of the same event.
        await round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Cancel });
        Assert.Equal(RoundPhase.Cancelled, (await round.WaitForCompletionAsync(id)).ReadOutputAs<RoundOutcome>()!.Phase);
        var cancelled = (await round.MailsAsync(id)).Where(m => m.Kind == MailKind.RoundCancelled).OrderBy(m => m.Ministry).ToList();
        Assert.Equal(["BHOS", "BZK"], cancelled.Select(m => m.Ministry));
        foreach (var mail in cancelled)
        {
            var ics = DeadlineIcs.Of(mail);
            Assert.Equal(("CANCEL", $"{id}.{mail.Ministry!.ToLowerInvariant()}.deadline@noreply.example", 2, "CANCELLED"),
                (ics.Method, ics.Uid, ics.Sequence, ics.Event.Status));
            Assert.Equal("text/calendar; method=CANCEL; charset=utf-8", mail.Attachments.Single().ContentType);
        }
        output.WriteLine(string.Join("\n", host.Engine.TimersCreated(id).Select(t => Local(new DateTimeOffset(t, TimeSpan.Zero)))));
    }

    [Fact]
    public async Task Each_reminder_and_escalation_goes_out_at_its_planned_instant_on_the_real_clock()
    {
        await using var host = await WorkflowHost.StartAsync(azurite);
        var round = new RoundWorkflow(host);
        var id = NewId("instants");
        var now = DateTimeOffset.UtcNow;
        var deadline = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddSeconds(14);
        // Elapsed steps (they have seconds in them): the plan's instants are seconds apart, through the same planner and wait.
        var schedule = new ScheduleSpec
        {
            Reminders = ["PT6S", "PT3S"], Escalations = ["PT2S", "PT4S"], CutOff = "PT6S", ApprovalTimeout = "PT1H", ApprovalReminders = 0, ReopenPeriod = "PT1H",
        };
        var plan = await round.StartAsync(SampleRounds.Spec(id, deadline, schedule));
        var due = plan.Due!;
        Assert.Equal([deadline.AddSeconds(-6), deadline.AddSeconds(-3)], due.Reminders);
        Assert.Equal([deadline.AddSeconds(2), deadline.AddSeconds(4)], due.Escalations);
        Assert.Equal(deadline.AddSeconds(6), due.CutOff);

        await round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);

        var mails = await host.Outbox.ListAsync(id);
        var steps = new[]
        {
            (Kind: MailKind.Reminder, Level: (string?)null, At: due.Reminders[0], Nth: 0),
            (Kind: MailKind.Reminder, Level: null, At: due.Reminders[1], Nth: 1),
            (Kind: MailKind.Escalation, Level: "1", At: due.Escalations[0], Nth: 0),
            (Kind: MailKind.Escalation, Level: "2", At: due.Escalations[1], Nth: 0),
        };
        foreach (var step in steps)
        {
            // Both ministries owe, so each step mails both; the Nth reminder of each ministry belongs to the Nth instant.
            var sent = mails.Where(m => m.Mail.Kind == step.Kind && (step.Level is null || m.Mail.CustomArgs["level"] == step.Level))
                .GroupBy(m => m.Mail.Ministry).Select(g => g.OrderBy(m => m.SentAt).ElementAt(step.Nth)).ToList();
            Assert.Equal(["BHOS", "BZK"], sent.Select(m => m.Mail.Ministry).Order());
            foreach (var m in sent)
            {
                output.WriteLine($"{step.Kind} {step.Level} {m.Mail.Ministry}: planned {step.At:HH:mm:ss.fff}, sent {m.SentAt:HH:mm:ss.fff} (+{(m.SentAt - step.At).TotalMilliseconds:0} ms)");
                // Never before its instant; within a few seconds after it, for the engine's polling on a busy machine.
                Assert.InRange(m.SentAt, step.At, step.At.AddSeconds(5));
            }
        }
        Assert.Equal(2, mails.Count(m => m.Mail.Kind == MailKind.Reminder && m.Mail.Ministry == "BZK"));
        Assert.InRange(mails.Single(m => m.Mail.Kind == MailKind.DraftForApproval).SentAt, due.CutOff, due.CutOff.AddSeconds(10));
        // And the timers the engine kept are exactly the planned instants, one each.
        Assert.Equal(due.Reminders.Concat(due.Escalations).Append(due.CutOff).Select(d => d.UtcDateTime), host.Engine.TimersCreated(id));
    }

    /// <summary>
    /// One step on the virtual clock: the round waits on exactly <paramref name="at"/> (its one kept timer, and the
    /// status's next step), nothing of the step has gone out, the clock reaches the instant, and the step's mail goes
    /// to exactly <paramref name="ministries"/>. Returns the step's mails.
    /// </summary>
    private async Task<IReadOnlyList<OutgoingMail>> StepAsync(WorkflowHost host, RoundWorkflow round, string id, DateTimeOffset at, MailKind kind, string[] ministries)
    {
        await WaitForTimerAsync(host, round, id, at);
        var before = (await round.MailsAsync(id)).Count(m => m.Kind == kind);
        var delivered = await host.Engine.AdvanceTo(id, at.UtcDateTime);
        Assert.Equal(at.UtcDateTime, delivered[^1]);
        var mails = await round.WaitForMailAsync(id, m => m.Count(x => x.Kind == kind) >= before + ministries.Length, $"{kind} at {Local(at)}");
        var step = mails.Select(m => m.Mail).Where(m => m.Kind == kind).Skip(before).ToList();
        Assert.Equal(ministries, step.Select(m => m.Ministry!).Order());
        output.WriteLine($"{Local(at)}: {kind} to {string.Join(", ", ministries)}");
        return step;
    }

    private static async Task WaitForTimerAsync(WorkflowHost host, RoundWorkflow round, string id, DateTimeOffset at)
    {
        await Eventually.WaitAsync(() => Task.FromResult(host.Engine.KeptTimers(id)), t => t.Count > 0 && t[^1] == at.UtcDateTime,
            RoundWorkflow.Patience, $"the round's timer at {Local(at)}");
        var status = await Eventually.WaitAsync(() => round.StatusAsync(id), s => s?.NextDue?.At == at, RoundWorkflow.Patience, $"next step at {Local(at)}");
        Assert.Equal(at, status!.NextDue!.At);
    }
}
