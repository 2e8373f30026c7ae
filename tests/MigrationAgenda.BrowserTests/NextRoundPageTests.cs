using System.Net.Http.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Playwright;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;
using static Microsoft.Playwright.Assertions;

namespace MigrationAgenda.BrowserTests;

/// <summary>
/// The page of an approved round offers "Volgende ronde starten"; the round it starts shows a "geen wijzigingen" note
/// with "Neem de tekst van vorig jaar over", which makes the ministry's pillars received. Checked with axe.
/// </summary>
[Collection("Page")]
public sealed class NextRoundPageTests(PageFixture fixture)
{
    static NextRoundPageTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task An_approved_round_starts_next_years_round_and_a_geen_wijzigingen_note_takes_last_years_text_over()
    {
        const string roundId = "ima-vorig-jaar";
        var spec = SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddDays(7), null, SampleRounds.Ministry("SZW", 5, 6), SampleRounds.Ministry("BZK", 6));
        (await fixture.Api.Http.PostAsJsonAsync("/api/rounds", spec)).EnsureSuccessStatusCode();
        var requests = await Eventually.WaitAsync(() => fixture.Workflow.Outbox.ListAsync(roundId),
            m => m.Count(x => x.Mail.Kind == MailKind.Request) == 2, TimeSpan.FromSeconds(30), "two requests");
        await ReplyAsync(requests, "SZW", $"Pijler 5\n\n{IntakeCorpus.P5}\n\nPijler 6\n\n{IntakeCorpus.P6}\n", "accepted");
        await ReplyAsync(requests, "BZK", $"Pijler 6\n\n{IntakeCorpus.P4}\n", "accepted");
        await Eventually.WaitAsync(async () => RoundState.CustomStatus(await fixture.Workflow.Client.GetInstanceAsync(roundId, getInputsAndOutputs: true)),
            s => s?.Phase == RoundPhase.Reviewing, TimeSpan.FromSeconds(60), "the draft in review");
        (await fixture.Api.Http.PostAsync($"/api/rounds/{roundId}/approve", JsonBodies.Empty())).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fixture.Workflow.Client.GetInstanceAsync(roundId),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, TimeSpan.FromSeconds(60), "the approved round completed");

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/app/rondes/{roundId}");
        var next = page.Locator("#next-form");
        await Expect(next).ToBeVisibleAsync();
        await Expect(page.Locator("#approve-form")).ToBeHiddenAsync();
        await fixture.AssertAccessibleAsync(page, "round-approved-next");

        await next.GetByRole(AriaRole.Button, new() { Name = "Volgende ronde starten…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("De ronde van volgend jaar starten?");
        await PageFixture.ConfirmAsync(page);
        await Expect(next.Locator(".result")).ToContainTextAsync("De ronde van volgend jaar is gestart.");
        await next.GetByRole(AriaRole.Link, new() { Name = "Naar ronde ima-2028" }).ClickAsync();
        await Expect(page.Locator("#ronde-titel")).ToHaveTextAsync("Ronde ima-2028");

        // SZW answers "geen wijzigingen": a note with the one-click take-over; nothing is taken over before the click.
        var nextRequests = await Eventually.WaitAsync(() => fixture.Workflow.Outbox.ListAsync("ima-2028"),
            m => m.Count(x => x.Mail.Kind == MailKind.Request) == 2, TimeSpan.FromSeconds(30), "next year's requests");
        await ReplyAsync(nextRequests, "SZW", "Geen wijzigingen.\n\nMet vriendelijke groet,\nJan de Vries\n", "note");
        var note = page.Locator("#notities > li");
        await Expect(note).ToHaveCountAsync(1);
        var adopt = note.GetByRole(AriaRole.Button, new() { Name = "Neem de tekst van vorig jaar over…" });
        await Expect(adopt).ToBeVisibleAsync();
        await Expect(page.Locator("#matrix tr[data-ministry='SZW'] td[data-pillar='5']")).ToHaveAttributeAsync("data-state", "owed");
        await fixture.AssertAccessibleAsync(page, "round-next-note");

        await adopt.ClickAsync();
        await Expect(dialog).ToContainTextAsync("De tekst van vorig jaar van SZW overnemen voor pijler 5, 6?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Ja, neem over" }).ClickAsync();
        await Expect(page.Locator("#matrix tr[data-ministry='SZW'] td[data-pillar='5']")).ToHaveAttributeAsync("data-state", "received");
        await Expect(page.Locator("#matrix tr[data-ministry='SZW'] td[data-pillar='6']")).ToHaveAttributeAsync("data-state", "received");
        await Expect(note).ToContainTextAsync("Tekst van vorig jaar overgenomen voor pijler 5, 6.");
        await Expect(adopt).ToHaveCountAsync(0);
        await Expect(page.Locator("#tijdlijn")).ToContainTextAsync("tekst van vorig jaar overgenomen");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Artifacts, "round-next-adopted.png"), FullPage = true });
        await fixture.AssertAccessibleAsync(page, "round-next-adopted");
    }

    private async Task ReplyAsync(IReadOnlyList<OutboxMessage> requests, string ministry, string text, string outcome)
    {
        var replyTo = requests.First(x => x.Mail.Kind == MailKind.Request && x.Mail.Ministry == ministry).Mail.ReplyTo!;
        var from = $"officer@{ministry.ToLowerInvariant()}.example";
        var post = new SendGridPost()
            .Field("headers", $"Date: Mon, 4 Jan 2027 11:12:00 +0100\r\nFrom: {from}\r\nTo: {replyTo}\r\nSubject: Re: Verzoek bijdrage\r\nMessage-ID: <{Guid.NewGuid():N}@{ministry.ToLowerInvariant()}.example>\r\nMIME-Version: 1.0\r\n")
            .Field("dkim", $"{{@{ministry.ToLowerInvariant()}.example : pass}}").Field("to", replyTo).Field("from", from).Field("text", text)
            .Field("envelope", $"{{\"to\":[\"{replyTo}\"],\"from\":\"{from}\"}}").Field("attachments", "0").Field("subject", "Re: Verzoek bijdrage")
            .Field("charsets", "{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}").Field("SPF", "pass").Build();
        using var content = new ByteArrayContent(post);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(SendGridPost.ContentType);
        using var response = await fixture.Api.Http.PostAsync($"/api/inbound/sendgrid?secret={PageFixture.InboundSecret}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains($"\"outcome\":\"{outcome}\"", body, StringComparison.Ordinal);
    }
}
