using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationAgenda.Intake;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// What a quarantined message causes after the webhook's answer, through the real SendGrid client to the fake SendGrid
/// and on Azurite: the answer does not wait for SendGrid; a sender hears once a day per reason; a notice that is not
/// taken for now goes out on a later attempt, once; and a host that stops gives up the waiting attempts at once.
/// </summary>
[Collection("Azurite")]
public sealed class QuarantineFollowUpTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "follow-up-secret";
    private SendGridWebhookHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await SendGridWebhookHosts.StartAsync(azurite, Secret);

    public Task DisposeAsync() => _hosts.DisposeAsync().AsTask();

    [Fact]
    public async Task The_webhook_answers_while_SendGrid_still_holds_the_notice_which_then_goes_out_once()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("BHOS", 2));
        var replyTo = await _hosts.Driver.ReplyAddressAsync(round, "BHOS");
        _hosts.SendGrid.HoldAfter(0);

        var stranger = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(replyTo, "someone@evil.example", "Pijler 2\n\nTekst van een onbekende afzender."));

        Assert.Equal("quarantined", stranger.GetProperty("outcome").GetString());
        await Eventually.WaitAsync(() => Task.FromResult(_hosts.SendGrid.Held), held => held == 1, WebhookDriver.Patience, "the notice held by SendGrid");
        Assert.DoesNotContain(_hosts.SendGrid.Received, m => m.Delivered && IsNotice(m));
        _hosts.SendGrid.Release();
        await _hosts.Api.QuarantineFollowUpDoneAsync();
        var sent = Assert.Single(_hosts.SendGrid.Received, IsNotice);
        Assert.True(sent.Delivered);
        Assert.Equal(MailStates.Sent, (await Ledger.GetAsync(round, sent.MessageId!, CancellationToken.None))?.State);
    }

    [Fact]
    public async Task A_sender_gets_one_notice_a_day_per_reason_however_often_they_write()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("SZW", 5, 6));
        var bhos = await _hosts.Driver.ReplyAddressAsync(round, "BHOS");
        var szw = await _hosts.Driver.ReplyAddressAsync(round, "SZW");

        // A stranger writes three times at once (a burst, a loop, or just writing again), a ministry's officer twice with
        // a pillar not asked of it and once without pillar headings for two pillars.
        var stranger = await Task.WhenAll(Enumerable.Range(1, 3).Select(n =>
            _hosts.Driver.PostOkAsync(WebhookDriver.Reply(bhos, "someone@evil.example", $"Pijler 2\n\nTekst {n} van een onbekende afzender."))));
        var notOwned = new List<System.Text.Json.JsonElement>();
        foreach (var n in new[] { 1, 2 })
            notOwned.Add(await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(szw, "officer@szw.example", $"Pijler 2\n\nTekst {n} over een pijler van BHOS.")));
        var ambiguous = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(szw, "officer@szw.example",
            "In 2020 is de pilot met circulaire migratie verlengd en zijn de afspraken met twee herkomstlanden over "
            + "arbeidsmigratie in de zorg uitgewerkt tot een gezamenlijk programma.\n\n"
            + "De inburgering van statushouders is in alle gemeenten voortgezet, met extra aandacht voor taalonderwijs "
            + "op de werkvloer en begeleiding naar betaald werk."));
        await _hosts.Api.QuarantineFollowUpDoneAsync();

        // Every message is kept in quarantine, with its own record, archive and audit line...
        var all = stranger.Concat(notOwned).Append(ambiguous).ToList();
        Assert.All(all, r => Assert.Equal("quarantined", r.GetProperty("outcome").GetString()));
        Assert.Equal(["UnknownSender", "NotOwnedPillar", "AmbiguousPillar"], all.Select(r => r.GetProperty("reasonCode").GetString()).Distinct());
        Assert.Equal(6, all.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        var audit = await _hosts.Workflow.Services.GetRequiredService<AuditLog>().ListAsync(round, 100, CancellationToken.None);
        Assert.Equal(6, audit.Count(a => a.Action == AuditActions.MailQuarantined));
        foreach (var r in all)
        {
            var record = await Inbound.GetAsync(r.GetProperty("id").GetString()!, CancellationToken.None);
            Assert.Equal(InboundOutcomes.Quarantined, record!.Outcome);
            Assert.NotNull(await Inbound.ReadArchiveAsync(record.ArchiveBlob, CancellationToken.None));
        }

        // ...but each sender hears once per reason: three notices, each sent once, audited once, and saying so.
        var notices = _hosts.SendGrid.Received.Where(IsNotice).Select(m => (m.MessageId, Mail: SentMail.FromSendGrid(m.Json), m.Json)).ToList();
        Assert.Equal(3, notices.Count);
        Assert.Equal(3, notices.Select(n => n.MessageId).Distinct().Count());
        Assert.Equal(["officer@szw.example", "officer@szw.example", "someone@evil.example"], notices.SelectMany(n => n.Mail.To).Order());
        Assert.All(notices, n => Assert.DoesNotContain("@", n.MessageId));
        Assert.All(notices, n => Assert.Contains("Berichten die u vandaag om dezelfde reden nog vanaf dit adres stuurt, bewaren we ook",
            n.Json.GetProperty("content")[0].GetProperty("value").GetString()));
        Assert.Equal(3, audit.Count(a => a.Action == AuditActions.Mail(MailKind.QuarantineNotice)));
        Assert.All(notices, n => Assert.Equal(1, _hosts.SendGrid.DeliveriesPerMessageId()[$"{round}/{n.MessageId}"]));
    }

    [Fact]
    public async Task A_notice_this_process_already_took_goes_no_further_not_even_to_the_ledger()
    {
        var followUp = FollowUp([TimeSpan.FromHours(1)]);
        var notice = Notice("again");
        _hosts.SendGrid.HoldAfter(0);

        followUp.Notify("first", notice);
        await Eventually.WaitAsync(() => Task.FromResult(_hosts.SendGrid.Held), held => held == 1, WebhookDriver.Patience, "the notice held by SendGrid");
        // Had this reached the ledger, it would find the first one's claim, be told "busy", and wait an hour to try again.
        followUp.Notify("second", notice);
        _hosts.SendGrid.Release();

        await followUp.DrainAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _hosts.SendGrid.Received.Count(m => m.MessageId == notice.MessageId));
        Assert.Equal(MailStates.Sent, (await Ledger.GetAsync(notice.RoundId, notice.MessageId!, CancellationToken.None))?.State);
    }

    [Fact]
    public async Task A_notice_SendGrid_refuses_for_now_goes_out_on_a_later_attempt_once()
    {
        var followUp = FollowUp([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)]);
        var notice = Notice("retry");
        _hosts.SendGrid.FailNext(2, HttpStatusCode.ServiceUnavailable);

        followUp.Notify("retry", notice);
        await followUp.DrainAsync().WaitAsync(WebhookDriver.Patience);

        var attempts = _hosts.SendGrid.Received.Where(m => m.MessageId == notice.MessageId).ToList();
        Assert.Equal([503, 503, 202], attempts.Select(m => m.AnsweredStatus));
        Assert.Equal(1, _hosts.SendGrid.DeliveriesPerMessageId()[$"{notice.RoundId}/{notice.MessageId}"]);
        Assert.Equal(MailStates.Sent, (await Ledger.GetAsync(notice.RoundId, notice.MessageId!, CancellationToken.None))?.State);

        // Handed over again (a reprocess, a second copy): the ledger knows it was sent, so nothing goes out.
        followUp.Notify("retry", notice);
        await followUp.DrainAsync().WaitAsync(WebhookDriver.Patience);
        Assert.Equal(3, _hosts.SendGrid.Received.Count(m => m.MessageId == notice.MessageId));
    }

    [Fact]
    public async Task A_host_that_stops_gives_up_a_waiting_attempt_at_once_and_sends_nothing_more()
    {
        var followUp = FollowUp([TimeSpan.FromHours(1)]);
        var notice = Notice("stop");
        _hosts.SendGrid.FailNext(1, HttpStatusCode.ServiceUnavailable);

        followUp.Notify("stop", notice);
        await Eventually.WaitAsync(() => Task.FromResult(_hosts.SendGrid.Received.Count(m => m.MessageId == notice.MessageId)), n => n == 1,
            WebhookDriver.Patience, "the first attempt");
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await followUp.StopAsync(shutdown.Token);

        Assert.False(shutdown.IsCancellationRequested, "the stop waited out the hour instead of giving the attempt up");
        await followUp.DrainAsync().WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal([503], _hosts.SendGrid.Received.Where(m => m.MessageId == notice.MessageId).Select(m => m.AnsweredStatus));
        // The claim was given back: a later process sends it at once.
        Assert.Null(await Ledger.GetAsync(notice.RoundId, notice.MessageId!, CancellationToken.None));
    }

    private MailLedger Ledger => _hosts.Workflow.Services.GetRequiredService<MailLedger>();
    private InboundStore Inbound => _hosts.Workflow.Services.GetRequiredService<InboundStore>();

    private static bool IsNotice(ReceivedMail mail) => mail.CustomArg("kind") == nameof(MailKind.QuarantineNotice);

    private QuarantineFollowUp FollowUp(IReadOnlyList<TimeSpan> retryDelays) =>
        new(_hosts.Workflow.Services.GetRequiredService<RoundMailer>(), TimeProvider.System, NullLogger<QuarantineFollowUp>.Instance, retryDelays);

    private OutgoingMail Notice(string name) =>
        _hosts.Workflow.Services.GetRequiredService<MailComposer>().QuarantineNotice("someone@evil.example", "Re: Verzoek bijdrage", "Geen antwoordadres.", plan: null)
            with { MessageId = MessageIds.QuarantineNotice($"{name}-{Guid.NewGuid():N}@evil.example", "UnknownSender", DateTimeOffset.UtcNow) };
}
