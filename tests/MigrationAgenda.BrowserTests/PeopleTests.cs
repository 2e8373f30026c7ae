using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;
using static Microsoft.Playwright.Assertions;

namespace MigrationAgenda.BrowserTests;

/// <summary>
/// The people in a round, on the page in Chromium against the real workflow: what the approver needs to decide (the
/// draft's changes and warnings, mail received by outcome, who did what, the audit log), and the contacts list the
/// coordinator keeps and starts rounds from.
/// </summary>
[Collection("Page")]
public sealed class PeopleTests(PageFixture fixture)
{
    static PeopleTests() => SetDefaultExpectTimeout(20_000);

    private HttpClient Api => fixture.Api.Http;

    [Fact]
    public async Task After_a_reopen_the_approver_sees_what_changed_the_warnings_the_mail_by_outcome_and_who_did_what()
    {
        const string roundId = "ima-wijzigingen";
        (await Api.PostAsJsonAsync("/api/rounds", SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddHours(1)))).EnsureSuccessStatusCode();
        var requests = await Eventually.WaitAsync(() => fixture.Workflow.Outbox.ListAsync(roundId),
            m => m.Count(x => x.Mail.Kind == MailKind.Request) == 2, TimeSpan.FromSeconds(20), "two requests");

        // BZK answers by mail (accepted); its text cites a footnote it never gives: a warning in every draft.
        var bzkReply = requests.Single(x => x.Mail.Ministry == "BZK").Mail.ReplyTo!;
        await PostMailAsync(bzkReply, "officer@bzk.example", "pass",
            "Pijler 6\n\nGemeenten hebben in het afgelopen jaar ruim twintigduizend vergunninghouders gehuisvest, zoals in de bestuurlijke afspraken " +
            "met de provincies is vastgelegd, en de taakstelling voor het tweede halfjaar wordt naar verwachting volledig gehaald.[^3]");
        // A private address: quarantined, with its reason.
        await PostMailAsync(requests.Single(x => x.Mail.Ministry == "BHOS").Mail.ReplyTo!, "prive@thuis.example", "pass",
            "Pijler 2\n\nDeze tekst komt van een adres dat niet op de lijst van toegestane afzenders staat en wordt daarom niet zomaar overgenomen in de brief.");
        await PostContributionAsync(roundId, "BHOS", 2, "Eerste alinea van BHOS over opvang in de regio.\n\nTweede alinea over de oude cijfers.");

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/app/rondes/{roundId}");
        await Expect(Phase(page)).ToHaveAttributeAsync("data-phase", "Reviewing");
        var concept = page.Locator("#concept");
        await Expect(concept.GetByRole(AriaRole.Heading, new() { Name = "Concept 1: wat de goedkeurder moet weten" })).ToBeVisibleAsync();
        await Expect(page.Locator("#concept-waarschuwingen")).ToContainTextAsync("BZK, pijler 6: voetnoot [^3] heeft geen tekst");
        await Expect(page.Locator("#concept-wijzigingen")).ToContainTextAsync("eerste concept");

