using Microsoft.DurableTask.Client;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>
/// The round takes several contributions in one ContributionsReceived event (the intake group-commits a burst of
/// replies): each counts as if told alone, and in review one batch makes one new draft. The singular event is still
/// understood: A_contribution_for_a_pillar_the_ministry_does_not_own_is_refused (RoundOrchestrationTests) raises one.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ContributionBatchTests(AzuriteFixture azurite) : RoundWorkflowTests(azurite)
{
    private static ContributionReceived Item(string ministry, int pillar) =>
        new() { Ministry = ministry, Pillars = [pillar], ReceivedAt = DateTimeOffset.UtcNow, Source = "mail", MessageId = $"<{ministry}-{pillar}@test>" };

    private Task RaiseAsync(string roundId, params ContributionReceived[] items) =>
        Round.Client.RaiseEventAsync(roundId, RoundEvents.ContributionsReceived, new ContributionsReceived { Items = items });

    [Fact]
    public async Task One_event_with_three_ministries_counts_all_three_and_leaves_the_fourth_owing()
    {
        var id = NewId("batch3");
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5), null,
            SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("BZK", 6), SampleRounds.Ministry("SZW", 5), SampleRounds.Ministry("JenV", 3)));
        await Round.WaitForPhaseAsync(id, RoundPhase.Collecting);

        await RaiseAsync(id, Item("BHOS", 2), Item("BZK", 6), Item("SZW", 5));
        var status = await Eventually.WaitAsync(() => Round.StatusAsync(id),
            s => s?.Ministries.Count(m => m.Missing.Count == 0) == 3, RoundWorkflow.Patience, "three ministries counted");

        Assert.Equal([2], status!.Ministries.Single(m => m.Ministry == "BHOS").Received);
        Assert.Equal([6], status.Ministries.Single(m => m.Ministry == "BZK").Received);
        Assert.Equal([5], status.Ministries.Single(m => m.Ministry == "SZW").Received);
        Assert.Equal([3], status.Ministries.Single(m => m.Ministry == "JenV").Missing);
        Assert.Equal(RoundPhase.Collecting, status.Phase);
    }

    [Fact]
    public async Task One_event_with_the_last_three_ministries_completes_the_round_and_it_assembles()
    {
        var id = NewId("batchall");
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5), null,
            SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("BZK", 6), SampleRounds.Ministry("SZW", 5)));
        await Round.WaitForPhaseAsync(id, RoundPhase.Collecting);

        // A pillar BZK does not own rides along and counts for no one, as with the singular event.
        await RaiseAsync(id, Item("BHOS", 2), Item("BZK", 2), Item("BZK", 6), Item("SZW", 5));
        var reviewing = await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);

        Assert.All(reviewing!.Ministries, m => Assert.Empty(m.Missing));
        Assert.Equal([6], reviewing.Ministries.Single(m => m.Ministry == "BZK").Received);
        Assert.Single(await Round.MailsAsync(id), m => m.Kind == MailKind.DraftForApproval);
    }

    [Fact]
    public async Task In_review_one_batch_of_corrections_makes_one_new_draft_and_an_empty_batch_none()
    {
        var id = NewId("batchrev");
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5)));
        await Round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 2, "two requests");
        await Round.SubmitAsync(id, "BHOS", 2, "Tekst van BHOS.");
        await Round.SubmitAsync(id, "BZK", 6, "Tekst van BZK.");
        await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);

        // Events are taken in order: had the empty batch ended the review, the corrections would make a third draft
        // and the approval of the second would not be taken.
        await RaiseAsync(id);
        await RaiseAsync(id, Item("BHOS", 2), Item("BZK", 6));
        await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 2);
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Approve, Draft = 2, By = "dg@jenv.example" });
        var done = await Round.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal((RoundPhase.Approved, 2), (done.ReadOutputAs<RoundOutcome>()!.Phase, done.ReadOutputAs<RoundOutcome>()!.Draft));
        Assert.Equal(2, (await Round.MailsAsync(id)).Count(m => m.Kind == MailKind.DraftForApproval));
    }
}
