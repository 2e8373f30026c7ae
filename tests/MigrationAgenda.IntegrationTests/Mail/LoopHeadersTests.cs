using System.Net;
using MigrationAgenda.IntegrationTests.Intake;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Mail;

/// <summary>
/// What a whole round sends carries the loop-prevention headers, as they leave the machine: through the real SendGrid
/// client to the fake SendGrid (its "headers" object) and into the local outbox. Every message is
/// <c>Auto-Submitted: auto-generated</c>; the quarantine notice and the final notice also say
/// <c>X-Auto-Response-Suppress: All</c>; requests, reminders and escalations let out-of-office replies through.
/// </summary>
[Collection("Azurite")]
public sealed class LoopHeadersTests(AzuriteFixture azurite)
{
    private const string Secret = "headers-secret";

    private static readonly Dictionary<string, string> Generated = new() { ["Auto-Submitted"] = "auto-generated" };
    private static readonly Dictionary<string, string> Suppressed = new() { ["Auto-Submitted"] = "auto-generated", ["X-Auto-Response-Suppress"] = "All" };

    [Fact]
    public async Task Every_mail_of_a_round_through_SendGrid_carries_the_headers_its_kind_needs()
    {
        await using var hosts = await SendGridWebhookHosts.StartAsync(azurite, Secret);
        // Request now, a reminder 2 s in, the deadline at 5 s, an escalation at 6 s, cut-off at 8 s.
        var schedule = new ScheduleSpec { Reminders = ["PT3S"], Escalations = ["PT1S"], CutOff = "PT3S", ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M" };
        var round = await hosts.Driver.StartRoundAsync(schedule, DateTimeOffset.UtcNow.AddSeconds(5), SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("BZK", 6));

        // A stranger's mail to BHOS's reply address: quarantined, and the authenticated stranger gets a notice.
        var replyTo = await hosts.Driver.ReplyAddressAsync(round, "BHOS");
        var stranger = await hosts.Driver.PostOkAsync(WebhookDriver.Reply(replyTo, "someone@evil.example", "Pijler 2\n\nTekst van een onbekende afzender."));
        Assert.Equal("quarantined", stranger.GetProperty("outcome").GetString());
        await hosts.Driver.PostOkAsync(WebhookDriver.Reply(replyTo, "officer@bhos.example", "Pijler 2\n\nDe tekst van BHOS over de opvang in de regio."));

        // BZK never answers: reminded, escalated, missing at the cut-off; the draft is approved.
        await hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Reviewing, draft: 1);
        Assert.Equal(HttpStatusCode.Accepted, (await hosts.Driver.Http.PostAsync($"/api/rounds/{round}/approve",
            System.Net.Http.Json.JsonContent.Create(new { by = "dg@jenv.example" }))).StatusCode);
        var sent = await hosts.Driver.WaitForMailAsync(round, m => m.Any(x => x.Kind == nameof(MailKind.Final)), "the final notice");
        var notices = hosts.SendGrid.Received.Select(r => SentMail.FromSendGrid(r.Json)).Where(m => m.Kind == nameof(MailKind.QuarantineNotice)).ToList();

        var kinds = sent.Select(m => m.Kind).Distinct().ToList();
        foreach (var kind in new[] { MailKind.Request, MailKind.Reminder, MailKind.Escalation, MailKind.DraftForApproval, MailKind.Final })
            Assert.Contains(kind.ToString(), kinds);
        foreach (var mail in sent.Concat(notices))
        {
            var expected = mail.Kind is nameof(MailKind.QuarantineNotice) or nameof(MailKind.Final) ? Suppressed : Generated;
            Assert.True(expected.OrderBy(h => h.Key).SequenceEqual(mail.Headers.OrderBy(h => h.Key)),
                $"{mail.Kind} to {string.Join(", ", mail.To)} carried [{string.Join("; ", mail.Headers.Select(h => $"{h.Key}: {h.Value}"))}]");
        }
        Assert.Equal(["someone@evil.example"], Assert.Single(notices).To);
    }

    [Fact]
    public async Task The_outbox_keeps_the_headers_of_each_message()
    {
        await using var hosts = await WebhookHosts.StartAsync(azurite, Secret);
        var round = await hosts.Driver.StartRoundAsync(SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("BZK", 6));
        await hosts.Driver.PostOkAsync(WebhookDriver.Reply(await hosts.Driver.ReplyAddressAsync(round, "BHOS"), "someone@evil.example", "Pijler 2\n\nTekst van een onbekende afzender."));

        var mails = await Eventually.WaitAsync(() => hosts.Workflow.Outbox.ListAsync(round), m => m.Any(x => x.Mail.Kind == MailKind.QuarantineNotice),
            WebhookDriver.Patience, "the quarantine notice in the outbox");
        var request = mails.First(m => m.Mail.Kind == MailKind.Request).Mail;
        Assert.Equal(Generated, request.Headers);
        var notice = mails.Single(m => m.Mail.Kind == MailKind.QuarantineNotice).Mail;
        Assert.Equal(Suppressed, notice.Headers);
    }
}
