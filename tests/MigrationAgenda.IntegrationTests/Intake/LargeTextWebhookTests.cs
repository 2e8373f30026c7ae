using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Intake;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// Long texts by mail: up to the documented limit (<see cref="ContributionStore.MaxTextLength"/>, 400,000 characters a
/// pillar with its footnotes) stored whole, in a blob the row points to once it outgrows a table property; beyond it a
/// clear quarantine ("te groot", with size and limit) and a notice to the authenticated sender. Never a 500.
/// </summary>
[Collection("Azurite")]
public sealed class LargeTextWebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "large-secret";
    private WebhookHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await WebhookHosts.StartAsync(azurite, Secret);

    public Task DisposeAsync() => _hosts.DisposeAsync().AsTask();

    /// <summary>Letter prose, paragraph after paragraph, to about <paramref name="chars"/> characters.</summary>
    private static string Prose(int chars)
    {
        var text = new StringBuilder();
        var paragraphs = new[] { IntakeCorpus.P2, IntakeCorpus.P2Fn.Replace("[^1]", "", StringComparison.Ordinal), IntakeCorpus.P6, IntakeCorpus.P4c };
        for (var i = 0; text.Length < chars; i++)
            text.Append(paragraphs[i % paragraphs.Length]).Append(" (").Append(i).Append(")\n\n");
        return text.ToString().TrimEnd();
    }

    [Fact]
    public async Task A_text_of_350_000_characters_is_stored_whole_through_a_blob()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("BZK", 6));
        var text = Prose(350_000);
        var answer = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(await _hosts.Driver.ReplyAddressAsync(round, "BHOS"), "officer@bhos.example", "Pijler 2\n\n" + text));
        Assert.Equal("accepted", answer.GetProperty("outcome").GetString());

        var stored = Assert.Single(await _hosts.Workflow.Services.GetRequiredService<ContributionStore>().ListAsync(round, CancellationToken.None));
        Assert.Equal(text, stored.Text);
        var bodies = _hosts.Workflow.Storage.Container(StorageClients.ContributionsContainer).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, round + "/", CancellationToken.None);
        var names = new List<string>();
        await foreach (var b in bodies) names.Add(b.Name);
        Assert.Single(names);
        // And through the API, as the page reads it.
        var listed = await WebhookDriver.JsonAsync(await _hosts.Driver.Http.GetAsync($"/api/rounds/{round}/contributions"));
        Assert.Equal(text, listed[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_2_MB_text_is_quarantined_as_too_large_with_200_and_its_sender_is_told()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("BZK", 6));
        var text = Prose(2 * 1024 * 1024);
        var post = WebhookDriver.Reply(await _hosts.Driver.ReplyAddressAsync(round, "BHOS"), "officer@bhos.example", "Pijler 2\n\n" + text);
        Assert.True(post.Length > 2 * 1024 * 1024);

        var answer = await _hosts.Driver.PostOkAsync(post);
        Assert.Equal(("quarantined", "TooLarge"), (answer.GetProperty("outcome").GetString(), answer.GetProperty("reasonCode").GetString()));
        var reason = answer.GetProperty("reason").GetString()!;
        Assert.Contains("De tekst voor pijler 2 is te groot", reason, StringComparison.Ordinal);
        Assert.Contains("hoogstens 400.000 tekens", reason, StringComparison.Ordinal);
        Assert.Matches(@"te groot: 2\.\d{3}\.\d{3} tekens", reason);

        Assert.Empty(await _hosts.Workflow.Services.GetRequiredService<ContributionStore>().ListAsync(round, CancellationToken.None));
        await _hosts.Api.QuarantineFollowUpDoneAsync();
        var notice = Assert.Single((await _hosts.Workflow.Outbox.ListAsync(round)).Select(m => m.Mail), m => m.Kind == MailKind.QuarantineNotice);
        Assert.Equal("officer@bhos.example", notice.To.Single().Email);
        Assert.Contains(reason, notice.TextBody, StringComparison.Ordinal);
        var inbound = _hosts.Workflow.Services.GetRequiredService<InboundStore>();
        var record = await inbound.GetAsync(answer.GetProperty("id").GetString()!, CancellationToken.None);
        Assert.Equal(InboundOutcomes.Quarantined, record!.Outcome);

        // The coordinator cannot release it either: the same limit, said the same way.
        var release = await _hosts.Driver.Http.PostAsync($"/api/inbound/quarantine/{record.Id}/release",
            System.Net.Http.Json.JsonContent.Create(new { roundId = round, ministry = "BHOS", pillar = 2 }));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, release.StatusCode);
        Assert.Contains("te groot", (await WebhookDriver.JsonAsync(release)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_release_of_an_over_long_text_is_refused_with_the_limit_not_a_500()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("BZK", 6));
        // Half a million characters under a pillar BHOS does not write: quarantined for the pillar, not for its size.
        var answer = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(await _hosts.Driver.ReplyAddressAsync(round, "BHOS"), "officer@bhos.example",
            "Pijler 3\n\n" + Prose(500_000)));
        Assert.Equal("NotOwnedPillar", answer.GetProperty("reasonCode").GetString());

        var release = await _hosts.Driver.Http.PostAsync($"/api/inbound/quarantine/{answer.GetProperty("id").GetString()}/release",
            System.Net.Http.Json.JsonContent.Create(new { roundId = round, ministry = "BHOS", pillar = 2 }));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, release.StatusCode);
        var detail = (await WebhookDriver.JsonAsync(release)).GetProperty("detail").GetString()!;
        Assert.StartsWith("De tekst voor pijler 2 is te groot", detail, StringComparison.Ordinal);
        Assert.EndsWith("Meetellen als bijdrage kan niet.", detail, StringComparison.Ordinal);
        Assert.Empty(await _hosts.Workflow.Services.GetRequiredService<ContributionStore>().ListAsync(round, CancellationToken.None));
    }
}
