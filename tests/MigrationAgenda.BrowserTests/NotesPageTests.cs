using System.Net.Http.Json;
using Microsoft.Playwright;
using MigrationAgenda.Mail;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;
using static Microsoft.Playwright.Assertions;

namespace MigrationAgenda.BrowserTests;

/// <summary>
/// The round page shows the round's automatic replies ("SZW: afwezig tot en met …") and its notes, each note with its
/// one action, "tel mee als bijdrage voor pijler N"; counting it makes the pillar received. Checked with axe.
/// </summary>
[Collection("Page")]
public sealed class NotesPageTests(PageFixture fixture)
{
    static NotesPageTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task An_out_of_office_and_a_note_show_on_the_round_page_and_the_note_is_counted_for_a_pillar()
    {
        const string roundId = "ima-notities";
        var spec = SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddHours(1), null, SampleRounds.Ministry("SZW"), SampleRounds.Ministry("BZK"));
        (await fixture.Api.Http.PostAsJsonAsync("/api/rounds", spec)).EnsureSuccessStatusCode();
        var requests = await Eventually.WaitAsync(() => fixture.Workflow.Outbox.ListAsync(roundId),
            m => m.Count(x => x.Mail.Kind == MailKind.Request) == 2, TimeSpan.FromSeconds(30), "two requests");
        string ReplyTo(string ministry) => requests.First(x => x.Mail.Kind == MailKind.Request && x.Mail.Ministry == ministry).Mail.ReplyTo!;

        // Jan de Vries (SZW) is away; Els Visser (BZK) answers with one short sentence, held as a note.
        await PostAsync(IntakeCorpus.Readdressed("p41-exchange-out-of-office-nl.txt", ReplyTo("SZW")), "automatic");
        await PostAsync(IntakeCorpus.Readdressed("p55-short-text-single-pillar.txt", ReplyTo("BZK")), "note");

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        await page.GotoAsync($"/app/rondes/{roundId}");

        var away = page.Locator("#afwezig > li");
        await Expect(away).ToHaveCountAsync(1);
        await Expect(away).ToContainTextAsync("SZW: afwezig tot en met maandag 18 januari 2027");
        await Expect(away).ToContainTextAsync("automatisch antwoord van j.devries@szw.example");
        var note = page.Locator("#notities > li");
        await Expect(note).ToHaveCountAsync(1);
        await Expect(note.Locator("h4")).ToHaveTextAsync("BZK: notitie");
        await Expect(note.Locator(".text")).ToHaveTextAsync("De handreiking huisvesting vergunninghouders is in december 2026 aan alle gemeenten verstuurd.");
        await Expect(note).ToContainTextAsync("Korte reactie zonder pijlerkop");
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("automatisch antwoord (SZW)");
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("notitie (BZK)");
        await Expect(page.Locator("#matrix tr[data-ministry='BZK'] td[data-pillar='6']")).ToHaveAttributeAsync("data-state", "owed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Artifacts, "round-notes.png"), FullPage = true });
        await PageAccessibility.AssertAsync(page, fixture.AxeScript, "round-notes");

        // Counted without a pillar: the page says what is missing before anything is sent; then for pillar 6.
        await note.GetByRole(AriaRole.Button, new() { Name = "Tel mee…" }).ClickAsync();
        await Expect(note.Locator(".result")).ToContainTextAsync("Tel mee als bijdrage voor pijler");
        await note.GetByLabel("Tel mee als bijdrage voor pijler").SelectOptionAsync("6");
        await note.GetByRole(AriaRole.Button, new() { Name = "Tel mee…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("meetellen als bijdrage voor pijler 6");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ja, tel mee" }).ClickAsync();

        await Expect(page.Locator("#matrix tr[data-ministry='BZK'] td[data-pillar='6']")).ToHaveAttributeAsync("data-state", "received");
        await Expect(note).ToContainTextAsync("Meegeteld als bijdrage voor pijler 6 (pijler 6 versie 1).");
        await Expect(note.GetByRole(AriaRole.Button, new() { Name = "Tel mee…" })).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-contribution='BZK-6'] .text")).ToContainTextAsync("De handreiking huisvesting");
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("notitie meegeteld als bijdrage");
        await PageAccessibility.AssertAsync(page, fixture.AxeScript, "round-note-counted");
        Assert.Empty(dialogs);
    }

    private async Task PostAsync(byte[] post, string outcome)
    {
        using var content = new ByteArrayContent(post);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(SendGridPost.ContentType);
        using var response = await fixture.Api.Http.PostAsync($"/api/inbound/sendgrid?secret={PageFixture.InboundSecret}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains($"\"outcome\":\"{outcome}\"", body, StringComparison.Ordinal);
    }
}
