using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// Out-of-office replies, as Exchange and Gmail send them (parsed and raw mode, from the intake corpus), to each kind of
/// mail the round sends: recorded on the round with their return date, never stored as text, never answered, and the
/// round goes on chasing. Mail goes out through the real SendGrid client to the fake SendGrid, so "nothing sent back"
/// is what would leave the machine.
/// </summary>
[Collection("Azurite")]
public sealed class OutOfOfficeWebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "ooo-secret";
    private SendGridWebhookHosts _hosts = null!;
    private readonly RecordingOperatorEvents _events = new();

    /// <summary>Exchange NL (parsed), Exchange EN (raw), Gmail NL (parsed), Gmail EN (raw), and who sends each.</summary>
    private static readonly (string File, string Ministry)[] Shapes =
    [
        ("p41-exchange-out-of-office-nl.txt", "SZW"),
        ("r11-exchange-out-of-office-en.txt", "BZ"),
        ("p42-gmail-vacation-nl.txt", "BHOS"),
        ("r12-gmail-vacation-en.txt", "BHOS"),
    ];

    public async Task InitializeAsync() => _hosts = await SendGridWebhookHosts.StartAsync(azurite, Secret, api: s => s.AddSingleton<IOperatorEvents>(_events));

    public Task DisposeAsync() => _hosts.DisposeAsync().AsTask();

    [Fact]
    public async Task Out_of_office_replies_to_the_request_a_reminder_and_an_escalation_leave_the_round_chasing_and_send_nothing_back()
    {
        // Request now; reminders 6 and 12 s in; escalations 18 and 26 s in; cut-off at 32 s.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(16);
        var schedule = new ScheduleSpec
        {
            Reminders = ["PT10S", "PT4S"], Escalations = ["PT2S", "PT10S"], CutOff = "PT16S",
            ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M",
        };
        var round = await _hosts.Driver.StartRoundAsync(schedule, deadline, SampleRounds.Ministry("SZW"), SampleRounds.Ministry("BZ"), SampleRounds.Ministry("BHOS"));
        string[] ministries = ["SZW", "BZ", "BHOS"];

        var posted = new List<string>();
        var variant = 0;
        foreach (var (kind, count) in new[] { (nameof(MailKind.Request), 1), (nameof(MailKind.Reminder), 1), (nameof(MailKind.Escalation), 1) })
        {
            // Every ministry got this kind of mail; each answers it with its out-of-office.
            var sent = await _hosts.Driver.WaitForMailAsync(round, m => ministries.All(x => m.Count(s => s.Kind == kind && s.Ministry == x) >= count),
                $"a {kind} to every ministry");
            variant++;
            foreach (var (file, ministry) in Shapes)
            {
                var replyTo = sent.Last(s => s.Kind == kind && s.Ministry == ministry).ReplyTo!;
                var answer = await _hosts.Driver.PostOkAsync(WebhookDriver.FromCorpus(file, replyTo, variant));
                Assert.Equal("automatic", answer.GetProperty("outcome").GetString());
                Assert.Equal("OutOfOffice", answer.GetProperty("reasonCode").GetString());
                Assert.Equal(round, answer.GetProperty("roundId").GetString());
                Assert.Equal(ministry, answer.GetProperty("ministry").GetString());
                posted.Add(answer.GetProperty("id").GetString()!);
            }
            var mark = (await _hosts.Driver.SentAsync(round)).Count;

            // The round goes on chasing: a later reminder or escalation still goes to every ministry that answered.
            await _hosts.Driver.WaitForMailAsync(round, m => ministries.All(x => m.Skip(mark).Any(s => s.Ministry == x && s.Kind is "Reminder" or "Escalation")),
                $"a reminder or escalation to every ministry after their out-of-office to the {kind}");
        }

        // Nothing went back to anyone who wrote: the only mails are the round's own.
        var all = await _hosts.Driver.SentAsync(round);
        Assert.DoesNotContain(all, m => m.Kind == nameof(MailKind.QuarantineNotice));
        Assert.All(all, m => Assert.DoesNotContain(m.To, t => t.StartsWith("j.devries@", StringComparison.Ordinal)
            || t.StartsWith("p.bakker@", StringComparison.Ordinal) || t.StartsWith("fatima.elamrani@", StringComparison.Ordinal)));
        Assert.Empty(await _hosts.Workflow.Services.GetRequiredService<ContributionStore>().ListAsync(round, CancellationToken.None));
        var status = RoundState.CustomStatus(await _hosts.Workflow.Client.GetInstanceAsync(round, getInputsAndOutputs: true))!;
        Assert.All(status.Ministries, m => Assert.NotEmpty(m.Missing));
        Assert.Equal(2, status.Ministries.Single(m => m.Ministry == "SZW").Missing.Count);

        // The status API shows each automatic reply with its ministry and return date; the messages are "automatic".
        var view = await _hosts.Driver.ViewAsync(round);
        var replies = view.GetProperty("automaticReplies").EnumerateArray().ToList();
        Assert.Equal(12, replies.Count);
        Assert.All(replies, r =>
        {
            Assert.Equal("OutOfOffice", r.GetProperty("kind").GetString());
            Assert.EndsWith("-01-18", r.GetProperty("returnDate").GetString(), StringComparison.Ordinal);
        });
        var szw = replies.First(r => r.GetProperty("ministry").GetString() == "SZW");
        Assert.Equal("afwezig tot en met maandag 18 januari 2027", szw.GetProperty("label").GetString());
        Assert.Equal("AwayThrough", szw.GetProperty("returnDateMeaning").GetString());
        Assert.Equal("2027-01-19", szw.GetProperty("firstDayBack").GetString());
        var bz = replies.First(r => r.GetProperty("ministry").GetString() == "BZ");
        Assert.Equal("BackOn", bz.GetProperty("returnDateMeaning").GetString());
        Assert.StartsWith("afwezig, vanaf ", bz.GetProperty("label").GetString(), StringComparison.Ordinal);
        var messages = view.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(12, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Equal("automatic", m.GetProperty("outcome").GetString());
            Assert.StartsWith("Afwezigheidsbericht: afwezig", m.GetProperty("reason").GetString(), StringComparison.Ordinal);
        });
        Assert.Empty(view.GetProperty("notes").EnumerateArray());

        // The operator's alerts see each post archived and settled as automatic.
        var inbound = _hosts.Workflow.Services.GetRequiredService<InboundStore>();
        foreach (var id in posted)
        {
            Assert.Equal([id], _events.For(TelemetryNames.InboundReceived, id, TelemetryNames.Properties.MessageId));
            Assert.Equal(["automatic"], _events.For(TelemetryNames.InboundSettled, id, TelemetryNames.Properties.Outcome));
            var record = await inbound.GetAsync(id, CancellationToken.None);
            // Not quarantined: kept under the raw-mail retention.
            Assert.Equal(InboundOutcomes.Automatic, record!.Outcome);
        }

        await _hosts.Workflow.Client.RaiseEventAsync(round, RoundEvents.Command, new RoundCommand { Kind = RoundCommandKind.Cancel });
    }

    [Fact]
    public async Task An_out_of_office_reply_without_a_reply_token_is_recorded_and_not_answered()
    {
        var before = _hosts.SendGrid.Received.Count;
        // Sent to the coordinator's plain address rather than to a reply address: nothing ties it to a round.
        var post = WebhookDriver.FromCorpus("p41-exchange-out-of-office-nl.txt", "coordinator@jenv.example", variant: 41);
        var answer = await _hosts.Driver.PostOkAsync(post);

        Assert.Equal("automatic", answer.GetProperty("outcome").GetString());
        Assert.Equal("OutOfOffice", answer.GetProperty("reasonCode").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("roundId").ValueKind);
        var record = await _hosts.Workflow.Services.GetRequiredService<InboundStore>().GetAsync(answer.GetProperty("id").GetString()!, CancellationToken.None);
        Assert.Equal(("automatic", "2027-01-18", "AwayThrough"), (record!.Outcome, record.ReturnDate, record.ReturnMeaning));
        // Not quarantined, so not in the coordinator's quarantine list, and no notice, though SPF and DKIM pass.
        var quarantine = await WebhookDriver.JsonAsync(await _hosts.Driver.Http.GetAsync("/api/inbound/quarantine"));
        Assert.DoesNotContain(quarantine.EnumerateArray(), q => q.GetProperty("id").GetString() == record.Id);
        await Task.Delay(300);
        Assert.Equal(before, _hosts.SendGrid.Received.Count);
    }

    [Fact]
    public async Task A_quarantined_message_from_an_auto_responder_gets_no_notice()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("SZW"));
        var replyTo = await _hosts.Driver.ReplyAddressAsync(round, "SZW");
        var before = _hosts.SendGrid.Received.Count;
        // An out-of-office to an altered reply address: quarantined for its token, but never answered either.
        var at = replyTo.IndexOf('@', StringComparison.Ordinal);
        var altered = replyTo[..(at - 1)] + (replyTo[at - 1] == 'a' ? 'b' : 'a') + replyTo[at..];
        var answer = await _hosts.Driver.PostOkAsync(WebhookDriver.FromCorpus("p41-exchange-out-of-office-nl.txt", altered, variant: 42));
        Assert.Equal("automatic", answer.GetProperty("outcome").GetString());

        // A human reply to the same altered address is quarantined and, its sender being authenticated, told why.
        var human = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(altered, "j.devries@szw.example", "Pijler 5\n\nTekst over legale migratie."));
        Assert.Equal("quarantined", human.GetProperty("outcome").GetString());
        var notices = await Eventually.WaitAsync(() => Task.FromResult(_hosts.SendGrid.Received.Skip(before).Select(r => SentMail.FromSendGrid(r.Json)).ToList()),
            m => m.Count >= 1, WebhookDriver.Patience, "the notice to the human sender");
        var notice = Assert.Single(notices);
        Assert.Equal(nameof(MailKind.QuarantineNotice), notice.Kind);
        Assert.Equal(["j.devries@szw.example"], notice.To);
        Assert.Equal(HttpStatusCode.OK, (await _hosts.Driver.Http.GetAsync($"/api/rounds/{round}")).StatusCode);
    }
}
