using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MigrationAgenda.Http;
using MigrationAgenda.Mail;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;
using static Microsoft.Playwright.Assertions;

namespace MigrationAgenda.BrowserTests;

/// <summary>The coordinator's page in Chromium against the real workflow: follow and steer a round.</summary>
[Collection("Page")]
public sealed partial class PageTests(PageFixture fixture)
{
    private const string Hostile = "Voortgang pijler 3. <img src=x onerror=alert(1)> en <script>alert(2)</script> blijven tekst.";

    static PageTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task The_page_is_served_with_its_content_types_and_a_strict_content_security_policy()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Api.Http.BaseAddress };

        using var root = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/app/", root.Headers.Location?.ToString());

        // The page's ES modules: app.js and every module it imports, each served as JavaScript.
        var modules = PageEndpoint.FileNames.Where(n => n.EndsWith(".js", StringComparison.Ordinal)).Select(n => "/app/" + n).ToList();
        Assert.Equal(["/app/api.js", "/app/app.js", "/app/auditlog.js", "/app/caller.js", "/app/commands.js", "/app/contacts.js", "/app/definitions.js", "/app/dom.js",
                "/app/lastyear.js", "/app/mailevents.js", "/app/messages.js", "/app/nextstarts.js", "/app/notes.js", "/app/overview.js", "/app/preview.js", "/app/review.js", "/app/round.js", "/app/router.js", "/app/start.js"],
            modules.Order(StringComparer.Ordinal));
        var pages = new[] { ("/app/", "text/html"), ("/app/rondes/ima-2027", "text/html"), ("/app/app.css", "text/css") };
        foreach (var (path, type) in pages.Concat(modules.Select(m => (m, "text/javascript"))))
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        var html = await http.GetStringAsync("/app/");
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.Contains("<script type=\"module\" src=\"/app/app.js\">", html, StringComparison.Ordinal);
        foreach (var module in modules)
        {
            var script = await http.GetStringAsync(module);
            Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
            // Every import names a file the page serves (a typo would only show as a blank page).
            foreach (Match import in ModuleImport().Matches(script))
                Assert.Contains("/app/" + import.Groups[1].Value, modules);
        }

        using var missing = await http.GetAsync("/app/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        using var escape = await http.GetAsync("/app/..%2F..%2Fdefinitions%2Fima.json");
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
    }

    [Fact]
    public async Task Overview_and_round_page_show_progress_and_pass_axe()
    {
        var spec = SampleRounds.Spec("ima-overzicht", DateTimeOffset.UtcNow.AddHours(1));
        (await fixture.Api.Http.PostAsJsonAsync("/api/rounds", spec)).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(async () => (await fixture.Api.Http.PostAsJsonAsync("/api/rounds/ima-overzicht/contributions",
            new { ministry = "BZK", pillar = 6, text = "Integratie: de Wet inburgering loopt." })).IsSuccessStatusCode, ok => ok, TimeSpan.FromSeconds(20), "contribution accepted");

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/app/");
        var row = page.Locator("#rondes tr[data-round='ima-overzicht']");
        await Expect(row).ToContainTextAsync("1 van 2");
        await Expect(row.Locator("progress")).ToHaveAttributeAsync("value", "1");
        await Expect(row).ToContainTextAsync("Verzamelen");
        await Expect(row).ToContainTextAsync(new Regex("nog (59|60) minuten"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Artifacts, "overview.png"), FullPage = true });
        await AssertAccessibleAsync(page, "overview");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/app/rondes/ima-overzicht$"));
        await Expect(Cell(page, "BZK", 6)).ToHaveAttributeAsync("data-state", "received");
        await Expect(Cell(page, "BHOS", 2)).ToHaveAttributeAsync("data-state", "owed");
        await Expect(page.Locator("#tijdlijn li").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Artifacts, "round-collecting.png"), FullPage = true });
        await AssertAccessibleAsync(page, "round");

        // The start form too: it is the third view of the page.
        await page.GotoAsync("/app/nieuw");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nieuwe ronde starten" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "start");
    }

    [Fact]
    public async Task Coordinator_starts_a_round_follows_it_live_reopens_approves_and_downloads_the_letter()
    {
        const string roundId = "ima-browser";
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add($"{d.Type}: {d.Message}"); _ = d.DismissAsync(); };
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add(m.Text); };

        // Overview, then the start form through the menu.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/app/$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rondes", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Nieuwe ronde" }).ClickAsync();
        await page.GetByLabel("Ronde-id").FillAsync(roundId);
        await page.GetByLabel("Jaar", new() { Exact = false }).First.FillAsync("2027");
        await page.Locator("#start-deadline").FillAsync(DateTimeOffset.UtcNow.AddMinutes(10).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Demo (seconden").CheckAsync();
        await page.GetByLabel("E-mailadres van wie de brief goedkeurt").FillAsync("dg@jenv.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ronde starten…" }).ClickAsync();
        await ConfirmAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex($"/app/rondes/{roundId}$"));
        await Expect(Phase(page)).ToHaveAttributeAsync("data-phase", "Collecting");
        await Expect(Cell(page, "JenV", 3)).ToHaveAttributeAsync("data-state", "owed");
        // The schedule's next step, as planned at start, in Dutch.
        await Expect(page.Locator("#volgende-stap")).ToContainTextAsync(new Regex("^volgende herinnering: [a-z]+dag \\d{1,2} [a-z]+ \\d{4} \\d{2}:\\d{2}$"));

        // Live: a contribution arrives while the coordinator is typing; the page updates without a reload and keeps the text.
        await page.EvaluateAsync("() => { window.__noReload = 42; }");
        const string typing = "Aanleiding, nog niet opgeslagen";
        await page.Locator("#texts-aanleiding").FillAsync(typing);
        await page.Locator("#texts-aanleiding").FocusAsync();
        await PostContributionAsync(roundId, "JenV", 3, Hostile);
        await Expect(Cell(page, "JenV", 3)).ToHaveAttributeAsync("data-state", "received");
        await Expect(Cell(page, "JenV", 3)).ToContainTextAsync("versie 1");
        Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__noReload"));
        await Expect(page.Locator("#texts-aanleiding")).ToHaveValueAsync(typing);
        await Expect(page.Locator("#texts-aanleiding")).ToBeFocusedAsync();

        // Contribution text is text: the markup shows literally and nothing runs.
        var shown = page.Locator("[data-contribution='JenV-3'] .text");
        await Expect(shown).ToContainTextAsync("<img src=x onerror=alert(1)>");
        await Expect(shown).ToContainTextAsync("<script>alert(2)</script>");
        Assert.Equal(0, await page.Locator("#teksten img, #teksten script").CountAsync());

        // The coordinator's texts are saved through PUT /api/rounds/{id}/texts and come back in the round's status.
        await page.GetByRole(AriaRole.Button, new() { Name = "Teksten opslaan…" }).ClickAsync();
        await ConfirmAsync(page);
        await Expect(page.Locator("#texts-form .result")).ToContainTextAsync("opgeslagen");
        var saved = await fixture.Api.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/rounds/{roundId}/texts");
        Assert.Equal(typing, saved.GetProperty("aanleiding").GetString());

        // A refused action shows the API's problem detail.
        await page.Locator("#extend-deadline").FillAsync(DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verlengen…" }).ClickAsync();
        await ConfirmAsync(page);
        await Expect(page.Locator("#extend-form .result")).ToContainTextAsync("Geweigerd");
        await Expect(page.Locator("#extend-form .result")).ToContainTextAsync("verleden");

        // Close early: the draft appears in the preview, missing pillars are marked.
        await CommandAsync(page, "Nu sluiten…");
        await Expect(Phase(page)).ToHaveAttributeAsync("data-phase", "Reviewing");
        await Expect(Cell(page, "BZK", 6)).ToHaveAttributeAsync("data-state", "missing");
        await Expect(page.Locator("#brief-voorbeeld")).ToHaveAttributeAsync("src", new Regex("format=html"));
        await Expect(page.FrameLocator("#brief-voorbeeld").Locator("body")).ToContainTextAsync("Robuust asielbeleid");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Artifacts, "round-review.png"), FullPage = true });

        // Reopen pillar 3 for JenV, receive the new version, close again.
        await page.Locator("#reopen-ministry").SelectOptionAsync("JenV");
        await page.GetByLabel("Pijler 3: Robuust asielbeleid").CheckAsync();
        await page.Locator("#reopen-note").FillAsync("Graag de cijfers over 2026 toevoegen.");
        await CommandAsync(page, "Heropenen…");
        await Expect(page.Locator("#reopen-form .result")).ToContainTextAsync("Heropend");
        await Expect(Phase(page)).ToHaveAttributeAsync("data-phase", "Collecting");
        await Expect(Cell(page, "JenV", 3)).Not.ToHaveAttributeAsync("data-state", "received");
        await PostContributionAsync(roundId, "JenV", 3, "Herziene tekst met de cijfers over 2026.");
        await Expect(Cell(page, "JenV", 3)).ToContainTextAsync("versie 2");
        await CommandAsync(page, "Nu sluiten…");
        await Expect(Phase(page)).ToHaveAttributeAsync("data-phase", "Reviewing");
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("heropend");
        // The timeline speaks Dutch: labels from the API, never the stored action or mail-kind names.
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("teksten gewijzigd");
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("concept ter goedkeuring verstuurd");
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("systeem: verzoek verstuurd");
        var timeline = await page.Locator("#tijdlijn").InnerTextAsync();
        foreach (var code in new[] { "texts-changed", "command-", "phase-", "mail-request", "DraftForApproval", "Request aan", "system:", "coordinator:" })
            Assert.DoesNotContain(code, timeline, StringComparison.Ordinal);

        // Approve, then download the final letter as Word.
        await CommandAsync(page, "Goedkeuren…");
        await Expect(Phase(page)).ToHaveAttributeAsync("data-phase", "Approved");
        await Expect(page.Locator("#brief-versie option:checked")).ToHaveTextAsync("Definitief");
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download definitief als Word (.docx)" }).ClickAsync());
        var docx = Path.Combine(PageFixture.Artifacts, "letter.docx");
        await download.SaveAsAsync(docx);
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(docx);
        Assert.True(bytes.Length > 1000 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K', "the download is not a .docx (zip)");
        await Expect(page.Locator("#approve-form")).ToBeHiddenAsync();
        await Expect(page.Locator("#cancel-form")).ToBeHiddenAsync();

        // The finished round with its letter preview, checked for accessibility (axe needs the CSP bypassed to be injected).
        await using (var axeContext = await fixture.NewContextAsync(bypassCsp: true))
        {
            var final = await axeContext.NewPageAsync();
            await final.GotoAsync($"/app/rondes/{roundId}");
            await Expect(Phase(final)).ToHaveAttributeAsync("data-phase", "Approved");
            await Expect(final.Locator("#brief")).ToBeVisibleAsync();
            await Expect(final.Locator("[data-contribution='JenV-3']")).ToBeVisibleAsync();
            await Expect(final.FrameLocator("#brief-voorbeeld").Locator("body")).ToContainTextAsync("Robuust asielbeleid");
            // One action is left on an approved round: next year's round.
            await Expect(final.Locator("#acties-geen")).ToBeHiddenAsync();
            await Expect(final.Locator("#next-form")).ToBeVisibleAsync();
            await final.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Artifacts, "round-approved.png"), FullPage = true });
            await AssertAccessibleAsync(final, "round-approved");
        }

        Assert.Empty(dialogs);
        Assert.DoesNotContain(consoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_quarantined_message_is_released_to_a_ministry_and_pillar_from_the_round_page()
    {
        const string roundId = "ima-quarantaine";
        (await fixture.Api.Http.PostAsJsonAsync("/api/rounds", SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddHours(1)))).EnsureSuccessStatusCode();
        var requests = await Eventually.WaitAsync(() => fixture.Workflow.Outbox.ListAsync(roundId),
            m => m.Any(x => x.Mail.Kind == MailKind.Request && x.Mail.Ministry == "BHOS"), TimeSpan.FromSeconds(20), "request mail to BHOS");
        var replyTo = requests.First(x => x.Mail.Kind == MailKind.Request && x.Mail.Ministry == "BHOS").Mail.ReplyTo!;

        // From a private address: quarantined. Its subject carries markup, which must show as text.
        var post = new SendGridPost()
            .Field("headers", $"From: officer@home.example\r\nTo: {replyTo}\r\nSubject: <b>Bijdrage</b> <img src=x onerror=alert(3)>\r\nMessage-ID: <{Guid.NewGuid():N}@home.example>\r\n")
            .Field("dkim", "{@home.example : pass}").Field("to", replyTo).Field("from", "officer@home.example")
            .Field("text", "Pijler 2\n\nTekst vanaf thuis.").Field("envelope", $"{{\"to\":[\"{replyTo}\"],\"from\":\"officer@home.example\"}}")
            .Field("attachments", "0").Field("subject", "<b>Bijdrage</b> <img src=x onerror=alert(3)>").Field("spam_score", "0.1")
            .Field("charsets", "{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}").Field("SPF", "pass").Build();
        using var content = new ByteArrayContent(post);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(SendGridPost.ContentType);
        using var inbound = await fixture.Api.Http.PostAsync($"/api/inbound/sendgrid?secret={PageFixture.InboundSecret}", content);
        Assert.Contains("quarantined", await inbound.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        await page.GotoAsync($"/app/rondes/{roundId}");
        var card = page.Locator("#quarantaine > li");
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync("officer@home.example");
        await Expect(card).ToContainTextAsync("<b>Bijdrage</b> <img src=x onerror=alert(3)>");
        Assert.Equal(0, await card.Locator("b, img").CountAsync());
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("in quarantaine");

        // Refused without a pillar: the page says what is missing before anything is sent.
        await card.GetByLabel("Ministerie").SelectOptionAsync("BHOS");
        await card.GetByRole(AriaRole.Button, new() { Name = "Vrijgeven…" }).ClickAsync();
        await Expect(card.Locator(".result")).ToContainTextAsync("Pijler");
        await card.GetByLabel("Pijler").SelectOptionAsync("2");
        await card.GetByRole(AriaRole.Button, new() { Name = "Vrijgeven…" }).ClickAsync();
        await ConfirmAsync(page);
        await Expect(Cell(page, "BHOS", 2)).ToHaveAttributeAsync("data-state", "received");
        await Expect(page.Locator("#quarantaine-leeg")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-contribution='BHOS-2'] .text")).ToContainTextAsync("Tekst vanaf thuis");
        Assert.Empty(dialogs);
    }

    private async Task PostContributionAsync(string roundId, string ministry, int pillar, string text)
    {
        using var response = await fixture.Api.Http.PostAsJsonAsync($"/api/rounds/{roundId}/contributions", new { ministry, pillar, text });
        Assert.True(response.IsSuccessStatusCode, $"contribution refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static ILocator Phase(IPage page) => page.Locator("#ronde-feiten [data-phase]");

    private static ILocator Cell(IPage page, string ministry, int pillar) =>
        page.Locator($"#matrix tr[data-ministry='{ministry}'] td[data-pillar='{pillar}']");

    private static async Task CommandAsync(IPage page, string button)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await ConfirmAsync(page);
    }

    /// <summary>Every action asks first, in the page's own dialog (not window.confirm).</summary>
    private static Task ConfirmAsync(IPage page) => PageFixture.ConfirmAsync(page);

    private Task AssertAccessibleAsync(IPage page, string name) => fixture.AssertAccessibleAsync(page, name);

    [GeneratedRegex("<script(?![^>]*\\bsrc=)", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("^import .* from '\\./([a-z]+\\.js)';$", RegexOptions.Multiline)]
    private static partial Regex ModuleImport();
}
