using System.Net.Http.Json;
using Microsoft.Playwright;
using MigrationAgenda.Mail;
using MigrationAgenda.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace MigrationAgenda.BrowserTests;

public sealed partial class PageTests
{
    [Fact]
    public async Task A_round_that_stopped_offers_resume_alone_and_resuming_it_asks_first_and_carries_on()
    {
        const string roundId = "ima-hervatten";
        (await fixture.Api.Http.PostAsJsonAsync("/api/rounds", SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddHours(1)))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fixture.Workflow.Outbox.ListAsync(roundId), m => m.Count(x => x.Mail.Kind == MailKind.Request) == 2,
            TimeSpan.FromSeconds(20), "the requests");
        await PostContributionAsync(roundId, "BHOS", 2, "In december 2019 vond het eerste Global Refugee Forum plaats.");
        await Eventually.WaitAsync(async () => (await fixture.Api.Http.GetStringAsync($"/api/rounds/{roundId}")).Contains("\"received\""), r => r,
            TimeSpan.FromSeconds(20), "BHOS counted");
        await fixture.Workflow.Client.TerminateInstanceAsync(roundId);

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/app/rondes/{roundId}");
        await Expect(Phase(page)).ToHaveTextAsync("Mislukt");
        var resume = page.Locator("#resume-form");
        await Expect(resume).ToBeVisibleAsync();
        foreach (var other in new[] { "#extend-form", "#close-form", "#approve-form", "#reopen-form", "#cancel-form" })
            await Expect(page.Locator(other)).ToBeHiddenAsync();

        // Declining changes nothing; confirming resumes, and the round carries on where it stood.
        await resume.GetByRole(AriaRole.Button, new() { Name = "Hervatten…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("hervatten");
        await Expect(dialog).ToContainTextAsync("er gaat niets dubbel uit");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Nee, terug" }).ClickAsync();
        await Expect(Phase(page)).ToHaveTextAsync("Mislukt");
        await CommandAsync(page, "Hervatten…");
        await Expect(resume.Locator(".result")).ToContainTextAsync("De ronde wordt hervat.");
        await Expect(Phase(page)).ToHaveTextAsync("Verzamelen");
        await Expect(resume).ToBeHiddenAsync();
        await Expect(Cell(page, "BHOS", 2)).ToHaveAttributeAsync("data-state", "received");
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("ronde hervat");
        Assert.Equal(2, (await fixture.Workflow.Outbox.ListAsync(roundId)).Count(x => x.Mail.Kind == MailKind.Request));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Artifacts, "hervatten.png"), FullPage = true });
    }
}