        // The approver asks BHOS for new figures; BHOS sends a new version; draft 2 says what changed.
        await page.Locator("#reopen-ministry").SelectOptionAsync("BHOS");
        await page.GetByLabel("Pijler 2:").CheckAsync();
        await page.Locator("#reopen-note").FillAsync("Graag de cijfers over 2026.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Heropenen…" }).ClickAsync();
        await ConfirmAsync(page);
        await Expect(Phase(page)).ToHaveAttributeAsync("data-phase", "Collecting");
        await Expect(concept).ToContainTextAsync("Concept 1");
        await PostContributionAsync(roundId, "BHOS", 2, "Eerste alinea van BHOS over opvang in de regio.\n\nNieuwe alinea met de cijfers over 2026.");
        await Expect(Phase(page)).ToHaveAttributeAsync("data-phase", "Reviewing");

        await Expect(concept.GetByRole(AriaRole.Heading, new() { Name = "Concept 2: wat de goedkeurder moet weten" })).ToBeVisibleAsync();
        await Expect(concept.GetByRole(AriaRole.Heading, new() { Name = "Wijzigingen sinds concept 1" })).ToBeVisibleAsync();
        var change = page.Locator("#concept-wijzigingen .change[data-pillar='2']");
        await Expect(change.GetByRole(AriaRole.Heading)).ToHaveTextAsync(new Regex("^Pijler 2 – .+: 1 alinea toegevoegd, 1 verwijderd$"));
        await Expect(change.Locator(".added li")).ToHaveTextAsync(["toegevoegd: Nieuwe alinea met de cijfers over 2026."]);
        await Expect(change.Locator(".removed li")).ToHaveTextAsync(["verwijderd: Tweede alinea over de oude cijfers."]);
        await Expect(page.Locator("#concept-wijzigingen .change")).ToHaveCountAsync(1);
        await Expect(page.Locator("#concept-waarschuwingen li")).ToHaveTextAsync(new Regex("voetnoot \\[\\^3\\] heeft geen tekst"));
        await Expect(page.Locator("#concept-ontbreekt")).ToContainTextAsync("Niets");

        // Mail received, grouped by outcome, with the Dutch reason.
        var accepted = page.Locator("#berichten .group[data-outcome='accepted']");
        await Expect(accepted.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Verwerkt als bijdrage (1)");
        await Expect(accepted).ToContainTextAsync("officer@bzk.example");
        var quarantined = page.Locator("#berichten .group[data-outcome='quarantined']");
        await Expect(quarantined.GetByRole(AriaRole.Heading)).ToHaveTextAsync("In quarantaine (1)");
        await Expect(quarantined).ToContainTextAsync("prive@thuis.example");
        await Expect(quarantined).ToContainTextAsync("Reden: Afzender niet geaccepteerd");

        // Who did what: the page's actions are "lokaal" (Standalone without sign-in), the mail the system's.
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("lokaal: heropend");
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("systeem: concept ter goedkeuring verstuurd");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Artifacts, "round-review-changes.png"), FullPage = true });
        await AssertAccessibleAsync(page, "round-review-changes");

        // The whole audit log as a download.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).ClickAsync());
        Assert.Equal($"auditlog-{roundId}.csv", download.SuggestedFilename);
        var csv = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var text = Encoding.UTF8.GetString(csv, 3, csv.Length - 3);
        Assert.StartsWith("Tijdstip,Actor,Naam,Actie,Omschrijving,Details\r\n", text, StringComparison.Ordinal);
        Assert.Contains(",lokaal,lokaal,command-reopen,heropend,", text, StringComparison.Ordinal);
        Assert.Equal($"/api/rounds/{roundId}/audit?format=csv&delimiter=semicolon",
            await page.GetByRole(AriaRole.Link, new() { Name = "CSV voor Excel (puntkomma's)" }).GetAttributeAsync("href"));
        Assert.Equal($"/api/rounds/{roundId}/audit?format=json", await page.GetByRole(AriaRole.Link, new() { Name = "JSON" }).GetAttributeAsync("href"));

        // The approve form asks no name: the signed-in caller approves (here "lokaal").
        await Expect(page.Locator("#approve-form input")).ToHaveCountAsync(0);
        await Expect(page.Locator("#approve-who")).ToContainTextAsync("lokaal");
        await Expect(page.Locator("#wie")).ToHaveTextAsync("Lokaal, zonder aanmelding (alle rollen)");
    }

    [Fact]
    public async Task The_coordinator_keeps_the_contacts_and_a_round_started_from_the_list_mails_them()
    {
        const string definition = PageFixture.ContactsDefinition;
        const string roundId = "ima-uit-de-lijst";
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };

        // Without contacts the start form says so and starts nothing.
        await page.GotoAsync("/app/nieuw");
        await page.Locator("#start-definition").SelectOptionAsync(definition);
        await Expect(page.Locator("#start-contacten-lijst li[data-ministry='JenV']")).ToContainTextAsync("Geen contactpersoon");
        await FillStartFormAsync(page, roundId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ronde starten…" }).ClickAsync();
        await Expect(page.Locator("#start-form .result")).ToContainTextAsync("staat niemand in de contactenlijst");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();

        // To the contacts list, through the menu.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Contacten" }).ClickAsync();
        await page.Locator("#contacten-definitie").SelectOptionAsync(definition);
        await Expect(page).ToHaveURLAsync(new Regex($"/app/contacten/{definition}$"));
        await Expect(page.Locator("#contacten-status")).ToContainTextAsync("De lijst is nog leeg");
        var jenv = Ministry(page, "JenV");
        await Expect(jenv).ToContainTextAsync("Nog niet in de lijst");

        // A bad address: the error stands next to the field, in Dutch, and nothing is stored.
        await jenv.GetByLabel("E-mailadres").FillAsync("geen-adres");
        await jenv.GetByLabel("Antwoorden accepteren van").FillAsync("jenv.example");
        await SaveAsync(page, jenv, "JenV");
        var email = jenv.GetByLabel("E-mailadres");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(jenv.Locator(".field-error")).ToHaveTextAsync("'geen-adres' is geen geldig e-mailadres (zoals naam@ministerie.nl).");
        await Expect(jenv.Locator(".result")).ToContainTextAsync("Contactpersoon 1, e-mailadres");
        await Expect(email).ToBeFocusedAsync();
        await AssertAccessibleAsync(page, "contacts-errors");

        // Add: the request contact and an escalation contact.
        await email.FillAsync("coordinatie@jenv.example");
        await jenv.GetByLabel("Naam of functie").FillAsync("Coördinatie Migratie");
        await jenv.GetByRole(AriaRole.Button, new() { Name = "Contactpersoon toevoegen" }).ClickAsync();
        var escalation = jenv.Locator("fieldset.contact[data-index='1']");
        await Expect(escalation.GetByLabel("Niveau")).ToHaveValueAsync("1");
        await escalation.GetByLabel("E-mailadres").FillAsync("hoofd@jenv.example");
        await SaveAsync(page, jenv, "JenV");
        jenv = Ministry(page, "JenV");
        await Expect(jenv.Locator(".result")).ToHaveTextAsync("Opgeslagen.");
        await Expect(jenv).ToContainTextAsync("In de lijst; laatst gewijzigd door lokaal");
        await Expect(page.Locator("#contacten-status")).ToContainTextAsync("1 van 5 ministeries staan in de lijst");

        foreach (var code in new[] { "BZ", "BHOS", "SZW", "BZK" })
        {
            var section = Ministry(page, code);
            await section.GetByLabel("E-mailadres").FillAsync($"lijst@{code.ToLowerInvariant()}.example");
            await section.GetByLabel("Antwoorden accepteren van").FillAsync($"{code.ToLowerInvariant()}.example, extra@elders.example");
            await SaveAsync(page, section, code);
            await Expect(Ministry(page, code).Locator(".result")).ToHaveTextAsync("Opgeslagen.");
        }

        // Someone else changes BZK meanwhile: this page's older version is refused, and the list shows theirs after a reload.
        var list = await Api.GetFromJsonAsync<JsonElement>($"/api/definitions/{definition}/contacts");
        var etag = list.GetProperty("ministries").EnumerateArray().Single(m => m.GetProperty("code").GetString() == "BZK").GetProperty("entry").GetProperty("etag").GetString();
        using (var other = new HttpRequestMessage(HttpMethod.Put, $"/api/definitions/{definition}/contacts/BZK")
        {
            Content = JsonContent.Create(new { contacts = new[] { new { level = 0, email = "collega@bzk.example" } }, allowedSenders = new[] { "bzk.example" } }),
        })
        {
            other.Headers.TryAddWithoutValidation("If-Match", etag);
            (await Api.SendAsync(other)).EnsureSuccessStatusCode();
        }
        var bzk = Ministry(page, "BZK");
        await bzk.GetByLabel("E-mailadres").FillAsync("mijn-versie@bzk.example");
        await SaveAsync(page, bzk, "BZK");
        await Expect(bzk.Locator(".result")).ToContainTextAsync("zijn intussen gewijzigd door lokaal");
        await bzk.GetByRole(AriaRole.Button, new() { Name = "Lijst opnieuw laden" }).ClickAsync();
        await Expect(Ministry(page, "BZK").GetByLabel("E-mailadres")).ToHaveValueAsync("collega@bzk.example");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Artifacts, "contacts.png"), FullPage = true });
        await AssertAccessibleAsync(page, "contacts");

        // The start form shows the list's contacts, and the round's requests go to them.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Nieuwe ronde" }).ClickAsync();
        await page.Locator("#start-definition").SelectOptionAsync(definition);
        var preview = page.Locator("#start-contacten-lijst li[data-ministry='JenV']");
        await Expect(preview).ToContainTextAsync("Verzoek aan: coordinatie@jenv.example (Coördinatie Migratie)");
        await Expect(preview).ToContainTextAsync("Escalaties: niveau 1 hoofd@jenv.example");
        await Expect(preview).ToContainTextAsync("uit de contactenlijst");
        await AssertAccessibleAsync(page, "start-contacts");
        await FillStartFormAsync(page, roundId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ronde starten…" }).ClickAsync();
        await ConfirmAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex($"/app/rondes/{roundId}$"));
        var requests = await Eventually.WaitAsync(() => fixture.Workflow.Outbox.ListAsync(roundId),
            m => m.Count(x => x.Mail.Kind == MailKind.Request) == 5, TimeSpan.FromSeconds(20), "five requests");
        Assert.Equal(["coordinatie@jenv.example"], requests.Single(r => r.Mail.Kind == MailKind.Request && r.Mail.Ministry == "JenV").Mail.To.Select(t => t.Email));
        Assert.Equal(["collega@bzk.example"], requests.Single(r => r.Mail.Kind == MailKind.Request && r.Mail.Ministry == "BZK").Mail.To.Select(t => t.Email));

        // Remove one from the list: the running round keeps it; a new round could not start without it.
        await page.GotoAsync($"/app/contacten/{definition}");
        var bhos = Ministry(page, "BHOS");
        await bhos.GetByRole(AriaRole.Button, new() { Name = "Uit de lijst halen…" }).ClickAsync();
        await ConfirmAsync(page);
        await Expect(Ministry(page, "BHOS")).ToContainTextAsync("Nog niet in de lijst");
        var stored = await new MigrationAgenda.Storage.RoundStore(fixture.Workflow.Storage).GetAsync(roundId, CancellationToken.None);
        Assert.Equal("lijst@bhos.example", stored!.Plan.FindParticipant("BHOS")!.ContactFor(0).Email);
        (await Api.PostAsync($"/api/rounds/{roundId}/cancel", JsonBodies.Empty())).Dispose();
        Assert.Empty(dialogs);
    }

    private static ILocator Ministry(IPage page, string code) => page.Locator($"#contacten-lijst section[data-ministry='{code}']");

    private static async Task SaveAsync(IPage page, ILocator section, string code)
    {
        await section.GetByRole(AriaRole.Button, new() { Name = $"Contacten van {code} opslaan…" }).ClickAsync();
        await ConfirmAsync(page);
    }

    private static async Task FillStartFormAsync(IPage page, string roundId)
    {
        await page.GetByLabel("Ronde-id").FillAsync(roundId);
        await page.Locator("#start-year").FillAsync("2027");
        await page.Locator("#start-deadline").FillAsync(DateTimeOffset.UtcNow.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("E-mailadres van wie de brief goedkeurt").FillAsync("dg@jenv.example");
    }

    private async Task PostContributionAsync(string roundId, string ministry, int pillar, string text)
    {
        using var response = await Api.PostAsJsonAsync($"/api/rounds/{roundId}/contributions", new { ministry, pillar, text });
        Assert.True(response.IsSuccessStatusCode, $"contribution refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task PostMailAsync(string replyTo, string from, string spf, string text)
    {
        var domain = from[(from.IndexOf('@') + 1)..];
        var post = new SendGridPost()
            .Field("headers", $"From: {from}\r\nTo: {replyTo}\r\nSubject: Bijdrage\r\nMessage-ID: <{Guid.NewGuid():N}@{domain}>\r\n")
            .Field("dkim", $"{{@{domain} : pass}}").Field("to", replyTo).Field("from", from)
            .Field("text", text).Field("envelope", $"{{\"to\":[\"{replyTo}\"],\"from\":\"{from}\"}}")
            .Field("attachments", "0").Field("subject", "Bijdrage").Field("spam_score", "0.1")
            .Field("charsets", "{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}").Field("SPF", spf).Build();
        using var content = new ByteArrayContent(post);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(SendGridPost.ContentType);
        using var response = await Api.PostAsync($"/api/inbound/sendgrid?secret={PageFixture.InboundSecret}", content);
        response.EnsureSuccessStatusCode();
    }

    private static ILocator Phase(IPage page) => page.Locator("#ronde-feiten [data-phase]");

    private static Task ConfirmAsync(IPage page) => PageFixture.ConfirmAsync(page);

    private Task AssertAccessibleAsync(IPage page, string name) => fixture.AssertAccessibleAsync(page, name);
}
