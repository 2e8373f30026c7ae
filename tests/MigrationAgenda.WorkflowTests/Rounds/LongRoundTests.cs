using Microsoft.DurableTask.Client;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;
using Xunit.Abstractions;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>
/// Rounds last weeks to months. The real round on the in-memory engine with a 40-day reminder and a 90-day cut-off,
/// shifted in time rather than waited for: the deadline is 40 days and a few seconds away, so the reminder fires at
/// once while the escalation (41 days) and cut-off (130 days) lie far beyond any single timer the backends can hold
/// (7 days on Azure Storage; about 49 days for the in-memory engine's Task.Delay).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LongRoundTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan ThreeDays = TimeSpan.FromDays(3);

    [Fact]
    public async Task A_40_day_reminder_fires_and_the_round_waits_for_its_41_day_escalation_on_3_day_timer_steps()
    {
        var recorder = new TimerRecorder();
        await using var host = await WorkflowHost.StartAsync(azurite, worker: s => WorkerTimers.Configure(s, recorder));
        var round = new RoundWorkflow(host);
        var id = $"long-{Guid.NewGuid():N}"[..20];
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromDays(40) + TimeSpan.FromSeconds(5);
        // Exact elapsed days: the long timers are the point here, not the working-day calendar the IMA definition counts by.
        var schedule = new ScheduleSpec
        {
            WorkingDays = false, Reminders = ["P40D"], Escalations = ["P1D"], CutOff = "P90D", ApprovalTimeout = "P3D", ApprovalReminders = 0, ReopenPeriod = "P5D",
        };

        await round.StartAsync(SampleRounds.Spec(id, deadline, schedule));

        // The reminder, 40 days before the deadline, goes to both ministries within seconds.
        var mails = await round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Reminder) == 2, "two reminders");
        Assert.Equal(["BHOS", "BZK"], mails.Where(m => m.Mail.Kind == MailKind.Reminder).Select(m => m.Mail.Ministry).Order());
        var status = await Eventually.WaitAsync(() => round.StatusAsync(id), s => s?.RemindersSent == 1, RoundWorkflow.Patience, "reminder counted");
        Assert.Equal(RoundPhase.Collecting, status!.Phase);
        Assert.Equal(deadline + TimeSpan.FromDays(90), status.CutOffAt);

        // The reminder's timer was one timer at its instant; the escalation's 41 days wait in 3-day steps.
        var timers = await Eventually.WaitAsync(() => Task.FromResult(recorder.For(id)), t => t.Count >= 2, RoundWorkflow.Patience, "the timer after the reminder");
        Assert.Equal((deadline - TimeSpan.FromDays(40)).UtcDateTime, timers[0].FireAt);
        var step = timers[1];
        Assert.InRange(step.FireAt - step.CreatedAt, ThreeDays - TimeSpan.FromMinutes(1), ThreeDays);
        Assert.True(step.FireAt < (deadline + TimeSpan.FromDays(1)).UtcDateTime);
        output.WriteLine($"reminder timer at +{(timers[0].FireAt - timers[0].CreatedAt).TotalSeconds:0.0} s; escalation due in {(deadline + TimeSpan.FromDays(1) - DateTimeOffset.UtcNow).TotalDays:0.00} days, first step fires in {(step.FireAt - step.CreatedAt).TotalDays:0.0000} days");

        // A contribution while the long timer waits is taken at once; the round keeps waiting on the same 3-day step
        // (a contribution does not change what is due next, so no timer is added).
        await round.SubmitAsync(id, "BZK", 6, "BZK levert ruim voor de deadline.");
        status = await Eventually.WaitAsync(() => round.StatusAsync(id),
            s => s?.Ministries.Single(m => m.Ministry == "BZK").Missing.Count == 0, RoundWorkflow.Patience, "BZK received");
        Assert.Equal([2], status!.Ministries.Single(m => m.Ministry == "BHOS").Missing);
        Assert.Equal(timers, recorder.For(id));
        var instance = await host.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
        Assert.Null(instance.FailureDetails);
        Assert.DoesNotContain(await round.MailsAsync(id), m => m.Kind is MailKind.Escalation or MailKind.DraftForApproval);

        // And it still ends on command while a split timer is pending.
        await round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Cancel });
        var done = await round.WaitForCompletionAsync(id);
        Assert.Equal(RoundPhase.Cancelled, done.ReadOutputAs<RoundOutcome>()!.Phase);
    }
}
