using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>
/// A decision that names its draft (a reply by mail does) is taken only for that draft: an approve or reopen of draft 1
/// that reaches the round after draft 2 went out (intake checked, then a correction made the next draft) is ignored.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DecisionForDraftTests(AzuriteFixture azurite) : RoundWorkflowTests(azurite)
{
    [Fact]
    public async Task A_decision_on_an_earlier_draft_is_ignored_and_one_on_the_draft_in_review_is_taken()
    {
        var id = NewId("draftcmd");
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5)));
        await Round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 2, "two requests");
        await Round.SubmitAsync(id, "BHOS", 2, "In december 2019 vond het eerste Global Refugee Forum plaats.");
        await Round.SubmitAsync(id, "BZK", 6, "De handreiking huisvesting is verstuurd.");
        await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);
        await Round.SubmitAsync(id, "BHOS", 2, "Gecorrigeerd: het eerste Global Refugee Forum vond plaats in december 2019 in Genève.");
        await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 2);

        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Reopen, Ministry = "BZK", Pillars = [6], Note = "te laat", Draft = 1 });
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Approve, Draft = 1 });
        // Events arrive in order: by the time this one approves, the two before it were seen and passed over.
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Approve, Draft = 2 });

        var done = await Round.WaitForCompletionAsync(id);
        var outcome = done.ReadOutputAs<RoundOutcome>()!;
        Assert.Equal((RoundPhase.Approved, 2), (outcome.Phase, outcome.Draft));
        var mails = await Round.MailsAsync(id);
        Assert.Equal(2, mails.Count(m => m.Kind == MailKind.Request)); // no reopen request to BZK
        Assert.Single(mails, m => m.Kind == MailKind.Final);
    }
}
