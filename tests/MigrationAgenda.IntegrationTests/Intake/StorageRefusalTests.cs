using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// Storage that refuses for good (here: the Contributions table is gone, a 404 no retry mends) is no 500 and no 503:
/// the message is quarantined with what storage said, nobody is mailed, and once storage is fixed a reprocess stores
/// it. Its own Azurite, since the test deletes a table.
/// </summary>
public sealed class StorageRefusalTests : IAsyncLifetime
{
    private const string Secret = "refusal-secret";
    private AzuriteProcess _azurite = null!;
    private WorkflowHost _workflow = null!;
    private ApiHost _api = null!;
    private WebhookDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), dataFolder: null);
        var storage = StorageClients.Connect(StorageAccount.FromConnectionString(_azurite.ConnectionString), fastFail: true);
        await storage.EnsureCreatedAsync();
        _workflow = await WorkflowHost.StartAsync(storage, new Dictionary<string, string?> { ["Inbound:SharedSecret"] = Secret });
        _api = await ApiHost.StartAsync(_workflow);
        _driver = new WebhookDriver(_workflow, _api, Secret);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _workflow.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_refusal_by_storage_is_quarantined_with_its_reason_and_a_reprocess_stores_it_once_fixed()
    {
        var round = await _driver.StartRoundAsync(SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("BZK", 6));
        var replyTo = await _driver.ReplyAddressAsync(round, "BHOS");
        await _workflow.Storage.Table(StorageClients.ContributionsTable).DeleteAsync();

        var response = await _driver.PostAsync(WebhookDriver.Reply(replyTo, "officer@bhos.example", "Pijler 2\n\nTekst die de opslag even weigerde."));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await WebhookDriver.JsonAsync(response);
        Assert.Equal(("quarantined", "StorageRefused"), (answer.GetProperty("outcome").GetString(), answer.GetProperty("reasonCode").GetString()));
        Assert.Contains("de opslag weigerde het (404 TableNotFound)", answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
        // The sender could not have done anything about it: no notice.
        await _api.QuarantineFollowUpDoneAsync();
        Assert.DoesNotContain(await _workflow.Outbox.ListAsync(round), m => m.Mail.Kind == MailKind.QuarantineNotice);

        var inbound = _workflow.Services.GetRequiredService<InboundStore>();
        Assert.Equal(InboundOutcomes.Quarantined, (await inbound.GetAsync(answer.GetProperty("id").GetString()!, CancellationToken.None))!.Outcome);

        await _workflow.Storage.Table(StorageClients.ContributionsTable).CreateIfNotExistsAsync();
        var reprocessed = await WebhookDriver.JsonAsync(await _driver.Http.PostAsync($"/api/inbound/reprocess/{answer.GetProperty("id").GetString()}", JsonBodies.Empty()));
        Assert.Equal("accepted", reprocessed.GetProperty("outcome").GetString());
        var stored = Assert.Single(await _workflow.Services.GetRequiredService<ContributionStore>().ListAsync(round, CancellationToken.None));
        Assert.Equal("Tekst die de opslag even weigerde.", stored.Text);
        // Out of quarantine in its row, so the quarantine retention no longer applies.
        Assert.Equal(InboundOutcomes.Accepted, (await inbound.GetAsync(answer.GetProperty("id").GetString()!, CancellationToken.None))!.Outcome);
        await Eventually.WaitAsync(async () => RoundState.CustomStatus(await _workflow.Client.GetInstanceAsync(round, getInputsAndOutputs: true)),
            s => s?.Ministries.Single(m => m.Ministry == "BHOS").Missing.Count == 0, WebhookDriver.Patience, "the round told of pillar 2");
    }
}
