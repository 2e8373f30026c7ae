using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationAgenda.Intake;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// The quarantine notice goes out after the webhook's answer, through the real SendGrid client to the fake SendGrid and
/// the mail ledger on Azurite: the answer does not wait for SendGrid, a notice SendGrid does not take for now is sent
/// on a later attempt and only once, and a host that stops gives up the waiting attempts at once.
/// </summary>
[Collection("Azurite")]
public sealed class QuarantineNoticesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "notices-secret";
    private FakeSendGridServer _sendGrid = null!;
    private WorkflowHost _workflow = null!;
    private ApiHost _api = null!;
    private WebhookDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _sendGrid = await FakeSendGridServer.StartAsync();
        _workflow = await WorkflowHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Inbound:SharedSecret"] = Secret, ["Mail:SendGridApiKey"] = "SG.test-key", ["Mail:SendGridHost"] = _sendGrid.BaseAddress.ToString(),
        });
        _api = await ApiHost.StartAsync(_workflow);
        _driver = new WebhookDriver(_workflow, _api, Secret, _sendGrid);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _workflow.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    [Fact]
    public async Task The_webhook_answers_while_SendGrid_still_holds_the_notice_which_then_goes_out_once()
    {
        var round = await _driver.StartRoundAsync(SampleRounds.Ministry("BHOS", 2));
        var replyTo = await _driver.ReplyAddressAsync(round, "BHOS");
        _sendGrid.HoldAfter(0);

        var stranger = await _driver.PostOkAsync(WebhookDriver.Reply(replyTo, "someone@evil.example", "Pijler 2\n\nTekst van een onbekende afzender."));

        Assert.Equal("quarantined", stranger.GetProperty("outcome").GetString());
        await Eventually.WaitAsync(() => Task.FromResult(_sendGrid.Held), held => held == 1, WebhookDriver.Patience, "the notice held by SendGrid");
        Assert.DoesNotContain(_sendGrid.Received, m => m.Delivered && m.MessageId == NoticeId(stranger));
        _sendGrid.Release();
        await _api.QuarantineNoticesSentAsync();
        var sent = Assert.Single(_sendGrid.Received, m => m.MessageId == NoticeId(stranger));
        Assert.True(sent.Delivered);
        Assert.Equal(MailStates.Sent, (await Ledger.GetAsync(round, NoticeId(stranger), CancellationToken.None))?.State);
    }

    [Fact]
    public async Task A_notice_SendGrid_refuses_for_now_goes_out_on_the_next_attempt_once()
    {
        var notices = Notices([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)]);
        var notice = Notice("retry");
        _sendGrid.FailNext(2, HttpStatusCode.ServiceUnavailable);

        notices.Send("retry", notice);
        await notices.DrainAsync().WaitAsync(WebhookDriver.Patience);

        var attempts = _sendGrid.Received.Where(m => m.MessageId == notice.MessageId).ToList();
        Assert.Equal([503, 503, 202], attempts.Select(m => m.AnsweredStatus));
        Assert.Equal(1, _sendGrid.DeliveriesPerMessageId()[$"{notice.RoundId}/{notice.MessageId}"]);
        Assert.Equal(MailStates.Sent, (await Ledger.GetAsync(notice.RoundId, notice.MessageId!, CancellationToken.None))?.State);

        // Handed over again (a reprocess, a second copy): the ledger knows it was sent, so nothing goes out.
        notices.Send("retry", notice);
        await notices.DrainAsync().WaitAsync(WebhookDriver.Patience);
        Assert.Equal(3, _sendGrid.Received.Count(m => m.MessageId == notice.MessageId));
    }

    [Fact]
    public async Task A_host_that_stops_gives_up_a_waiting_attempt_at_once_and_sends_nothing_more()
    {
        var notices = Notices([TimeSpan.FromHours(1)]);
        var notice = Notice("stop");
        _sendGrid.FailNext(1, HttpStatusCode.ServiceUnavailable);

        notices.Send("stop", notice);
        await Eventually.WaitAsync(() => Task.FromResult(_sendGrid.Received.Count(m => m.MessageId == notice.MessageId)), n => n == 1,
            WebhookDriver.Patience, "the first attempt");
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await notices.StopAsync(shutdown.Token);

        Assert.False(shutdown.IsCancellationRequested, "the stop waited out the hour instead of giving the attempt up");
        await notices.DrainAsync().WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal([503], _sendGrid.Received.Where(m => m.MessageId == notice.MessageId).Select(m => m.AnsweredStatus));
        // The claim was given back: a later process sends it at once.
        Assert.Null(await Ledger.GetAsync(notice.RoundId, notice.MessageId!, CancellationToken.None));
    }

    private MailLedger Ledger => _workflow.Services.GetRequiredService<MailLedger>();

    private static string NoticeId(System.Text.Json.JsonElement result) => MessageIds.QuarantineNotice(result.GetProperty("id").GetString()!);

    private QuarantineNotices Notices(IReadOnlyList<TimeSpan> retryDelays) =>
        new(_workflow.Services.GetRequiredService<RoundMailer>(), TimeProvider.System, NullLogger<QuarantineNotices>.Instance, retryDelays);

    private OutgoingMail Notice(string name) =>
        _workflow.Services.GetRequiredService<MailComposer>().QuarantineNotice("someone@evil.example", "Re: Verzoek bijdrage", "Geen antwoordadres.", plan: null)
            with { MessageId = MessageIds.QuarantineNotice($"{name}-{Guid.NewGuid():N}") };
}
