using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MigrationAgenda.Http;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Http;

/// <summary>
/// The requests a browser sends when another website attacks a signed-in coordinator, sent as the browser sends them,
/// to every state-changing route of the API on Kestrel with the real engine: a plain HTML form (POST,
/// application/x-www-form-urlencoded, empty body) and fetch in no-cors mode (text/plain;charset=UTF-8, a JSON-looking
/// body), both with Origin and Sec-Fetch-Site of the other site. None changes anything; the page's own requests work.
/// </summary>
[Collection("Azurite")]
public sealed class CrossSiteRequestTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Evil = "https://evil.example";
    private WorkflowHost _workflow = null!;
    private ApiHost _api = null!;
    private HttpClient Http => _api.Http;
    private string Own => Http.BaseAddress!.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        _workflow = await WorkflowHost.StartAsync(azurite);
        _api = await ApiHost.StartAsync(_workflow);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _workflow.DisposeAsync();
    }

    /// <summary>Every state-changing route: method, path for round <c>{0}</c>, and the JSON a caller would send.</summary>
    private static readonly (string Method, string Path, string Json)[] Routes =
    [
        ("POST", "/api/rounds", """{"roundId":"{0}-x","year":2027,"definitionName":"ima"}"""),
        ("POST", "/api/rounds/{0}/extend", """{"deadline":"2099-01-01T12:00:00+01:00"}"""),
        ("POST", "/api/rounds/{0}/close", "{}"),
        ("POST", "/api/rounds/{0}/cancel", ""),
        ("POST", "/api/rounds/{0}/approve", """{"by":"dg"}"""),
        ("POST", "/api/rounds/{0}/reopen", """{"ministry":"BHOS","pillars":[2]}"""),
        ("POST", "/api/rounds/{0}/contributions", """{"ministry":"BHOS","pillar":2,"text":"Ingeschoven tekst."}"""),
        ("PUT", "/api/rounds/{0}/texts", """{"aanleiding":"Ingeschoven."}"""),
        ("POST", "/api/inbound/quarantine/" + new string('a', 64) + "/release", """{"roundId":"{0}","ministry":"BHOS","pillar":2}"""),
        ("POST", "/api/inbound/reprocess/" + new string('a', 64), ""),
    ];

    private static string Fill(string template, string id) => template.Replace("{0}", id, StringComparison.Ordinal);

    private static HttpRequestMessage Request(string method, string path, HttpContent content, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static HttpContent Body(string text, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    /// <summary>&lt;form method=post action=https://app/api/…&gt; submitted from evil.example (no fields: an empty body).</summary>
    private static HttpRequestMessage FormPost(string method, string path) => Request(method, path, Body("", "application/x-www-form-urlencoded"),
        ("Origin", Evil), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-Dest", "document"), ("Referer", Evil + "/"));

    /// <summary>fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', body: '{…}' }) from evil.example.</summary>
    private static HttpRequestMessage NoCorsFetch(string method, string path, string json) => Request(method, path, Body(json, "text/plain;charset=UTF-8"),
        ("Origin", Evil), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Dest", "empty"));

    private async Task<string> StartRoundAsync()
    {
        var id = $"csrf-{Guid.NewGuid():N}"[..20];
        var spec = SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(30));
        var started = await Http.PostAsync("/api/rounds", new StringContent(JsonSerializer.Serialize(spec, JsonDefaults.Options), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await StatusAsync(id, s => s.GetProperty("phase").GetString() == RoundPhase.Collecting);
        return id;
    }

    private Task<JsonElement> StatusAsync(string id, Func<JsonElement, bool> until) => Eventually.WaitAsync(
        async () => JsonDocument.Parse(await Http.GetStringAsync($"/api/rounds/{id}")).RootElement, until, TimeSpan.FromSeconds(45), $"{id} status");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{what}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Forms_and_no_cors_fetches_from_another_site_change_nothing_on_any_route()
    {
        var id = await StartRoundAsync();
        var before = await StatusAsync(id, _ => true);

        foreach (var (method, path, json) in Routes)
        {
            var url = Fill(path, id);
            var form = await Http.SendAsync(FormPost(method, url));
            await AssertProblemAsync(form, HttpStatusCode.Forbidden, $"form {method} {url}");
            Assert.Contains("andere website", await form.Content.ReadAsStringAsync());
            await AssertProblemAsync(await Http.SendAsync(NoCorsFetch(method, url, Fill(json, id))), HttpStatusCode.Forbidden, $"no-cors {method} {url}");
        }

        var after = await StatusAsync(id, _ => true);
        Assert.Equal(RoundPhase.Collecting, after.GetProperty("phase").GetString());
        Assert.Equal(before.GetProperty("deadline").GetDateTimeOffset(), after.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal("[]", JsonDocument.Parse(await Http.GetStringAsync($"/api/rounds/{id}/contributions")).RootElement.GetRawText());
        Assert.DoesNotContain("Ingeschoven", await Http.GetStringAsync($"/api/rounds/{id}/texts"));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/api/rounds/{id}-x")).StatusCode);
        Assert.DoesNotContain(after.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString()!.StartsWith("command-", StringComparison.Ordinal));
    }

    /// <summary>Where a browser sends no Origin or Sec-Fetch-Site (older browsers, some privacy settings), the media type still keeps forms and no-cors fetches out.</summary>
    [Fact]
    public async Task Without_browser_headers_only_json_passes_and_an_empty_json_body_is_an_empty_command()
    {
        var id = await StartRoundAsync();

        foreach (var (method, path, json) in Routes)
        {
            var url = Fill(path, id);
            foreach (var type in new[] { "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain;charset=UTF-8", "text/plain; x=json" })
                await AssertProblemAsync(await Http.SendAsync(Request(method, url, Body(Fill(json, id), type))), HttpStatusCode.UnsupportedMediaType, $"{type} {method} {url}");
            // No Content-Type at all (a command without a body from curl or a script) is refused the same way.
            await AssertProblemAsync(await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)), HttpStatusCode.UnsupportedMediaType, $"none {method} {url}");
        }
        Assert.Equal(RoundPhase.Collecting, (await StatusAsync(id, _ => true)).GetProperty("phase").GetString());

        // The page: JSON, its own Origin, same-origin. A command without data is an empty body sent as JSON.
        var extend = await Http.SendAsync(Request("POST", $"/api/rounds/{id}/extend", Body("""{"deadline":"2099-01-01T12:00:00+01:00"}""", "application/json"),
            ("Origin", Own), ("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-Mode", "cors")));
        Assert.Equal(HttpStatusCode.Accepted, extend.StatusCode);
        var cancel = await Http.SendAsync(Request("POST", $"/api/rounds/{id}/cancel", Body("", "application/json; charset=utf-8"),
            ("Origin", Own), ("Sec-Fetch-Site", "same-origin")));
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        await StatusAsync(id, s => s.GetProperty("phase").GetString() == RoundPhase.Cancelled);
    }

    [Fact]
    public async Task A_chunked_json_body_over_the_limit_is_413_problem_json_on_every_route()
    {
        var id = await StartRoundAsync();
        var big = Encoding.UTF8.GetBytes("{\"note\":\"" + new string('x', (int)JsonBody.MaxBytes) + "\"}");

        foreach (var (method, path, _) in Routes)
        {
            var url = Fill(path, id);
            var chunked = new StreamContent(new NonSeekableStream(big));
            chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = chunked };
            Assert.Null(request.Content.Headers.ContentLength);
            await AssertProblemAsync(await Http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, $"chunked {method} {url}");
        }
        Assert.Equal(RoundPhase.Collecting, (await StatusAsync(id, _ => true)).GetProperty("phase").GetString());
    }

    [Fact]
    public async Task The_webhooks_are_not_held_to_the_browser_rules()
    {
        // SendGrid is a server: its posts are multipart or a JSON array and carry no Origin; these prove the routes do
        // not answer 403/415 for that (they answer with their own authentication instead).
        var inbound = await Http.SendAsync(Request("POST", "/api/inbound/sendgrid", Body("", "multipart/form-data; boundary=x"), ("Origin", Evil), ("Sec-Fetch-Site", "cross-site")));
        Assert.NotEqual(HttpStatusCode.Forbidden, inbound.StatusCode);
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, inbound.StatusCode);
        var events = await Http.SendAsync(Request("POST", "/api/mail/events", Body("[]", "application/json"), ("Origin", Evil), ("Sec-Fetch-Site", "cross-site")));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, events.StatusCode); // no Event Webhook key in this host's settings
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
