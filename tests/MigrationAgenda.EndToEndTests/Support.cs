using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.EndToEndTests;

/// <summary>What the end-to-end tests share: the host's environment, replies as SendGrid posts them, waits.</summary>
public static class Support
{
    public const string Secret = "e2e-inbound-secret";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    /// <summary>Environment for `serve` on the fixture's Azurite, with its own task hub so tests never share one.</summary>
    public static Dictionary<string, string> Environment(AzuriteFixture azurite, string hub) => new()
    {
        ["Storage__ConnectionString"] = azurite.ConnectionString,
        ["Tokens__SigningKey"] = "end-to-end-signing-key-0123456789abcdefghijkl",
        ["Inbound__SharedSecret"] = Secret,
        ["DurableTask__HubName"] = hub,
        ["Local__DataFolder"] = Path.Combine(Path.GetTempPath(), "ma-e2e-" + hub),
    };

    public static string NewId(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    public static string NewHub(string name) => name + Guid.NewGuid().ToString("N")[..12];

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string url, object body) =>
        http.PostAsync(url, new StringContent(JsonSerializer.Serialize(body, JsonDefaults.Options), Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> StatusAsync(this HttpClient http, string id) =>
        JsonDocument.Parse(await http.GetStringAsync($"/api/rounds/{id}")).RootElement;

    public static Task<JsonElement> WaitForAsync(this HttpClient http, string id, Func<JsonElement, bool> done, string what) =>
        Eventually.WaitAsync(() => http.StatusAsync(id), done, Patience, $"{id}: {what}");

    public static bool Received(JsonElement status, string ministry, int pillar) =>
        status.GetProperty("ministries").EnumerateArray().Where(m => m.GetProperty("ministry").GetString() == ministry)
            .SelectMany(m => m.GetProperty("pillars").EnumerateArray())
            .Any(p => p.GetProperty("pillar").GetInt32() == pillar && p.GetProperty("state").GetString() == "received");

    /// <summary>The Reply-To of the request mail each ministry got, read from the outbox.</summary>
    public static async Task<Dictionary<string, string>> ReplyAddressesAsync(StorageClients storage, string roundId, params string[] ministries)
    {
        var outbox = new OutboxReader(storage);
        var mails = await Eventually.WaitAsync(() => outbox.ListAsync(roundId),
            m => ministries.All(x => m.Any(r => r.Mail.Kind == MailKind.Request && r.Mail.Ministry == x)), Patience, "request mails");
        return ministries.ToDictionary(x => x, x => mails.First(r => r.Mail.Kind == MailKind.Request && r.Mail.Ministry == x).Mail.ReplyTo!);
    }

    /// <summary>A reply as SendGrid Inbound Parse posts it, SPF and DKIM passing for the sender's domain.</summary>
    public static ByteArrayContent Reply(string to, string from, string text)
    {
        var domain = from[(from.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var headers = $"Date: Mon, 4 Jan 2027 11:12:00 +0100\r\nFrom: {from}\r\nTo: {to}\r\nSubject: Re: Verzoek bijdrage\r\nMessage-ID: <{Guid.NewGuid():N}@{domain}>\r\nMIME-Version: 1.0\r\n";
        var body = new SendGridPost()
            .Field("headers", headers).Field("dkim", $"{{@{domain} : pass}}").Field("to", to).Field("from", from).Field("text", text)
            .Field("sender_ip", "192.0.2.25").Field("envelope", $"{{\"to\":[\"{to}\"],\"from\":\"{from}\"}}").Field("attachments", "0")
            .Field("subject", "Re: Verzoek bijdrage").Field("spam_score", "0.1")
            .Field("charsets", "{\"to\":\"UTF-8\",\"html\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}")
            .Field("SPF", "pass").Build();
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", SendGridPost.ContentType);
        return content;
    }

    public static async Task<string> PostReplyAsync(this HttpClient http, string to, string from, string text)
    {
        var response = await http.PostAsync($"/api/inbound/sendgrid?secret={Secret}", Reply(to, from, text));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {body}");
        return body;
    }

    public static async Task ApproveAndCompleteAsync(HttpClient http, string id)
    {
        await http.WaitForAsync(id, s => s.GetProperty("phase").GetString() == "Reviewing", "in review");
        var approve = await http.PostJsonAsync($"/api/rounds/{id}/approve", new { by = "dg@jenv.example" });
        Assert.True(approve.IsSuccessStatusCode, await approve.Content.ReadAsStringAsync());
        await http.WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed", "completed");
    }
}
