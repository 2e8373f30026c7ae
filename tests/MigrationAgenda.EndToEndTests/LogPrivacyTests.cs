using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using MigrationAgenda.Rounds;
using MigrationAgenda.Telemetry;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.EndToEndTests;

/// <summary>
/// The whole log of a round, from `serve` as a child process with every category at Debug (the Durable Task engine, the
/// Azure SDK, ASP.NET Core, HttpClient, the app): requests, a reply, a stranger's mail quarantined with a notice, a mail
/// SendGrid refuses, a bounce through the Event Webhook, an escalation, the draft and approval. Not one address, subject
/// or body text in it; the contacts appear as their hashes, which `hash-address` computes from the same settings.
/// </summary>
[Collection("Azurite")]
public sealed partial class LogPrivacyTests(AzuriteFixture azurite)
{
    private const string SigningKey = "log-privacy-signing-key-0123456789abcdefghijkl";
    private const string BhosText = "Vertrouwelijke alinea van BHOS over de opvang in de regio.";
    private const string StrangerText = "Onbekende afzender stuurt deze zin.";

    // Every category the hosts configure quietly, opened up to Debug, plus the default.
    private static readonly string[] Categories =
    [
        "Default", "MigrationAgenda", "MigrationAgenda.Mail", "Microsoft.AspNetCore", "Microsoft.Hosting.Lifetime", "Microsoft.DurableTask",
        "DurableTask", "DurableTask.AzureStorage", "DurableTask.Core", "Grpc", "System.Net.Http.HttpClient", "Azure", "Azure.Core",
    ];

