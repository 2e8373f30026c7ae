using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// Corrections by mail: a text for a pillar the ministry writes is a new version whenever it comes, while collecting or
/// in review (a new draft at once), also while another of its pillars is still owed. Only pillars it does not write are
/// refused.
/// </summary>
[Collection("Azurite")]
public sealed class CorrectionWebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "correction-secret";
    private WebhookHosts _hosts = null!;

    private const string Corrected = "In december 2019 vond het eerste Global Refugee Forum plaats. Gecorrigeerd: Nederland heeft in 2026 in totaal 12 miljoen euro bijgedragen aan de opvang in de regio, niet 10 miljoen zoals eerder gemeld.";

    public async Task InitializeAsync() => _hosts = await WebhookHosts.StartAsync(azurite, Secret);

    public Task DisposeAsync() => _hosts.DisposeAsync().AsTask();

    private ContributionStore Contributions => _hosts.Workflow.Services.GetRequiredService<ContributionStore>();

    [Fact]
    public async Task A_correction_during_review_makes_a_new_draft_with_the_corrected_text()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("BZK", 6));
        var bhos = await _hosts.Driver.ReplyAddressAsync(round, "BHOS");
        await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(bhos, "officer@bhos.example", "Pijler 2\n\n" + IntakeCorpus.P2));
        await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(await _hosts.Driver.ReplyAddressAsync(round, "BZK"), "officer@bzk.example", "Pijler 6\n\n" + IntakeCorpus.P6));
        await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Reviewing, draft: 1);

        // The corrected text, answered on the same request and without a heading: BHOS writes one pillar.
        var answer = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(bhos, "officer@bhos.example", "Beste collega,\n\n" + Corrected + "\n\nMet vriendelijke groet,\nBHOS"));
        Assert.Equal("accepted", answer.GetProperty("outcome").GetString());
        Assert.Equal(2, answer.GetProperty("versions")[0].GetProperty("version").GetInt32());

        await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Reviewing, draft: 2);
        var draft2 = await _hosts.Driver.Http.GetStringAsync($"/api/rounds/{round}/letter?format=md&version=draft-2");
        Assert.Contains("12 miljoen euro", draft2, StringComparison.Ordinal);
        Assert.DoesNotContain("UNHCR", draft2, StringComparison.Ordinal);
        var draft1 = await _hosts.Driver.Http.GetStringAsync($"/api/rounds/{round}/letter?format=md&version=draft-1");
        Assert.Contains("UNHCR", draft1, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correction_of_a_received_pillar_is_taken_while_another_is_owed_and_after_an_early_close()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("SZW"), SampleRounds.Ministry("BZK", 6));
        var szw = await _hosts.Driver.ReplyAddressAsync(round, "SZW");
        await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(szw, "officer@szw.example", "Pijler 5\n\n" + IntakeCorpus.P5));
        await Eventually.WaitAsync(async () => RoundState.CustomStatus(await _hosts.Workflow.Client.GetInstanceAsync(round, getInputsAndOutputs: true)),
            s => s?.Ministries.Single(m => m.Ministry == "SZW").Missing.SequenceEqual([6]) == true, WebhookDriver.Patience, "pillar 5 in, 6 owed");

        // Pillar 5 again, with its heading, while pillar 6 is still owed: a new version, not "not asked".
        var correction = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(szw, "officer@szw.example", "Pijler 5\n\n" + IntakeCorpus.P5b));
        Assert.Equal("accepted", correction.GetProperty("outcome").GetString());
        Assert.Equal((5, 2), (correction.GetProperty("versions")[0].GetProperty("pillar").GetInt32(), correction.GetProperty("versions")[0].GetProperty("version").GetInt32()));

        // A pillar SZW does not write is still refused, with the pillars it is asked for.
        var notOwn = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(szw, "officer@szw.example", "Pijler 3\n\nTekst over asiel."));
        Assert.Equal(("quarantined", "NotOwnedPillar"), (notOwn.GetProperty("outcome").GetString(), notOwn.GetProperty("reasonCode").GetString()));
        Assert.Contains("Gevraagd is: pijler 6", notOwn.GetProperty("reason").GetString());

        // Closed early with pillar 6 missing; a correction of pillar 5 in review makes draft 2 at once, and the round
        // does not go back to collecting (no reminders to whoever still owes a pillar).
        Assert.Equal(HttpStatusCode.Accepted, (await _hosts.Driver.Http.PostAsync($"/api/rounds/{round}/close", JsonBodies.Empty())).StatusCode);
        await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Reviewing, draft: 1);
        var mark = (await _hosts.Driver.SentAsync(round)).Count;
        var inReview = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(szw, "officer@szw.example", "Pijler 5\n\n" + IntakeCorpus.P5c));
        Assert.Equal(3, inReview.GetProperty("versions")[0].GetProperty("version").GetInt32());
        var status = await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Reviewing, draft: 2);
        Assert.Equal([6], status.Ministries.Single(m => m.Ministry == "SZW").Missing);
        var draft2 = await _hosts.Driver.Http.GetStringAsync($"/api/rounds/{round}/letter?format=md&version=draft-2");
        Assert.Contains("workinnl.nl", draft2, StringComparison.Ordinal);
        var after = (await _hosts.Driver.SentAsync(round)).Skip(mark).ToList();
        Assert.Equal([nameof(MailKind.DraftForApproval)], after.Select(m => m.Kind));

        var versions = (await Contributions.ListAsync(round, CancellationToken.None)).Where(c => c.Ministry == "SZW").ToList();
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.All(versions, v => Assert.Equal(5, v.Pillar));
    }
}
