using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>
/// In review, a correction (a new version of a pillar already in) or a late text makes the next draft at once, also
/// after the coordinator closed early with pillars missing: the round stays in review and reminds nobody.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReviewRedraftTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private WorkflowHost _host = null!;
    private RoundWorkflow _round = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkflowHost.StartAsync(azurite);
        _round = new RoundWorkflow(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_correction_after_an_early_close_makes_the_next_draft_without_collecting_again()
    {
        var id = $"redraft-{Guid.NewGuid():N}"[..24];
        // Collecting again would wait five minutes for the cut-off and remind BZK in between.
        var schedule = new ScheduleSpec { Reminders = ["PT50S", "PT40S"], Escalations = ["PT1S"], CutOff = "PT5M", ApprovalTimeout = "PT5M", ApprovalReminders = 0, ReopenPeriod = "PT1M" };
        await _round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddSeconds(55), schedule));
        await _round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 2, "two requests");
        await _round.SubmitAsync(id, "BHOS", 2, "In december 2019 vond het eerste Global Refugee Forum plaats.");
        await _round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Close });
        await _round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);
        var before = (await _round.MailsAsync(id)).Count;

        await _round.SubmitAsync(id, "BHOS", 2, "Gecorrigeerd: het eerste Global Refugee Forum vond plaats in december 2019 in Genève.");
        var status = await _round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 2);

        Assert.Equal([6], status!.Ministries.Single(m => m.Ministry == "BZK").Missing);
        var since = (await _round.MailsAsync(id)).Skip(before).ToList();
        Assert.Equal([MailKind.DraftForApproval], since.Select(m => m.Kind));
        Assert.Equal(0, status.RemindersSent);
    }
}