    [Fact]
    public async Task A_whole_round_logged_at_debug_names_no_address_subject_or_body()
    {
        await using var sendGrid = await FakeSendGridServer.StartAsync();
        using var eventKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var environment = Support.Environment(azurite, Support.NewHub("priv"));
        environment["Tokens__SigningKey"] = SigningKey;
        environment["Mail__SendGridApiKey"] = "SG.log-privacy";
        environment["Mail__SendGridHost"] = sendGrid.BaseAddress.ToString();
        environment["Mail__EventWebhookPublicKey"] = Convert.ToBase64String(eventKey.ExportSubjectPublicKeyInfo());
        foreach (var category in Categories)
            environment[$"Logging__LogLevel__{category}"] = "Debug";

        var (host, http) = await StandaloneProcess.ServeAsync(environment);
        await using var _ = host;
        using var __ = http;
        var id = Support.NewId("priv");
        var spec = SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddSeconds(12), new ScheduleSpec
        {
            Reminders = ["PT5S"], Escalations = ["PT1S"], CutOff = "PT4S", ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M",
        });
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostJsonAsync("/api/rounds", spec)).StatusCode);
        var requests = await Eventually.WaitAsync(() => Task.FromResult(Sent(sendGrid, "Request")), r => r.Count == 2, Support.Patience, "two requests");
        var subjects = new List<string> { requests[0].GetProperty("subject").GetString()! };

        // BHOS answers; a stranger writes to the same reply address (quarantined, and told so by mail); SendGrid then
        // refuses the next mail (the reminder to BZK) with an answer that names an address.
        await http.PostReplyAsync(ReplyTo(requests, "BHOS"), "officer@bhos.example", $"Pijler 2\r\n\r\n{BhosText}");
        var stranger = await http.PostReplyAsync(ReplyTo(requests, "BHOS"), "stranger@elders.example", StrangerText);
        Assert.Contains("quarantined", stranger);
        await Eventually.WaitAsync(() => Task.FromResult(Sent(sendGrid, "QuarantineNotice")), r => r.Count == 1, Support.Patience, "quarantine notice");
        sendGrid.FailNext(1, HttpStatusCode.BadRequest, """{"errors":[{"message":"Invalid to address officer@bzk.example","field":"personalizations.0.to"}]}""");
        await Eventually.WaitAsync(() => Task.FromResult(sendGrid.Received.Count(r => r.AnsweredStatus == 400)), n => n == 1, Support.Patience, "refused reminder");

        // BZK's request bounces: its level-1 contact is escalated to at once.
        var bzkRequest = requests.Single(r => Arg(r, "ministry") == "BZK");
        var now = DateTimeOffset.UtcNow;
        var events = $$"""[{"email":"officer@bzk.example","timestamp":{{now.ToUnixTimeSeconds()}},"event":"bounce","type":"bounce","reason":"550 officer@bzk.example unknown","sg_event_id":"priv-1","sg_message_id":"m1","round":"{{id}}","ministry":"BZK","kind":"Request","version":"1","sent_at":"{{Arg(bzkRequest, "sent_at")}}"}]""";
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using (var post = new HttpRequestMessage(HttpMethod.Post, "/api/mail/events") { Content = new StringContent(events, Encoding.UTF8, "application/json") })
        {
            post.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", Convert.ToBase64String(eventKey.SignData(
                Encoding.UTF8.GetBytes(timestamp + events), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));
            post.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(post)).StatusCode);
        }
        await Eventually.WaitAsync(() => Task.FromResult(Sent(sendGrid, "Escalation")), r => r.Count >= 1, Support.Patience, "escalation");

        await Support.ApproveAndCompleteAsync(http, id);
        subjects.AddRange(sendGrid.Received.Where(r => r.AnsweredStatus == 202).Select(r => r.Json.GetProperty("subject").GetString()!));
        Assert.True(await host.TerminateAsync(TimeSpan.FromSeconds(25)), "the host stops within 25 s of SIGTERM");

        var log = host.Stdout + host.Stderr;
        // Kept next to the test binaries for a look by hand (bin/<configuration>/net10.0/artifacts/round-debug.log).
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "artifacts", "round-debug.log"), log);
        // The log is the real thing: the engine, the SDK and the app all wrote to it at Debug.
        Assert.Contains("dbug: ", log);
        Assert.Contains("Microsoft.DurableTask", log);
        Assert.Contains("MigrationAgenda.Mail", log);

        var addresses = AddressPattern().Matches(log).Select(m => m.Value).Distinct().ToList();
        Assert.True(addresses.Count == 0, "addresses in the log: " + string.Join(", ", addresses) + Around(log, addresses.FirstOrDefault()));
        foreach (var text in subjects.Concat([BhosText, StrangerText, "Re: Verzoek bijdrage", "Beste collega", "Verzoek om bijdrage", "Herinnering:", "kon niet worden bezorgd"]))
            Assert.True(!log.Contains(text, StringComparison.Ordinal), $"'{text}' in the log:{Around(log, text)}");

        // An operator follows BZK's contact by its hash: the refused reminder, the bounce and the request are there.
        var hash = Hash("officer@bzk.example");
        Assert.Matches("^addr:[0-9a-f]{10}$", hash);
        Assert.True(Regex.Matches(log, Regex.Escape(hash)).Count >= 2, $"{hash} should mark officer@bzk.example's lines");
        Assert.Contains(Hash("stranger@elders.example"), log);
    }

    [Fact]
    public async Task Hash_address_prints_the_hash_the_service_logs_with_from_the_same_settings()
    {
        var env = new Dictionary<string, string> { ["Tokens__SigningKey"] = SigningKey, ["Local__DataFolder"] = Path.Combine(Path.GetTempPath(), "ma-e2e-hash-none") };
        await using var one = StandaloneProcess.Start(["hash-address", "Officer@BZK.example"], env);
        Assert.True(await one.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(Hash("officer@bzk.example"), one.Stdout.Trim());

        await using var two = StandaloneProcess.Start(["hash-address", "a@x.example", "b@x.example", "--Privacy:AddressHashKey=an-own-address-hash-key-of-32-bytes!!"], env);
        Assert.True(await two.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var own = new AddressHasher(Encoding.UTF8.GetBytes("an-own-address-hash-key-of-32-bytes!!"));
        Assert.Equal([$"{own.Hash("a@x.example")} a@x.example", $"{own.Hash("b@x.example")} b@x.example"], two.Stdout.Trim().Split('\n').Select(l => l.Trim()));

        await using var none = StandaloneProcess.Start(["hash-address", "a@x.example"], new Dictionary<string, string> { ["Local__DataFolder"] = env["Local__DataFolder"] });
        Assert.True(await none.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("Tokens:SigningKey", none.Stderr);
    }

    private static string Hash(string address) => AddressHasher.FromConfiguration(new ConfigurationBuilder()
        .AddInMemoryCollection([new KeyValuePair<string, string?>("Tokens:SigningKey", SigningKey)]).Build()).Hash(address);

    private static List<JsonElement> Sent(FakeSendGridServer server, string kind) =>
        server.Received.Where(r => r.AnsweredStatus == 202).Select(r => r.Json).Where(j => Arg(j, "kind") == kind).ToList();

    private static string? Arg(JsonElement mail, string name) =>
        mail.GetProperty("personalizations")[0].TryGetProperty("custom_args", out var args) && args.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static string ReplyTo(List<JsonElement> requests, string ministry) =>
        requests.Single(r => Arg(r, "ministry") == ministry).GetProperty("reply_to").GetProperty("email").GetString()!;

    private static string Around(string log, string? text)
    {
        var at = text is null ? -1 : log.IndexOf(text, StringComparison.Ordinal);
        return at < 0 ? "" : "\n…" + log[Math.Max(0, at - 300)..Math.Min(log.Length, at + 200)] + "…";
    }

    // The test's addresses are all on .example domains (reply addresses on inbound.migratieagenda.example included).
    [GeneratedRegex(@"[A-Za-z0-9._%+=-]+@[A-Za-z0-9.-]+\.example\b")]
    private static partial Regex AddressPattern();
}
