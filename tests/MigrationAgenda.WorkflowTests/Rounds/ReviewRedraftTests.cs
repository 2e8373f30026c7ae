using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>
/// In review, a correction (a new version of a pillar already in) or a late text makes the next draft at once, also
/// after the coordinator closed early with pillars missing: the round stays in review and reminds nobody.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReviewRedraftTests(AzuriteFixture azurite) : RoundWorkflowTests(azurite)
{
    [Fact]
    public async Task A_correction_after_an_early_close_makes_the_next_draft_without_collecting_again()
    {
        var id = NewId("redraft");
        // Collecting again would wait five minutes for the cut-off and remind BZK in between.
        var schedule = new ScheduleSpec { Reminders = ["PT50S", "PT40S"], Escalations = ["PT1S"], CutOff = "PT5M", ApprovalTimeout = "PT5M", ApprovalReminders = 0, ReopenPeriod = "PT1M" };
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddSeconds(55), schedule));
        await Round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 2, "two requests");
        await Round.SubmitAsync(id, "BHOS", 2, "In december 2019 vond het eerste Global Refugee Forum plaats.");
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Close });
        await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);
        var before = (await Round.MailsAsync(id)).Count;

        await Round.SubmitAsync(id, "BHOS", 2, "Gecorrigeerd: het eerste Global Refugee Forum vond plaats in december 2019 in Genève.");
        var status = await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 2);

        Assert.Equal([6], status!.Ministries.Single(m => m.Ministry == "BZK").Missing);
        var since = (await Round.MailsAsync(id)).Skip(before).ToList();
        Assert.Equal([MailKind.DraftForApproval], since.Select(m => m.Kind));
        Assert.Equal(0, status.RemindersSent);
    }
}
