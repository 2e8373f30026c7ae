using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// Notes ("dank, wij leveren vrijdag aan", "geen wijzigingen", one short sentence) and forwards through the webhook:
/// kept on the round, never letter text, the round keeps chasing; the coordinator's "tel mee als bijdrage voor pijler N"
/// stores what intake reads for that pillar, once, and the round stops chasing it.
/// </summary>
[Collection("Azurite")]
public sealed class NoteWebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "note-secret";
    private WebhookHosts _hosts = null!;
    private readonly RecordingOperatorEvents _events = new();

    public async Task InitializeAsync() => _hosts = await WebhookHosts.StartAsync(azurite, Secret, api: s => s.AddSingleton<IOperatorEvents>(_events));

    public Task DisposeAsync() => _hosts.DisposeAsync().AsTask();

    private ContributionStore Contributions => _hosts.Workflow.Services.GetRequiredService<ContributionStore>();

    [Fact]
    public async Task An_acknowledgement_is_a_note_on_the_round_and_the_round_keeps_chasing()
    {
        // Reminders 4 s apart from now on, so "keeps chasing" is a reminder after the note.
        var schedule = new ScheduleSpec { Reminders = ["PT12S", "PT8S", "PT4S"], Escalations = [], CutOff = "PT1M", ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M" };
        var round = await _hosts.Driver.StartRoundAsync(schedule, DateTimeOffset.UtcNow.AddSeconds(16), SampleRounds.Ministry("SZW"), SampleRounds.Ministry("BZK"));
        var replyTo = await _hosts.Driver.ReplyAddressAsync(round, "SZW");

        var answer = await _hosts.Driver.PostOkAsync(WebhookDriver.FromCorpus("p51-outlook-acknowledgement-nl.txt", replyTo));
        Assert.Equal("note", answer.GetProperty("outcome").GetString());
        Assert.Equal("NoteAcknowledgement", answer.GetProperty("reasonCode").GetString());
        Assert.Equal("Bevestiging of toezegging, bewaard als notitie; herinneringen gaan door.", answer.GetProperty("reason").GetString());
        var id = answer.GetProperty("id").GetString()!;
        var mark = (await _hosts.Driver.SentAsync(round)).Count;

        await _hosts.Driver.WaitForMailAsync(round, m => m.Skip(mark).Any(s => s.Kind == nameof(MailKind.Reminder) && s.Ministry == "SZW"), "a reminder to SZW after its note");
        Assert.Empty(await Contributions.ListAsync(round, CancellationToken.None));
        var view = await _hosts.Driver.ViewAsync(round);
        Assert.Equal("missing", WebhookDriver.PillarState(view, "SZW", 5));
        var note = Assert.Single(view.GetProperty("notes").EnumerateArray());
        Assert.Equal((id, "note", "SZW"), (note.GetProperty("id").GetString(), note.GetProperty("kind").GetString(), note.GetProperty("ministry").GetString()));
        Assert.Equal("Dank, wij leveren vrijdag aan.", note.GetProperty("text").GetString());
        Assert.False(note.GetProperty("noChanges").GetBoolean());
        Assert.Equal("note", Assert.Single(view.GetProperty("messages").EnumerateArray()).GetProperty("outcome").GetString());
        Assert.Equal(["note"], _events.For(TelemetryNames.InboundSettled, id, TelemetryNames.Properties.Outcome));
        // Nothing goes back to a note's writer.
        Assert.DoesNotContain(await _hosts.Driver.SentAsync(round), m => m.Kind == nameof(MailKind.QuarantineNotice));
    }

    [Fact]
    public async Task A_note_counted_as_a_pillar_stops_the_chasing_once_and_counting_again_changes_nothing()
    {
        // Reminders 4 s apart from now on, so "stops chasing" is a reminder to the other ministry and none to BZK.
        var schedule = new ScheduleSpec { Reminders = ["PT20S", "PT16S", "PT12S", "PT8S", "PT4S"], Escalations = [], CutOff = "PT1M", ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M" };
        var round = await _hosts.Driver.StartRoundAsync(schedule, DateTimeOffset.UtcNow.AddSeconds(24), SampleRounds.Ministry("BZK"), SampleRounds.Ministry("SZW"));
        var replyTo = await _hosts.Driver.ReplyAddressAsync(round, "BZK");

        // One short sentence for BZK's one pillar: held as a note, not guessed into the letter.
        var answer = await _hosts.Driver.PostOkAsync(WebhookDriver.FromCorpus("p55-short-text-single-pillar.txt", replyTo));
        Assert.Equal(("note", "NoteShort"), (answer.GetProperty("outcome").GetString(), answer.GetProperty("reasonCode").GetString()));
        var id = answer.GetProperty("id").GetString()!;
        Assert.Empty(await Contributions.ListAsync(round, CancellationToken.None));

        // Refused: a pillar BZK does not write, and an id the round does not know.
        var wrongPillar = await _hosts.Driver.Http.PostAsJsonAsync($"/api/rounds/{round}/notes/{id}/count", new { pillar = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, wrongPillar.StatusCode);
        Assert.Contains("BZK schrijft pijler 6", (await WebhookDriver.JsonAsync(wrongPillar)).GetProperty("errors").GetProperty("pillar")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _hosts.Driver.Http.PostAsJsonAsync($"/api/rounds/{round}/notes/{new string('a', 64)}/count", new { pillar = 6 })).StatusCode);

        // Counted twice at once and once more: one version, one event, one audit line; the same answer each time.
        var counts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _hosts.Driver.Http.PostAsJsonAsync($"/api/rounds/{round}/notes/{id}/count", new { pillar = 6 })));
        Assert.All(counts, c => Assert.True(c.IsSuccessStatusCode, $"count answered {(int)c.StatusCode}"));
        Assert.Single(counts, c => c.StatusCode == HttpStatusCode.Created);
        var again = await _hosts.Driver.Http.PostAsJsonAsync($"/api/rounds/{round}/notes/{id}/count", new { pillar = 6 });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var againBody = await WebhookDriver.JsonAsync(again);
        Assert.True(againBody.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, againBody.GetProperty("versions")[0].GetProperty("version").GetInt32());

        var stored = Assert.Single(await Contributions.ListAsync(round, CancellationToken.None));
        Assert.Equal(("BZK", 6, 1), (stored.Ministry, stored.Pillar, stored.Version));
        Assert.Equal("De handreiking huisvesting vergunninghouders is in december 2026 aan alle gemeenten verstuurd.", stored.Text);
        var status = await Eventually.WaitAsync(async () => RoundState.CustomStatus(await _hosts.Workflow.Client.GetInstanceAsync(round, getInputsAndOutputs: true)),
            s => s?.Ministries.Single(m => m.Ministry == "BZK").Missing.Count == 0, WebhookDriver.Patience, "pillar 6 of BZK received by the round");
        Assert.NotEmpty(status!.Ministries.Single(m => m.Ministry == "SZW").Missing);
        var audit = await _hosts.Workflow.Services.GetRequiredService<AuditLog>().ListAsync(round, 100, CancellationToken.None);
        Assert.Single(audit, a => a.Action == AuditActions.NoteCounted);
        Assert.Single(audit, a => a.Action == AuditActions.ContributionReceived);

        // Another pillar is refused once counted; the round stops reminding BZK but still reminds SZW.
        var mark = (await _hosts.Driver.SentAsync(round)).Count;
        await _hosts.Driver.WaitForMailAsync(round, m => m.Skip(mark).Any(s => s.Kind == nameof(MailKind.Reminder) && s.Ministry == "SZW"), "the next reminder to SZW");
        Assert.DoesNotContain((await _hosts.Driver.SentAsync(round)).Skip(mark), s => s.Kind == nameof(MailKind.Reminder) && s.Ministry == "BZK");
        var view = await _hosts.Driver.ViewAsync(round);
        Assert.Equal("received", WebhookDriver.PillarState(view, "BZK", 6));
        var note = Assert.Single(view.GetProperty("notes").EnumerateArray());
        Assert.Equal(6, note.GetProperty("countedPillar").GetInt32());
        Assert.Equal("6:1", note.GetProperty("versions").GetString());
    }

    [Fact]
    public async Task Geen_wijzigingen_is_flagged_and_a_forward_keeps_its_covering_note_next_to_the_contribution()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("SZW"), SampleRounds.Ministry("BZK"));

        var noChanges = await _hosts.Driver.PostOkAsync(WebhookDriver.FromCorpus("p53-no-changes-nl.txt", await _hosts.Driver.ReplyAddressAsync(round, "SZW")));
        Assert.Equal(("note", "NoChanges"), (noChanges.GetProperty("outcome").GetString(), noChanges.GetProperty("reasonCode").GetString()));
        Assert.Contains("Geen wijzigingen ten opzichte van vorig jaar voor pijlers 5 en 6", noChanges.GetProperty("reason").GetString());

        // The forward: the colleague's text is the contribution, without its header block; the covering lines are a note.
        var forward = await _hosts.Driver.PostOkAsync(WebhookDriver.FromCorpus("p58-gmail-forward-nl.txt", await _hosts.Driver.ReplyAddressAsync(round, "BZK")));
        Assert.Equal("accepted", forward.GetProperty("outcome").GetString());
        var stored = Assert.Single(await Contributions.ListAsync(round, CancellationToken.None));
        Assert.Equal(("BZK", 6), (stored.Ministry, stored.Pillar));
        Assert.Equal(IntakeCorpus.P6 + "\n\n" + IntakeCorpus.P6b, stored.Text);

        var view = await _hosts.Driver.ViewAsync(round);
        var notes = view.GetProperty("notes").EnumerateArray().ToList();
        var flagged = notes.Single(n => n.GetProperty("ministry").GetString() == "SZW");
        Assert.True(flagged.GetProperty("noChanges").GetBoolean());
        Assert.Equal([5, 6], flagged.GetProperty("unchangedPillars").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("Geen wijzigingen ten opzichte van vorig jaar.", flagged.GetProperty("text").GetString());
        var covering = notes.Single(n => n.GetProperty("ministry").GetString() == "BZK");
        Assert.Equal("covering", covering.GetProperty("kind").GetString());
        Assert.True(covering.GetProperty("forwarded").GetBoolean());
        Assert.Equal("Ter info: Els heeft de tekst voor pijler 6 geschreven, ik stuur hem door.", covering.GetProperty("text").GetString());
        Assert.Equal("6:1", covering.GetProperty("versions").GetString());
        Assert.Equal("Begeleidende tekst bij een doorgestuurde bijdrage, bewaard als notitie.", covering.GetProperty("reason").GetString());

        // A covering note came with a stored text: it does not count a second time.
        var refused = await _hosts.Driver.Http.PostAsJsonAsync($"/api/rounds/{round}/notes/{covering.GetProperty("id").GetString()}/count", new { pillar = 6 });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Single(await Contributions.ListAsync(round, CancellationToken.None));
    }

    [Fact]
    public async Task A_quarantine_release_stores_the_stripped_text_never_the_raw_body()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("SZW"));
        var replyTo = await _hosts.Driver.ReplyAddressAsync(round, "SZW");
        // From a private address (quarantined), with a signature and the quoted request below the text.
        var body = "Pijler 5\n\nDe regeling voor kennismigranten is in 2026 vereenvoudigd.\n\nPijler 6\n\nDe Wet inburgering 2021 loopt volgens plan.\n\n"
            + "Met vriendelijke groet,\n\nJan de Vries\nBeleidsmedewerker\nMinisterie van Sociale Zaken en Werkgelegenheid\n\n"
            + "Op 4 jan. 2027 om 09:00 schreef Coördinatie Migratieagenda <migratieagenda@jenv.example>:\n> Beste collega,\n> Wij ontvangen uw bijdrage graag uiterlijk 15 januari.\n";
        var quarantined = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(replyTo, "jan@thuis.example", body));
        Assert.Equal(("quarantined", "UnknownSender"), (quarantined.GetProperty("outcome").GetString(), quarantined.GetProperty("reasonCode").GetString()));
        var id = quarantined.GetProperty("id").GetString()!;
        var inbound = _hosts.Workflow.Services.GetRequiredService<InboundStore>();
        Assert.Equal(InboundOutcomes.Quarantined, (await inbound.GetAsync(id, CancellationToken.None))!.Outcome);

        var release = await _hosts.Driver.Http.PostAsJsonAsync($"/api/inbound/quarantine/{id}/release", new { roundId = round, ministry = "SZW", pillar = 6 });
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        var stored = Assert.Single(await Contributions.ListAsync(round, CancellationToken.None));
        Assert.Equal((6, "De Wet inburgering 2021 loopt volgens plan."), (stored.Pillar, stored.Text));
        // Released in its row, which puts the archive back under the raw-mail retention.
        Assert.Equal(InboundOutcomes.Released, (await inbound.GetAsync(id, CancellationToken.None))!.Outcome);
        Assert.Equal(["quarantined", "released"], _events.For(TelemetryNames.InboundSettled, id, TelemetryNames.Properties.Outcome));
    }
}
