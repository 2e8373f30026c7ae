using Microsoft.DurableTask.Client;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>
/// <see cref="RoundEvents.MailUndeliverable"/> on the real orchestrator: the ministry's next contact is escalated to at
/// once, the schedule does not escalate to them a second time, and a bounce for a ministry that has answered, or
/// during review, sends nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UndeliverableMailTests(AzuriteFixture azurite) : RoundWorkflowTests(azurite)
{
    private Task BounceAsync(string id, string ministry, int level) =>
        Host.Client.RaiseEventAsync(id, RoundEvents.MailUndeliverable,
            new MailUndeliverable { Ministry = ministry, Level = level, BounceType = MailEvent.Bounce, At = DateTimeOffset.UtcNow });

    [Fact]
    public async Task A_bounced_request_escalates_at_once_and_the_schedule_does_not_repeat_that_level()
    {
        var id = NewId("bounce");
        var schedule = new ScheduleSpec
        {
            Reminders = [], Escalations = ["PT1S", "PT3S"], CutOff = "PT30S", ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M",
        };
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        await Round.StartAsync(SampleRounds.Spec(id, deadline, schedule));
        await Round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 2, "two requests");

        await BounceAsync(id, "BHOS", 0);
        var early = await Round.WaitForMailAsync(id, m => m.Any(x => x.Kind == MailKind.Escalation), "escalation at once");
        var atOnce = Assert.Single(early, m => m.Mail.Kind == MailKind.Escalation);
        Assert.True(atOnce.SentAt < deadline, "the escalation went out before the deadline, not on the schedule");
        Assert.Equal(("BHOS", "head@bhos.example", "1"), (atOnce.Mail.Ministry, atOnce.Mail.To.Single().Email, atOnce.Mail.CustomArgs["level"]));
        Assert.Equal([SampleRounds.Coordinator.Email], atOnce.Mail.Cc.Select(c => c.Email));
        Assert.Contains("uiterlijk", atOnce.Mail.TextBody);
        Assert.Equal(1, (await Round.StatusAsync(id))!.Ministries.Single(m => m.Ministry == "BHOS").EscalationLevel);

        // After the deadline: level 1 goes to BZK only (BHOS had it), level 2 to both.
        var mails = await Round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Escalation && x.CustomArgs["level"] == "2") == 2, "escalation level 2");
        var escalations = mails.Where(m => m.Mail.Kind == MailKind.Escalation).Select(m => (m.Mail.Ministry, Level: m.Mail.CustomArgs["level"])).ToList();
        Assert.Equal(4, escalations.Count);
        Assert.Single(escalations, e => e == ("BHOS", "1"));
        Assert.Single(escalations, e => e == ("BZK", "1"));
        Assert.Single(escalations, e => e == ("BHOS", "2"));
        Assert.Single(escalations, e => e == ("BZK", "2"));
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Cancel });
        await Round.WaitForCompletionAsync(id);
    }

    [Fact]
    public async Task A_bounce_for_a_ministry_that_answered_an_unknown_one_or_during_review_sends_nothing()
    {
        var id = NewId("quiet");
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(30)));
        await Round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 2, "two requests");
        await Round.SubmitAsync(id, "BZK", 6, "BZK levert.");
        await Eventually.WaitAsync(() => Round.StatusAsync(id), s => s!.Ministries.Single(m => m.Ministry == "BZK").Missing.Count == 0, RoundWorkflow.Patience, "BZK in");

        await BounceAsync(id, "BZK", 0);
        await BounceAsync(id, "XYZ", 0);
        await Round.SubmitAsync(id, "BHOS", 2, "BHOS levert.");
        await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);
        await BounceAsync(id, "BHOS", 0);
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Approve, By = "dg" });
        var done = await Round.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.DoesNotContain(await Round.MailsAsync(id), m => m.Kind == MailKind.Escalation);
    }
}
