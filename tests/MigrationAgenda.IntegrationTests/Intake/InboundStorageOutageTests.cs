using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// Storage goes away while SendGrid posts a reply: the webhook answers 5xx (so SendGrid retries) and leaves nothing
/// half-written; once storage is back, SendGrid's retry of the same post is accepted exactly once.
/// Its own Azurite (persistent, restarted on the same ports), so the shared one stays up for everyone else.
/// </summary>
public sealed class InboundStorageOutageTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"azurite-outage-{Guid.NewGuid():N}");
    private readonly string _repo = AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory);
    private AzuriteProcess _azurite = null!;
    private WorkflowHost _workflow = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(_repo, _data);
        var storage = StorageClients.Connect(StorageAccount.FromConnectionString(_azurite.ConnectionString), fastFail: true);
        await storage.EnsureCreatedAsync();
        _workflow = await WorkflowHost.StartAsync(storage, new Dictionary<string, string?> { ["Inbound:SharedSecret"] = "s3cret" });
        _api = await ApiHost.StartAsync(_workflow);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _workflow.DisposeAsync();
        await _azurite.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Storage_down_gives_503_and_nothing_half_written_then_the_retry_is_accepted_once()
    {
        var roundId = $"out-{Guid.NewGuid():N}"[..16];
        var plan = _workflow.Services.GetRequiredService<RoundPlanner>().Plan(SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddDays(7)), DateTimeOffset.UtcNow).Plan!;
        await _workflow.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RoundOrchestrator), plan, new StartOrchestrationOptions(roundId));
        var mails = await Eventually.WaitAsync(() => _workflow.Outbox.ListAsync(roundId),
            m => m.Any(x => x.Mail.Kind == MailKind.Request && x.Mail.Ministry == "BHOS"), TimeSpan.FromSeconds(45), "the request to BHOS");
        var replyTo = mails.First(x => x.Mail.Kind == MailKind.Request && x.Mail.Ministry == "BHOS").Mail.ReplyTo!;
        var post = new SendGridPost()
            .Field("headers", $"From: officer@bhos.example\r\nTo: {replyTo}\r\nSubject: Re: Verzoek\r\nMessage-ID: <outage-{roundId}@bhos.example>\r\n")
            .Field("from", "officer@bhos.example").Field("to", replyTo).Field("subject", "Re: Verzoek")
            .Field("text", "Pijler 2\n\nIngestuurd terwijl de opslag even weg was.")
            .Field("envelope", $"{{\"to\":[\"{replyTo}\"],\"from\":\"officer@bhos.example\"}}")
            .Field("SPF", "pass").Field("dkim", "{@bhos.example : pass}").Field("spam_score", "0.1")
            .Field("charsets", "{\"text\":\"UTF-8\",\"from\":\"UTF-8\",\"to\":\"UTF-8\",\"subject\":\"UTF-8\"}")
            .Build();

        var ports = (_azurite.BlobPort, _azurite.QueuePort, _azurite.TablePort);
        await _azurite.DisposeAsync();
        var during = await _api.Http.PostAsync("/api/inbound/sendgrid?secret=s3cret", Content(post));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.Equal("application/problem+json", during.Content.Headers.ContentType?.MediaType);

        _azurite = await AzuriteProcess.StartAsync(_repo, _data, ports: ports);
        var contributions = _workflow.Services.GetRequiredService<ContributionStore>();
        Assert.Empty(await contributions.ListAsync(roundId, CancellationToken.None));

        var retried = await _api.Http.PostAsync("/api/inbound/sendgrid?secret=s3cret", Content(post));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("accepted", JsonDocument.Parse(await retried.Content.ReadAsStringAsync()).RootElement.GetProperty("outcome").GetString());
        var again = await _api.Http.PostAsync("/api/inbound/sendgrid?secret=s3cret", Content(post));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var stored = Assert.Single(await contributions.ListAsync(roundId, CancellationToken.None));
        Assert.Equal(("BHOS", 2, 1), (stored.Ministry, stored.Pillar, stored.Version));
        await Eventually.WaitAsync(async () => RoundState.CustomStatus(await _workflow.Client.GetInstanceAsync(roundId, getInputsAndOutputs: true)),
            s => s?.Ministries.Single(m => m.Ministry == "BHOS").Missing.Count == 0, TimeSpan.FromSeconds(45), "the round told of pillar 2");
    }

    private static ByteArrayContent Content(byte[] post)
    {
        var content = new ByteArrayContent(post);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(SendGridPost.ContentType);
        return content;
    }
}
