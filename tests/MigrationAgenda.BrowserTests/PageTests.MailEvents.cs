using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using MigrationAgenda.Mail;
using MigrationAgenda.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MigrationAgenda.BrowserTests;

public sealed partial class PageTests
{
    /// <summary>SendGrid reports a bounced request: the round page shows the contact, the escalation and the history, in Dutch.</summary>
    [Fact]
    public async Task A_bounced_request_shows_on_the_round_page_with_the_escalation_it_caused()
    {
        const string roundId = "ima-onbestelbaar";
        (await fixture.Api.Http.PostAsJsonAsync("/api/rounds", SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddHours(1)))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fixture.Workflow.Outbox.ListAsync(roundId),
            m => m.Count(x => x.Mail.Kind == MailKind.Request) == 2, TimeSpan.FromSeconds(20), "request mails");

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var events = $$"""[{"email":"officer@bhos.example","timestamp":{{now}},"event":"bounce","type":"bounce","reason":"550 5.1.1 mailbox unknown","sg_event_id":"page-bounce-1","round":"{{roundId}}","ministry":"BHOS","kind":"Request","version":"1"}]""";
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/mail/events") { Content = new StringContent(events, Encoding.UTF8, "application/json") };
        post.Headers.Add(EventWebhookSignature.SignatureHeader, Convert.ToBase64String(fixture.EventWebhookKey.SignData(
            Encoding.UTF8.GetBytes(now + events), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));
        post.Headers.Add(EventWebhookSignature.TimestampHeader, now);
        using var answer = await fixture.Api.Http.SendAsync(post);
        answer.EnsureSuccessStatusCode();

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/app/rondes/{roundId}");
        var section = page.Locator("#bezorging-sectie");
        await Expect(section).ToBeVisibleAsync();
        await Expect(section.GetByRole(Microsoft.Playwright.AriaRole.Heading)).ToHaveTextAsync("Bezorgproblemen");
        var contact = page.Locator("#onbestelbaar li[data-ministry='BHOS']");
        await Expect(contact).ToContainTextAsync("contactpersoon niveau 0");
        await Expect(contact).ToContainTextAsync("officer@bhos.example");
        await Expect(contact).ToContainTextAsync("geweigerd door de ontvangende server");
        await Expect(page.Locator("#bezorging li[data-event='bounce']")).ToContainTextAsync("550 5.1.1 mailbox unknown");
        await Expect(Cell(page, "BHOS", 2).Locator(".state")).ToContainTextAsync("Geëscaleerd (niveau 1)");
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("mail niet bezorgd");
        await section.ScreenshotAsync(new() { Path = Path.Combine(PageFixture.Artifacts, "bezorgproblemen.png") });
    }
}
