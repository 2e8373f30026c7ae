using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Mail;

/// <summary>
/// SendGrid's Event Webhook end to end: posts signed with a key pair made here, the API on Kestrel, the real engine and
/// Azurite. A bounced request escalates to the ministry's next contact at once; every event is stored once.
/// </summary>
[Collection("Azurite")]
public sealed class MailEventsWebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private readonly ECDsa _sendGrid = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly RecordingOperatorEvents _operator = new();
    private WorkflowHost _workflow = null!;
    private ApiHost _api = null!;
    private HttpClient Http => _api.Http;

    public async Task InitializeAsync()
    {
        _workflow = await WorkflowHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Mail:EventWebhookPublicKey"] = Convert.ToBase64String(_sendGrid.ExportSubjectPublicKeyInfo()),
        });
        _api = await ApiHost.StartAsync(_workflow, s => s.AddSingleton<IOperatorEvents>(_operator));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _workflow.DisposeAsync();
        _sendGrid.Dispose();
    }

    private static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private HttpRequestMessage Signed(string json, DateTimeOffset? at = null, ECDsa? key = null)
    {
        var timestamp = Unix(at ?? DateTimeOffset.UtcNow);
        var body = Encoding.UTF8.GetBytes(json);
        var signature = (key ?? _sendGrid).SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return Post(body, Convert.ToBase64String(signature), timestamp);
    }

    private static HttpRequestMessage Post(byte[] body, string? signature, string? timestamp)
    {
        // As SendGrid posts it: application/json, no Origin, the two Twilio headers.
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail/events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        if (signature is not null)
            request.Headers.TryAddWithoutValidation(EventWebhookSignature.SignatureHeader, signature);
        if (timestamp is not null)
            request.Headers.TryAddWithoutValidation(EventWebhookSignature.TimestampHeader, timestamp);
        return request;
    }

    /// <summary>An event as SendGrid sends it for one of our mails: its custom args come back as top-level fields.</summary>
    private static string Event(string eventId, string ev, OutgoingMail mail, string email, DateTimeOffset at, DateTimeOffset sentAt, string extra = "")
    {
        var args = string.Join(",", mail.CustomArgs.Select(a => $"\"{a.Key}\":\"{a.Value}\""));
        return $$"""{"email":"{{email}}","timestamp":{{Unix(at)}},"event":"{{ev}}","sg_event_id":"{{eventId}}","sg_message_id":"msg-{{eventId}}.filter001",{{args}},"sent_at":"{{Unix(sentAt)}}"{{extra}}}""";
    }

    private async Task<(string RoundId, OutgoingMail Request)> StartRoundAsync()
    {
        var id = $"bounce-{Guid.NewGuid():N}"[..20];
        // No scheduled escalation for an hour: whatever escalates in this test does so because of a bounce.
        var spec = SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(30), new ScheduleSpec
        {
            Reminders = [], Escalations = ["PT1H"], CutOff = "PT2H", ApprovalTimeout = "PT1H", ApprovalReminders = 0, ReopenPeriod = "PT1H",
        });
        var started = await Http.PostAsync("/api/rounds", new StringContent(JsonSerializer.Serialize(spec, JsonDefaults.Options), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var mails = await Eventually.WaitAsync(() => _workflow.Outbox.ListAsync(id), m => m.Count(x => x.Mail.Kind == MailKind.Request) == 2, Patience, "two requests");
        await Eventually.WaitAsync(() => RoundAsync(id), v => v.GetProperty("phase").GetString() == RoundPhase.Collecting, Patience, "collecting");
        return (id, mails.Single(m => m.Mail.Kind == MailKind.Request && m.Mail.Ministry == "BHOS").Mail);
    }

    private async Task<JsonElement> RoundAsync(string id) => JsonDocument.Parse(await Http.GetStringAsync($"/api/rounds/{id}")).RootElement;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_bounced_request_escalates_to_the_level_one_contact_at_once_with_the_coordinator_in_copy()
    {
        var (id, request) = await StartRoundAsync();
        var now = DateTimeOffset.UtcNow;
        var bounce = $"[{Event("bounce-1", "bounce", request, "officer@bhos.example", now, now.AddMinutes(-1), ",\"type\":\"bounce\",\"reason\":\"550 5.1.1 user unknown\"")}]";

        var answer = await JsonAsync(await Http.SendAsync(Signed(bounce)), HttpStatusCode.OK);
        Assert.Equal(1, answer.GetProperty("stored").GetInt32());

        var mails = await Eventually.WaitAsync(() => _workflow.Outbox.ListAsync(id), m => m.Any(x => x.Mail.Kind == MailKind.Escalation), Patience, "escalation at once");
        var escalation = Assert.Single(mails, m => m.Mail.Kind == MailKind.Escalation).Mail;
        Assert.Equal("BHOS", escalation.Ministry);
        Assert.Equal(["head@bhos.example"], escalation.To.Select(c => c.Email));
        Assert.Equal([SampleRounds.Coordinator.Email], escalation.Cc.Select(c => c.Email));
        Assert.Equal("1", escalation.CustomArgs["level"]);
        Assert.Contains("officer@bhos.example", escalation.TextBody);
        Assert.Contains("kon niet worden bezorgd", escalation.TextBody);
        Assert.DoesNotContain(mails, m => m.Mail.Kind == MailKind.Escalation && m.Mail.Ministry == "BZK");

        var view = await Eventually.WaitAsync(() => RoundAsync(id),
            v => v.GetProperty("ministries").EnumerateArray().Single(m => m.GetProperty("ministry").GetString() == "BHOS").GetProperty("escalationLevel").GetInt32() == 1,
            Patience, "BHOS at escalation level 1");
        var bhos = view.GetProperty("ministries").EnumerateArray().Single(m => m.GetProperty("ministry").GetString() == "BHOS");
        var unreachable = Assert.Single(bhos.GetProperty("undeliverable").EnumerateArray());
        Assert.Equal(0, unreachable.GetProperty("level").GetInt32());
        Assert.Equal("officer@bhos.example", unreachable.GetProperty("email").GetString());
        Assert.Equal("geweigerd door de ontvangende server", unreachable.GetProperty("label").GetString());
        var shown = Assert.Single(view.GetProperty("mailEvents").EnumerateArray());
        Assert.Equal(("bounce", "Request", "550 5.1.1 user unknown"), (shown.GetProperty("event").GetString(), shown.GetProperty("kind").GetString(), shown.GetProperty("reason").GetString()));
        Assert.Contains(view.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == AuditActions.MailUndeliverable
            && h.GetProperty("label").GetString() == "mail niet bezorgd" && h.GetProperty("detail").GetString()!.Contains("volgende contactpersoon", StringComparison.Ordinal));
        Assert.Empty(view.GetProperty("ministries").EnumerateArray().Single(m => m.GetProperty("ministry").GetString() == "BZK").GetProperty("undeliverable").EnumerateArray());

        var bounced = Assert.Single(_operator.Events, e => e.Name == TelemetryNames.MailBounced);
        Assert.Equal(id, bounced.Properties[TelemetryNames.Properties.RoundId]);
        Assert.Equal(("BHOS", "Request", "bounce", "msg-bounce-1.filter001"), (bounced.Properties[TelemetryNames.Properties.Ministry],
            bounced.Properties[TelemetryNames.Properties.Kind], bounced.Properties[TelemetryNames.Properties.BounceType], bounced.Properties[TelemetryNames.Properties.SendGridMessageId]));
        Assert.DoesNotContain(bounced.Properties.Values, v => v.Contains('@', StringComparison.Ordinal));

        // The escalation contact bounces too (blocked): on to level 2, still the coordinator in copy.
        var blocked = $"[{Event("bounce-2", "bounce", escalation, "head@bhos.example", now, now, ",\"type\":\"blocked\"")}]";
        Assert.Equal(1, (await JsonAsync(await Http.SendAsync(Signed(blocked)), HttpStatusCode.OK)).GetProperty("stored").GetInt32());
        var level2 = (await Eventually.WaitAsync(() => _workflow.Outbox.ListAsync(id), m => m.Count(x => x.Mail.Kind == MailKind.Escalation) == 2, Patience, "level 2"))
            .Single(m => m.Mail.Kind == MailKind.Escalation && m.Mail.CustomArgs["level"] == "2").Mail;
        Assert.Equal(["director@bhos.example"], level2.To.Select(c => c.Email));
        Assert.Equal([SampleRounds.Coordinator.Email], level2.Cc.Select(c => c.Email));
    }

    [Fact]
    public async Task Each_event_is_stored_once_and_a_replayed_post_changes_nothing()
    {
        var (id, request) = await StartRoundAsync();
        var now = DateTimeOffset.UtcNow;
        var payload = $"[{Event("replayed-1", "dropped", request, "officer@bhos.example", now, now, ",\"reason\":\"Bounced Address\"")}]";
        var first = Signed(payload, now);
        var replay = Post(Encoding.UTF8.GetBytes(payload), first.Headers.GetValues(EventWebhookSignature.SignatureHeader).Single(), Unix(now));

        Assert.Equal(1, (await JsonAsync(await Http.SendAsync(first), HttpStatusCode.OK)).GetProperty("stored").GetInt32());
        await Eventually.WaitAsync(() => _workflow.Outbox.ListAsync(id), m => m.Any(x => x.Mail.Kind == MailKind.Escalation), Patience, "escalation");

        // The same post again (a replay within the signature's window), and SendGrid retrying with a fresh signature.
        var again = await JsonAsync(await Http.SendAsync(replay), HttpStatusCode.OK);
        Assert.Equal((0, 1), (again.GetProperty("stored").GetInt32(), again.GetProperty("duplicates").GetInt32()));
        var retried = await JsonAsync(await Http.SendAsync(Signed(payload)), HttpStatusCode.OK);
        Assert.Equal((0, 1), (retried.GetProperty("stored").GetInt32(), retried.GetProperty("duplicates").GetInt32()));

        var stored = await _workflow.Services.GetRequiredService<MailEventStore>().ListAsync(id, CancellationToken.None);
        Assert.Equal("replayed-1", Assert.Single(stored).Event.EventId);
        Assert.True(stored[0].Handled);
        Assert.Single(_operator.Events, e => e.Name == TelemetryNames.MailBounced);
        // Give a second escalation, if one were raised, time to be sent: there is none.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await _workflow.Outbox.ListAsync(id), m => m.Mail.Kind == MailKind.Escalation);
        Assert.Single((await RoundAsync(id)).GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == AuditActions.MailUndeliverable);
    }

    [Fact]
    public async Task Altered_unsigned_stale_and_foreign_posts_are_refused_and_nothing_is_stored()
    {
        var (id, request) = await StartRoundAsync();
        var now = DateTimeOffset.UtcNow;
        var payload = $"[{Event("forged-1", "bounce", request, "officer@bhos.example", now, now)}]";
        var valid = Signed(payload, now);
        var signature = valid.Headers.GetValues(EventWebhookSignature.SignatureHeader).Single();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var refused = new Dictionary<string, HttpRequestMessage>
        {
            ["altered body"] = Post(Encoding.UTF8.GetBytes(payload.Replace("officer@bhos.example", "officer@bzk.example", StringComparison.Ordinal)), signature, Unix(now)),
            ["altered timestamp"] = Post(Encoding.UTF8.GetBytes(payload), signature, Unix(now.AddSeconds(1))),
            ["unsigned"] = Post(Encoding.UTF8.GetBytes(payload), null, null),
            ["no timestamp"] = Post(Encoding.UTF8.GetBytes(payload), signature, null),
            ["stale"] = Signed(payload, now.AddMinutes(-11)),
            ["another key"] = Signed(payload, now, other),
        };
        foreach (var (what, post) in refused)
        {
            var response = await Http.SendAsync(post);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(await _workflow.Services.GetRequiredService<MailEventStore>().ListAsync(id, CancellationToken.None));
        Assert.Empty(_operator.Events);
        Assert.Equal(0, (await RoundAsync(id)).GetProperty("ministries").EnumerateArray().Single(m => m.GetProperty("ministry").GetString() == "BHOS")
            .GetProperty("escalationLevel").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.SendAsync(Signed("{\"not\":\"a list\"}"))).StatusCode);
    }

    [Fact]
    public async Task Delays_and_spam_reports_are_shown_and_a_delay_is_measured_from_the_send()
    {
        var (id, request) = await StartRoundAsync();
        var now = DateTimeOffset.UtcNow;
        var batch = $"[{Event("deferred-1", "deferred", request, "officer@bhos.example", now, now.AddMinutes(-90), ",\"response\":\"451 4.7.1 greylisted\",\"attempt\":\"5\"")}," +
                    $"{Event("spam-1", "spamreport", request, "officer@bhos.example", now, now.AddMinutes(-90))}," +
                    """{"email":"someone@elsewhere.example","timestamp":1800000000,"event":"delivered","sg_event_id":"other-1"},""" +
                    """{"event":"bounce"}]""";

        var answer = await JsonAsync(await Http.SendAsync(Signed(batch)), HttpStatusCode.OK);
        Assert.Equal((3, 1), (answer.GetProperty("stored").GetInt32(), answer.GetProperty("skipped").GetInt32()));

        var delayed = Assert.Single(_operator.Events, e => e.Name == TelemetryNames.MailDelayed);
        Assert.Equal(("90", "BHOS", "Request", id), (delayed.Properties[TelemetryNames.Properties.DelayMinutes], delayed.Properties[TelemetryNames.Properties.Ministry],
            delayed.Properties[TelemetryNames.Properties.Kind], delayed.Properties[TelemetryNames.Properties.RoundId]));
        Assert.DoesNotContain(_operator.Events, e => e.Name == TelemetryNames.MailBounced);

        var view = await RoundAsync(id);
        var shown = view.GetProperty("mailEvents").EnumerateArray().Select(e => (e.GetProperty("event").GetString(), e.GetProperty("label").GetString())).ToList();
        Assert.Contains(("deferred", "vertraagd, SendGrid probeert het opnieuw"), shown);
        Assert.Contains(("spamreport", "als spam gemeld"), shown);
        Assert.Equal(2, shown.Count);
        Assert.Contains(view.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == AuditActions.MailSpamReport);
        // A delay or spam report escalates nobody.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(await _workflow.Outbox.ListAsync(id), m => m.Mail.Kind == MailKind.Escalation);
    }
}
