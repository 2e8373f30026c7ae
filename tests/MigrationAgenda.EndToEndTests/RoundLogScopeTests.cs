using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MigrationAgenda.Intake;
using MigrationAgenda.Rounds;
using MigrationAgenda.Telemetry;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.EndToEndTests;

/// <summary>
/// A whole round through `serve` with the JSON console log (Logging:Console:FormatterName=json), as an operator reads it:
/// every line the app writes while working on the round (its activities, the mailer, intake of its replies) carries the
/// round id as the <c>RoundId</c> scope, every line of intake the message id as <c>MessageId</c>, and the operator
/// events are there for requests sent, replies accepted, quarantined, automatic and notes, the escalation after a
/// bounce, the draft and the approval, each naming the round.
/// </summary>
[Collection("Azurite")]
public sealed class RoundLogScopeTests(AzuriteFixture azurite)
{
    private sealed record LogLine(string Category, string Message, JsonElement State, IReadOnlyList<JsonElement> Scopes)
    {
        public string? Scope(string key) =>
            Scopes.Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(key, out _)).Select(s => s.GetProperty(key).ToString()).FirstOrDefault();

        public string? Property(string key) => State.ValueKind == JsonValueKind.Object && State.TryGetProperty(key, out var v) ? v.ToString() : null;
    }

    [Fact]
    public async Task Every_line_of_a_rounds_work_carries_its_round_id_and_the_operator_events_name_it()
    {
        using var eventKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var environment = Support.Environment(azurite, Support.NewHub("scope"));
        environment["Logging__Console__FormatterName"] = "json";
        environment["Logging__LogLevel__MigrationAgenda"] = "Debug";
        environment["Mail__EventWebhookPublicKey"] = Convert.ToBase64String(eventKey.ExportSubjectPublicKeyInfo());
        var (host, http) = await StandaloneProcess.ServeAsync(environment);
        await using var _ = host;
        using var __ = http;

        var id = Support.NewId("scope");
        var spec = SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5), new ScheduleSpec
        {
            Reminders = [], Escalations = ["PT1S"], CutOff = "PT5M", ApprovalTimeout = "PT5M", ApprovalReminders = 0, ReopenPeriod = "PT1M",
        }, SampleRounds.Ministry("SZW", 5), SampleRounds.Ministry("BZK", 6));
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostJsonAsync("/api/rounds", spec)).StatusCode);
        var replyTo = await Support.ReplyAddressesAsync(azurite.NewStorage(), id, "SZW", "BZK");

        // A note and an out-of-office from SZW, a stranger's mail (quarantined), then both contributions.
        Assert.Contains("\"note\"", await PostAsync(http, IntakeCorpus.Readdressed("p51-outlook-acknowledgement-nl.txt", replyTo["SZW"])));
        Assert.Contains("\"automatic\"", await PostAsync(http, IntakeCorpus.Readdressed("p41-exchange-out-of-office-nl.txt", replyTo["SZW"], variant: 41)));
        Assert.Contains("quarantined", await http.PostReplyAsync(replyTo["SZW"], "stranger@elders.example", "Onbekende afzender stuurt deze zin."));
        Assert.Contains("accepted", await http.PostReplyAsync(replyTo["SZW"], "officer@szw.example", "Pijler 5\r\n\r\nSZW schrijft over arbeidsmigratie."));

        // BZK's request bounces: SendGrid's Event Webhook; the round escalates to BZK's level-1 contact at once.
        await PostBounceAsync(http, eventKey, id);
        await http.WaitForAsync(id, s => s.GetProperty("ministries").EnumerateArray().Any(m => m.GetProperty("ministry").GetString() == "BZK"
            && m.GetProperty("escalationLevel").GetInt32() >= 1), "BZK escalated");
        Assert.Contains("accepted", await http.PostReplyAsync(replyTo["BZK"], "officer@bzk.example", "Pijler 6\r\n\r\nBZK schrijft over huisvesting."));
        await Support.ApproveAndCompleteAsync(http, id);
        Assert.True(await host.TerminateAsync(TimeSpan.FromSeconds(25)), "the host stops within 25 s of SIGTERM");

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "artifacts", "round-scopes.log"), host.Stdout);
        var lines = Parse(host.Stdout);
        Assert.True(lines.Count > 20, $"the JSON log has {lines.Count} lines:\n{host.Stdout[..Math.Min(2000, host.Stdout.Length)]}");

        // Every line of the round's activities and of the mail it sent names the round.
        var roundWork = lines.Where(l => l.Category.StartsWith(RoundActivityScope.Category, StringComparison.Ordinal)
                                         || l.Category.StartsWith("MigrationAgenda.Mail.", StringComparison.Ordinal)
                                         || l.Category.StartsWith("MigrationAgenda.Rounds.", StringComparison.Ordinal)).ToList();
        Assert.True(roundWork.Count >= 5, $"only {roundWork.Count} lines of the round's own work");
        Assert.All(roundWork, l => Assert.True(l.Scope(TelemetryNames.Scopes.RoundId) == id, $"no RoundId scope on [{l.Category}] {l.Message}"));
        // Every line that mentions the round names it in its scope too, wherever it was written.
        var mentioning = lines.Where(l => l.Message.Contains(id, StringComparison.Ordinal) && l.Category != LoggedOperatorEvents.Category).ToList();
        Assert.NotEmpty(mentioning);
        Assert.All(mentioning, l => Assert.True(l.Scope(TelemetryNames.Scopes.RoundId) == id, $"no RoundId scope on [{l.Category}] {l.Message}"));
        // Intake: every line of the processor carries the message id. The step timings (the load bench's measurements)
        // are left out: "read" and "total" are timed by the endpoint, before the message has an id and after its scope.
        var intake = lines.Where(l => l.Category.StartsWith("MigrationAgenda.Intake.", StringComparison.Ordinal) && l.Category != InboundTiming.Category).ToList();
        Assert.NotEmpty(intake);
        Assert.All(intake, l => Assert.False(string.IsNullOrEmpty(l.Scope(TelemetryNames.Scopes.MessageId)), $"no MessageId scope on [{l.Category}] {l.Message}"));

        // The operator events, each naming the round.
        var events = lines.Where(l => l.Category == LoggedOperatorEvents.Category).ToList();
        IReadOnlyList<LogLine> Events(string name, string? key = null, string? value = null) =>
            events.Where(e => e.Property("EventName") == name && e.Scope(TelemetryNames.Properties.RoundId) == id
                              && (key is null || e.Scope(key) == value)).ToList();
        Assert.Equal(2, Events(TelemetryNames.MailSent, TelemetryNames.Properties.Kind, nameof(Mail.MailKind.Request)).Count);
        Assert.Equal(2, Events(TelemetryNames.InboundSettled, TelemetryNames.Properties.Outcome, "accepted").Count);
        Assert.Single(Events(TelemetryNames.InboundSettled, TelemetryNames.Properties.Outcome, "quarantined"));
        Assert.Single(Events(TelemetryNames.InboundSettled, TelemetryNames.Properties.Outcome, "automatic"));
        Assert.Single(Events(TelemetryNames.InboundSettled, TelemetryNames.Properties.Outcome, "note"));
        Assert.NotEmpty(Events(TelemetryNames.MailBounced));
        Assert.NotEmpty(Events(TelemetryNames.MailSent, TelemetryNames.Properties.Kind, nameof(Mail.MailKind.Escalation)));
        Assert.Single(Events(TelemetryNames.DraftAssembled));
        Assert.Single(Events(TelemetryNames.RoundApproved));
    }

    private static async Task<string> PostAsync(HttpClient http, byte[] payload)
    {
        var content = new ByteArrayContent(payload);
        content.Headers.TryAddWithoutValidation("Content-Type", SendGridPost.ContentType);
        var response = await http.PostAsync($"/api/inbound/sendgrid?secret={Support.Secret}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return body;
    }

    private static async Task PostBounceAsync(HttpClient http, ECDsa key, string id)
    {
        var now = DateTimeOffset.UtcNow;
        var events = $$"""[{"email":"officer@bzk.example","timestamp":{{now.ToUnixTimeSeconds()}},"event":"bounce","type":"bounce","reason":"550 unknown","sg_event_id":"scope-{{id}}","sg_message_id":"m1","round":"{{id}}","ministry":"BZK","kind":"Request","version":"1"}]""";
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/mail/events") { Content = new StringContent(events, Encoding.UTF8, "application/json") };
        post.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(key.SignData(
            Encoding.UTF8.GetBytes(timestamp + events), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));
        post.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
        var response = await http.SendAsync(post);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static List<LogLine> Parse(string stdout)
    {
        var lines = new List<LogLine>();
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith('{'))
                continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            lines.Add(new LogLine(
                root.GetProperty("Category").GetString()!,
                root.TryGetProperty("Message", out var m) ? m.GetString() ?? "" : "",
                root.TryGetProperty("State", out var s) ? s.Clone() : default,
                root.TryGetProperty("Scopes", out var scopes) ? scopes.EnumerateArray().Select(x => x.Clone()).ToList() : []));
        }
        return lines;
    }
}
