using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.IntegrationTests.Intake;
using MigrationAgenda.Mail;
using MigrationAgenda.Retention;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Retention;

/// <summary>
/// POST /api/rounds/{id}/purge-personal-data on Azurite and the real engine, in App Service Authentication mode: a round
/// with a contribution, a note, a stranger's quarantined mail, outbox copies, a bounce and a signed-in approver is
/// approved; before, the route refuses the running round (409) and a caller without the coordinator role (403); after,
/// no address, subject or mail text of the round is left in any of its table rows or blobs, the raw mail and the
/// outbox copies are gone, the orchestration history is purged, and the letter is still served with the contribution's
/// text in it; the audit keeps every entry with its actors as hashes. A second purge changes nothing.
/// </summary>
[Collection("Azurite")]
public sealed partial class PurgePersonalDataTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "purge-secret";
    private const string LetterText = "Het kabinet zet de samenwerking met gemeenten over arbeidsmigratie voort.";
    private const string NoteText = "Dank, wij leveren vrijdag aan.";
    private const string StrangerText = "Onbekende afzender stuurt deze zin.";
    private const string StrangerSubject = "Vraag over de voortgangsbrief";

    private static readonly (string Upn, string Name, string Oid, string[] Roles) Coordinator =
        ("anna.jansen@minjenv.example", "Anna Jansen", "5f0c7a51-0000-4000-8000-000000000011", ["Coordinator"]);
    private static readonly (string Upn, string Name, string Oid, string[] Roles) Approver =
        (SampleRounds.Approver.Email, "Directeur-generaal Migratie", "5f0c7a51-0000-4000-8000-000000000012", []);
    private static readonly (string Upn, string Name, string Oid, string[] Roles) Reader =
        ("lezer@minjenv.example", "Lies Lezer", "5f0c7a51-0000-4000-8000-000000000013", []);

    private readonly RecordingOperatorEvents _events = new();
    private WebhookHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await WebhookHosts.StartAsync(azurite, Secret, new Dictionary<string, string?> { ["Auth:Mode"] = "AppService" }, s => s.AddSingleton<IOperatorEvents>(_events));

    public Task DisposeAsync() => _hosts.DisposeAsync().AsTask();

    private StorageClients Storage => _hosts.Workflow.Storage;

    private Task<HttpResponseMessage> PostAsync(string url, (string Upn, string Name, string Oid, string[] Roles) who, string? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        ClientPrincipals.Add(request, who.Upn, who.Name, who.Oid, who.Roles);
        return _hosts.Api.Http.SendAsync(request);
    }

    private Task<HttpResponseMessage> GetAsync(string url, (string Upn, string Name, string Oid, string[] Roles) who)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        ClientPrincipals.Add(request, who.Upn, who.Name, who.Oid, who.Roles);
        return _hosts.Api.Http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_finished_rounds_addresses_and_mail_texts_are_gone_and_its_letter_and_anonymised_audit_stay()
    {
        var schedule = new ScheduleSpec { Reminders = [], Escalations = [], CutOff = "PT5M", ApprovalTimeout = "PT5M", ApprovalReminders = 0, ReopenPeriod = "PT1M" };
        var round = await _hosts.Driver.StartRoundAsync(schedule, DateTimeOffset.UtcNow.AddHours(1), SampleRounds.Ministry("SZW", 5));
        var url = $"/api/rounds/{round}/purge-personal-data";

        // A running round keeps its contacts: 409, in Dutch, and nothing changed.
        var running = await JsonAsync(await PostAsync(url, Coordinator), HttpStatusCode.Conflict);
        Assert.Contains("nog niet afgerond", running.GetProperty("detail").GetString());

        var replyTo = await _hosts.Driver.ReplyAddressAsync(round, "SZW");
        Assert.Equal("note", (await _hosts.Driver.PostOkAsync(WebhookDriver.FromCorpus("p51-outlook-acknowledgement-nl.txt", replyTo))).GetProperty("outcome").GetString());
        var stranger = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(replyTo, "stranger@elders.example", StrangerText, StrangerSubject));
        Assert.Equal("quarantined", stranger.GetProperty("outcome").GetString());
        var accepted = await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(replyTo, "officer@szw.example", $"Pijler 5\r\n\r\n{LetterText}\r\n\r\nMet vriendelijke groet,\r\nPiet Pieters"));
        Assert.Equal("accepted", accepted.GetProperty("outcome").GetString());
        await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Reviewing, draft: 1);
        await _hosts.Workflow.Services.GetRequiredService<MailEventStore>().AddAsync(new MailEvent
        {
            EventId = $"purge-{round}", Event = MailEvent.Bounce, Type = "bounce", Email = "head@szw.example", At = DateTimeOffset.UtcNow,
            RoundId = round, Ministry = "SZW", Kind = MailKind.Request, Reason = "550 5.1.1 head@szw.example: user unknown",
        }, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync($"/api/rounds/{round}/approve", Approver, "{}")).StatusCode);
        await Eventually.WaitAsync(() => _hosts.Workflow.Client.GetInstanceAsync(round), i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            WebhookDriver.Patience, "the approved round completes");
        var archives = await ArchiveNamesAsync(round);
        Assert.True(archives.Count >= 3, $"three archived mails, found {archives.Count}");
        Assert.NotEmpty(await BlobNamesAsync(StorageClients.OutboxContainer, OutboxFormat.RoundPrefix(round)));
        // Before: the round's rows are full of addresses and mail text (so the check after can find them).
        var before = await RoundTextAsync(round);
        Assert.Contains("officer@szw.example", before);
        Assert.Contains(StrangerSubject, before);
        Assert.Contains(NoteText, before);
        Assert.Contains(Approver.Upn, before);

        // Only a coordinator may purge.
        var forbidden = await JsonAsync(await PostAsync(url, Reader), HttpStatusCode.Forbidden);
        Assert.Contains("persoonsgegevens", forbidden.GetProperty("detail").GetString());
        Assert.NotNull(await _hosts.Workflow.Client.GetInstanceAsync(round));

        var report = await JsonAsync(await PostAsync(url, Coordinator), HttpStatusCode.OK);
        Assert.Equal(round, report.GetProperty("roundId").GetString());
        Assert.Equal(archives.Count, report.GetProperty("archivedMails").GetInt32());
        Assert.True(report.GetProperty("history").GetBoolean());
        Assert.True(report.GetProperty("outboxCopies").GetInt32() >= 3);
        Assert.True(report.GetProperty("inboundMessages").GetInt32() >= 3);
        Assert.Equal(1, report.GetProperty("notes").GetInt32());
        Assert.Equal(1, report.GetProperty("mailEvents").GetInt32());

        // After: no address, subject or mail text in any row of the round; the raw mail and the outbox copies gone.
        var after = await RoundTextAsync(round);
        var addresses = AddressPattern().Matches(after).Select(m => m.Value).Distinct().ToList();
        Assert.True(addresses.Count == 0, "addresses left: " + string.Join(", ", addresses));
        foreach (var text in new[] { StrangerText, StrangerSubject, NoteText, "Re: Verzoek bijdrage", "Piet Pieters", Coordinator.Name, Approver.Name, "Beleidsmedewerker SZW" })
            Assert.True(!after.Contains(text, StringComparison.Ordinal), $"'{text}' left in the round's rows");
        Assert.Contains(new AddressHasher(HashKey()).Hash("officer@szw.example"), after);
        foreach (var name in archives)
            Assert.False((await Storage.Container(StorageClients.InboundContainer).GetBlobClient(name).ExistsAsync()).Value, $"archived mail {name} left");
        Assert.Empty(await BlobNamesAsync(StorageClients.OutboxContainer, OutboxFormat.RoundPrefix(round)));
        Assert.Null(await _hosts.Workflow.Client.GetInstanceAsync(round));

        // The letter stays, with the contribution's text, and the round still reads as approved.
        using (var letter = await GetAsync($"/api/rounds/{round}/letter?format=md", Coordinator))
        {
            Assert.Equal(HttpStatusCode.OK, letter.StatusCode);
            Assert.Contains(LetterText, await letter.Content.ReadAsStringAsync());
        }
        Assert.Contains(LetterText, after);
        var status = await JsonAsync(await GetAsync($"/api/rounds/{round}", Coordinator), HttpStatusCode.OK);
        Assert.Equal(RoundPhase.Approved, status.GetProperty("phase").GetString());

        // The audit keeps every entry, anonymised: the approver's approval by hash, the purge itself by the coordinator's hash.
        var audit = await _hosts.Workflow.Services.GetRequiredService<AuditLog>().ListAllAsync(round, CancellationToken.None);
        var hasher = new AddressHasher(HashKey());
        Assert.Contains(audit, e => e.Action == AuditActions.Command(RoundCommandKind.Approve) && e.Actor == hasher.Hash(Approver.Upn));
        var purged = Assert.Single(audit, e => e.Action == AuditActions.PersonalDataPurged);
        Assert.Equal(hasher.Hash(Coordinator.Upn), purged.Actor);
        Assert.Null(purged.ActorName);
        Assert.Contains(audit, e => e.Action == AuditActions.MailQuarantined && e.Detail.Contains(PersonalData.Removed, StringComparison.Ordinal));
        Assert.All(audit, e => Assert.True(e.ActorName is null or PersonalData.Removed, $"{e.Action}: {e.ActorName}"));
        var tracked = Assert.Single(_events.Events, e => e.Name == TelemetryNames.PersonalDataPurged);
        Assert.Equal((round, RoundDataPurge.TriggerRequest, "1"), (tracked.Properties[TelemetryNames.Properties.RoundId], tracked.Properties[TelemetryNames.Properties.Trigger], tracked.Properties["History"]));

        // Again: nothing left to change (and one more audit entry saying so).
        var again = await JsonAsync(await PostAsync(url, Coordinator), HttpStatusCode.OK);
        foreach (var count in new[] { "inboundMessages", "archivedMails", "notes", "mailEvents", "auditEntries", "contributions", "outboxCopies", "mailLedger" })
            Assert.True(again.GetProperty(count).GetInt32() == 0, $"{count}: {again.GetProperty(count)}");
        Assert.False(again.GetProperty("history").GetBoolean());
    }

    [Fact]
    public async Task An_unknown_round_is_404_and_a_cross_site_post_is_refused()
    {
        var unknown = await JsonAsync(await PostAsync("/api/rounds/bestaat-niet/purge-personal-data", Coordinator), HttpStatusCode.NotFound);
        Assert.Contains("bestaat-niet", unknown.GetProperty("detail").GetString());

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/rounds/bestaat-niet/purge-personal-data");
        ClientPrincipals.Add(request, Coordinator.Upn, Coordinator.Name, Coordinator.Oid, Coordinator.Roles);
        request.Headers.Add("Origin", "https://elders.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await _hosts.Api.Http.SendAsync(request)).StatusCode);
    }

    private byte[] HashKey() => System.Security.Cryptography.HMACSHA256.HashData(
        Encoding.UTF8.GetBytes(WorkflowHost.SigningKey), Encoding.UTF8.GetBytes(AddressHasher.DerivationLabel));

    /// <summary>Every string value of every row that belongs to the round, in every table the app keeps (tag: table name).</summary>
    private async Task<string> RoundTextAsync(string round)
    {
        var text = new StringBuilder();
        foreach (var table in new[] { StorageClients.RoundsTable, StorageClients.AssignmentsTable, StorageClients.ContributionsTable, StorageClients.AuditTable,
                     StorageClients.MailEventsTable, StorageClients.NotesTable, StorageClients.MailTable })
            await foreach (var e in Storage.Table(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {round}")))
                Append(text, table, e);
        await foreach (var e in Storage.Table(StorageClients.InboundTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RoundId eq {round}")))
            Append(text, StorageClients.InboundTable, e);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string table, TableEntity e)
    {
        foreach (var (key, value) in e)
            if (value is string s && key is not ("odata.etag"))
                text.Append(table).Append('.').Append(key).Append('=').Append(s).Append('\n');
    }

    private async Task<List<string>> ArchiveNamesAsync(string round)
    {
        var names = new List<string>();
        await foreach (var e in Storage.Table(StorageClients.InboundTable).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RoundId eq {round}")))
            if (e.GetString("ArchiveBlob") is { Length: > 0 } blob)
                names.Add(blob);
        return names.Distinct().ToList();
    }

    private async Task<List<string>> BlobNamesAsync(string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in Storage.Container(container).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
            names.Add(blob.Name);
        return names;
    }

    // The test's addresses are all on .example domains (reply addresses on inbound.migratieagenda.example included).
    [GeneratedRegex(@"[A-Za-z0-9._%+=-]+@[A-Za-z0-9.-]+\.example\b")]
    private static partial Regex AddressPattern();
}
