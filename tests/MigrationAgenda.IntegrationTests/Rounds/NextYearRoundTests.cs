using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.IntegrationTests.Intake;
using MigrationAgenda.Letters;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.IntegrationTests.Rounds;

/// <summary>
/// "Volgende ronde" on the real engine, Azurite and the HTTP API: an approved round with three ministries' texts, next
/// year's round started from it with POST /api/rounds/{id}/next, each ministry's request carrying last year's text of
/// exactly its own pillars (inline and as a .docx read back here with OpenXml), a "geen wijzigingen" reply kept as a
/// note until the coordinator's one click takes last year's text over, and the refusals in Dutch.
/// </summary>
[Collection("Azurite")]
public sealed class NextYearRoundTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "next-year-secret";
    // A definition of this test's own (the shipped IMA under another name), so the derived id "<name>-2028" is its own.
    private readonly string _definition = $"nx{Guid.NewGuid():N}"[..10];
    private WebhookHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await WebhookHosts.StartAsync(azurite, Secret, new Dictionary<string, string?> { [DefinitionCatalog.FolderSetting] = TestDefinitions.Folder(_definition) });

    public Task DisposeAsync() => _hosts.DisposeAsync().AsTask();

    private ContributionStore Contributions => _hosts.Workflow.Services.GetRequiredService<ContributionStore>();

    private static readonly ScheduleSpec Quiet = new()
    {
        Reminders = [], Escalations = [], CutOff = "PT10M", ApprovalTimeout = "PT10M", ApprovalReminders = 0, ReopenPeriod = "PT10M",
    };

    /// <summary>Last year's texts: SZW writes pillars 5 and 6, BZK pillar 6 too, BHOS pillar 2.</summary>
    private static readonly (string Ministry, int Pillar, string Text)[] LastYear =
    [
        ("SZW", 5, IntakeCorpus.P5), ("SZW", 6, IntakeCorpus.P6), ("BZK", 6, IntakeCorpus.P4), ("BHOS", 2, IntakeCorpus.P2),
    ];

    [Fact]
    public async Task Next_years_requests_carry_each_ministrys_own_text_of_last_year_and_geen_wijzigingen_is_taken_over_only_on_the_click()
    {
        var previous = await ApprovedRoundAsync();

        // Started from the approved round: year + 1, the derived id, the deadline a year later on a working day at the same time.
        var started = await _hosts.Api.Http.PostAsync($"/api/rounds/{previous.RoundId}/next", JsonBodies.Empty());
        var startedBody = await WebhookDriver.JsonAsync(started);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"next answered {(int)started.StatusCode}: {startedBody}");
        var next = startedBody.GetProperty("roundId").GetString()!;
        Assert.Equal($"{_definition}-2028", next);
        var plan = (await _hosts.Workflow.Client.GetInstanceAsync(next, getInputsAndOutputs: true))!.ReadInputAs<RoundPlan>()!;
        Assert.Equal((2028, previous.RoundId), (plan.Year, plan.PreviousRoundId));
        Assert.NotNull(plan.Retry);
        Assert.Equal(AmsterdamTime.ToLocal(previous.Deadline).TimeOfDay, AmsterdamTime.ToLocal(plan.Deadline).TimeOfDay);
        var deadlineDay = DateOnly.FromDateTime(AmsterdamTime.ToLocal(plan.Deadline).DateTime);
        Assert.True(WorkingDayCalendar.Dutch.IsWorkingDay(deadlineDay), $"{deadlineDay} is not a working day");
        Assert.InRange(deadlineDay.DayNumber - DateOnly.FromDateTime(AmsterdamTime.ToLocal(previous.Deadline).DateTime).AddYears(1).DayNumber, 0, 4);
        Assert.Equal(["BHOS", "BZK", "SZW"], plan.Participants.Select(p => p.Code).Order());

        // Each request: the line, last year's text of exactly its own pillars inline, and the same as a .docx.
        var outbox = await Eventually.WaitAsync(() => _hosts.Workflow.Outbox.ListAsync(next),
            m => m.Count(x => x.Mail.Kind == MailKind.Request) == 3, WebhookDriver.Patience, "three requests in next year's round");
        foreach (var ministry in new[] { "SZW", "BZK", "BHOS" })
        {
            var mail = outbox.Single(m => m.Mail.Kind == MailKind.Request && m.Mail.Ministry == ministry).Mail;
            var own = LastYear.Where(t => t.Ministry == ministry).ToList();
            var others = LastYear.Where(t => t.Ministry != ministry).ToList();
            Assert.Contains("Hieronder vindt u de tekst van vorig jaar; u kunt die bijwerken.", mail.TextBody);
            foreach (var (_, pillar, text) in own)
            {
                Assert.Contains(text, mail.TextBody);
                Assert.Contains(ContributionDocument.Heading(pillar, plan.PillarTitle(pillar)), mail.TextBody);
            }
            foreach (var (_, _, text) in others)
                Assert.DoesNotContain(text, mail.TextBody);

            var docx = Assert.Single(mail.Attachments, a => a.FileName.EndsWith(".docx", StringComparison.Ordinal));
            Assert.Equal($"{next}-{ministry.ToLowerInvariant()}-tekst-vorig-jaar.docx", docx.FileName);
            Assert.Equal(ContributionDocument.ContentType, docx.ContentType);
            var paragraphs = DocxParagraphs(docx.Content);
            // Headings and texts of its own pillars, in order, and nothing else.
            Assert.Equal(own.OrderBy(t => t.Pillar).SelectMany(t => new[] { ContributionDocument.Heading(t.Pillar, plan.PillarTitle(t.Pillar)), t.Text }), paragraphs);
        }

        // "Geen wijzigingen" from SZW: a note, nothing stored, SZW still owes both pillars.
        var noChanges = await _hosts.Driver.PostOkAsync(WebhookDriver.FromCorpus("p53-no-changes-nl.txt", await _hosts.Driver.ReplyAddressAsync(next, "SZW")));
        Assert.Equal(("note", "NoChanges"), (noChanges.GetProperty("outcome").GetString(), noChanges.GetProperty("reasonCode").GetString()));
        var noteId = noChanges.GetProperty("id").GetString()!;
        var view = await _hosts.Driver.ViewAsync(next);
        Assert.Equal(previous.RoundId, view.GetProperty("previousRoundId").GetString());
        var note = Assert.Single(view.GetProperty("notes").EnumerateArray());
        Assert.True(note.GetProperty("noChanges").GetBoolean());
        Assert.Empty(note.GetProperty("adoptedPillars").EnumerateArray());
        Assert.Equal(("missing", "missing"), (WebhookDriver.PillarState(view, "SZW", 5), WebhookDriver.PillarState(view, "SZW", 6)));
        Assert.Empty(await Contributions.ListAsync(next, CancellationToken.None));

        // Refused: a pillar SZW does not write.
        var wrong = await _hosts.Api.Http.PostAsJsonAsync($"/api/rounds/{next}/notes/{noteId}/adopt", new { pillars = new[] { 2 } });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("SZW schrijft pijler 5, 6", (await WebhookDriver.JsonAsync(wrong)).GetProperty("errors").GetProperty("pillars")[0].GetString());
        Assert.Empty(await Contributions.ListAsync(next, CancellationToken.None));

        // The click: last year's texts become SZW's version 1 of pillars 5 and 6; a second click stores nothing more.
        var adopt = await _hosts.Api.Http.PostAsync($"/api/rounds/{next}/notes/{noteId}/adopt", JsonBodies.Empty());
        Assert.True(adopt.StatusCode == HttpStatusCode.Created, $"adopt answered {(int)adopt.StatusCode}: {await adopt.Content.ReadAsStringAsync()}");
        var again = await _hosts.Api.Http.PostAsync($"/api/rounds/{next}/notes/{noteId}/adopt", JsonBodies.Empty());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await WebhookDriver.JsonAsync(again)).GetProperty("duplicate").GetBoolean());
        var stored = (await Contributions.ListAsync(next, CancellationToken.None)).OrderBy(c => c.Pillar).ToList();
        Assert.Equal([("SZW", 5, 1, IntakeCorpus.P5), ("SZW", 6, 1, IntakeCorpus.P6)], stored.Select(c => (c.Ministry, c.Pillar, c.Version, c.Text)));
        await Eventually.WaitAsync(async () => RoundState.CustomStatus(await _hosts.Workflow.Client.GetInstanceAsync(next, getInputsAndOutputs: true)),
            s => s?.Ministries.Single(m => m.Ministry == "SZW").Missing.Count == 0, WebhookDriver.Patience, "SZW's pillars received by next year's round");
        view = await _hosts.Driver.ViewAsync(next);
        Assert.Equal([5, 6], Assert.Single(view.GetProperty("notes").EnumerateArray()).GetProperty("adoptedPillars").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("missing", WebhookDriver.PillarState(view, "BZK", 6));
        var audit = await _hosts.Workflow.Services.GetRequiredService<AuditLog>().ListAsync(next, 100, CancellationToken.None);
        Assert.Single(audit, a => a.Action == AuditActions.LastYearAdopted);
        // Counting the same note as well is refused: it took last year's text over already.
        Assert.Equal(HttpStatusCode.Conflict, (await _hosts.Api.Http.PostAsJsonAsync($"/api/rounds/{next}/notes/{noteId}/count", new { pillar = 5 })).StatusCode);

        // The approved round's next year exists now: a second "volgende ronde" is refused and starts nothing.
        var twice = await _hosts.Api.Http.PostAsync($"/api/rounds/{previous.RoundId}/next", JsonBodies.Empty());
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains($"Ronde '{next}' bestaat al", (await WebhookDriver.JsonAsync(twice)).GetProperty("detail").GetString());
        Assert.Equal(3, (await _hosts.Workflow.Outbox.ListAsync(next)).Count(m => m.Mail.Kind == MailKind.Request));
    }

    [Fact]
    public async Task Next_on_a_round_that_is_not_approved_is_a_409_in_Dutch_and_next_on_an_unknown_round_a_404()
    {
        var collecting = await StartAsync($"ny-{Guid.NewGuid():N}"[..16], 2027);

        var refused = await _hosts.Api.Http.PostAsync($"/api/rounds/{collecting}/next", JsonBodies.Empty());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await WebhookDriver.JsonAsync(refused);
        Assert.Equal($"Ronde '{collecting}' is niet goedgekeurd (fase verzamelen); de ronde van volgend jaar begint bij een definitieve brief.",
            problem.GetProperty("detail").GetString());
        Assert.Null(await _hosts.Workflow.Client.GetInstanceAsync($"{_definition}-2028"));

        var unknown = await _hosts.Api.Http.PostAsync($"/api/rounds/ny-onbekend/next", JsonBodies.Empty());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Er is geen ronde 'ny-onbekend'.", (await WebhookDriver.JsonAsync(unknown)).GetProperty("detail").GetString());
    }

    /// <summary>A round of 2027 with SZW, BZK and BHOS, every text in by reply, approved, its final letter stored.</summary>
    private async Task<RoundPlan> ApprovedRoundAsync()
    {
        var roundId = await StartAsync($"ny-{Guid.NewGuid():N}"[..16], 2027);
        foreach (var ministry in LastYear.Select(t => t.Ministry).Distinct())
        {
            var body = string.Concat(LastYear.Where(t => t.Ministry == ministry).Select(t => $"Pijler {t.Pillar}\n\n{t.Text}\n\n")) + "Met vriendelijke groet,\n\nBeleidsmedewerker\n";
            var answer = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(await _hosts.Driver.ReplyAddressAsync(roundId, ministry), $"officer@{ministry.ToLowerInvariant()}.example", body));
            Assert.Equal("accepted", answer.GetProperty("outcome").GetString());
        }
        await _hosts.Driver.WaitForPhaseAsync(roundId, RoundPhase.Reviewing);
        var approve = await _hosts.Api.Http.PostAsync($"/api/rounds/{roundId}/approve", JsonBodies.Empty());
        Assert.True(approve.IsSuccessStatusCode, await approve.Content.ReadAsStringAsync());
        await Eventually.WaitAsync(() => _hosts.Workflow.Client.GetInstanceAsync(roundId, getInputsAndOutputs: true),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, WebhookDriver.Patience, "the approved round completed");
        Assert.Equal(RoundPhase.Approved, (await _hosts.Driver.ViewAsync(roundId)).GetProperty("phase").GetString());
        return (await _hosts.Workflow.Client.GetInstanceAsync(roundId, getInputsAndOutputs: true))!.ReadInputAs<RoundPlan>()!;
    }

    private async Task<string> StartAsync(string roundId, int year)
    {
        var spec = SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddDays(7), Quiet,
            SampleRounds.Ministry("SZW", 5, 6), SampleRounds.Ministry("BZK", 6), SampleRounds.Ministry("BHOS", 2)) with { DefinitionName = _definition, Year = year };
        var planned = _hosts.Workflow.Services.GetRequiredService<RoundPlanner>().Plan(spec, DateTimeOffset.UtcNow);
        Assert.True(planned.IsValid, string.Join("; ", planned.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        await _hosts.Workflow.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RoundOrchestrator), planned.Plan!, new StartOrchestrationOptions(roundId));
        await _hosts.Driver.WaitForPhaseAsync(roundId, RoundPhase.Collecting);
        return roundId;
    }

    /// <summary>The document's body paragraphs with text, as Word shows them.</summary>
    private static List<string> DocxParagraphs(byte[] content)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(content), false);
        return document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
    }
}
