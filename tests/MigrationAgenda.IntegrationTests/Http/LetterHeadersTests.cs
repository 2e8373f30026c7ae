using System.Net;
using System.Text;
using System.Text.Json;
using MigrationAgenda.Http;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Http;

/// <summary>The letter route over Kestrel: every format with nosniff and a CSP that forbids scripts, a reply's markup as text.</summary>
[Collection("Azurite")]
public sealed class LetterHeadersTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private WorkflowHost _workflow = null!;
    private ApiHost _api = null!;
    private HttpClient Http => _api.Http;

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

    private Task<HttpResponseMessage> PostJsonAsync(string url, string json) =>
        Http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Every_format_is_sent_with_nosniff_and_a_script_free_csp_and_the_markdown_carries_no_markup()
    {
        var id = $"letter-{Guid.NewGuid():N}"[..20];
        var spec = SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(30));
        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync("/api/rounds", JsonSerializer.Serialize(spec, JsonDefaults.Options))).StatusCode);
        await Eventually.WaitAsync(async () => JsonDocument.Parse(await Http.GetStringAsync($"/api/rounds/{id}")).RootElement,
            s => s.GetProperty("phase").GetString() == RoundPhase.Collecting, TimeSpan.FromSeconds(45), "collecting");
        // What intake makes of "&lt;script&gt;…" in an HTML reply: the characters themselves.
        var submitted = await PostJsonAsync($"/api/rounds/{id}/contributions",
            """{"ministry":"BHOS","pillar":2,"text":"Voor <script>alert(document.cookie)</script> na <img src=x onerror=alert(1)>."}""");
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync($"/api/rounds/{id}/close", "")).StatusCode);
        await Eventually.WaitAsync(async () => JsonDocument.Parse(await Http.GetStringAsync($"/api/rounds/{id}")).RootElement,
            s => s.GetProperty("phase").GetString() == RoundPhase.Reviewing, TimeSpan.FromSeconds(45), "draft in review");

        foreach (var (format, type) in new[] { ("md", "text/markdown"), ("html", "text/html"), ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document") })
        {
            var response = await Http.GetAsync($"/api/rounds/{id}/letter?format={format}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Equal(LetterEndpoint.ContentSecurityPolicy, csp);
            Assert.Contains("default-src 'none'", csp);
            Assert.DoesNotContain("script-src", csp);
            Assert.Contains("frame-ancestors 'self'", csp); // the page's preview frames the HTML letter
            var disposition = response.Content.Headers.ContentDisposition;
            if (format == "docx")
                Assert.Equal($"Voortgangsbrief {id} concept 1.docx", disposition?.FileNameStar ?? disposition?.FileName?.Trim('"'));
            else
                Assert.Null(disposition);
        }

        var md = await Http.GetStringAsync($"/api/rounds/{id}/letter?format=md");
        Assert.DoesNotContain('<', md);
        Assert.Contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;", md);
        var html = await Http.GetStringAsync($"/api/rounds/{id}/letter?format=html");
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }
}
