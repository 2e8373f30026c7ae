using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Http;

/// <summary>
/// The coordinator's contacts list per report definition over HTTP (Kestrel, Azurite, the real engine): validation
/// per field, optimistic concurrency with ETags, and rounds that take their contacts from it at start and keep them.
/// Each test class run has a definition of its own (the IMA definition under another name, without example contacts).
/// </summary>
[Collection("Azurite")]
public sealed class ContactsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _definition = $"ct{Guid.NewGuid():N}"[..12];
    private WorkflowHost _workflow = null!;
    private ApiHost _api = null!;
    private HttpClient Http => _api.Http;

    public async Task InitializeAsync()
    {
        _workflow = await WorkflowHost.StartAsync(azurite, new Dictionary<string, string?> { [DefinitionCatalog.FolderSetting] = TestDefinitions.Folder(_definition) });
        _api = await ApiHost.StartAsync(_workflow);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _workflow.DisposeAsync();
    }

    private string Url(string ministry) => $"/api/definitions/{_definition}/contacts/{ministry}";

    private static object Entry(string email, string? escalation = null, params string[] senders) => new
    {
        contacts = escalation is null
            ? new object[] { new { level = 0, name = "Beleidsmedewerker", email } }
            : [new { level = 0, name = "Beleidsmedewerker", email }, new { level = 1, name = "Afdelingshoofd", email = escalation }],
        allowedSenders = senders.Length > 0 ? senders : [email[(email.IndexOf('@') + 1)..]],
    };

    private async Task<HttpResponseMessage> PutAsync(string ministry, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Url(ministry))
        {
            Content = new StringContent(JsonSerializer.Serialize(body, JsonDefaults.Options), Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> DeleteAsync(string ministry, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, Url(ministry));
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await Http.SendAsync(request);
    }

    private async Task<JsonElement> ListAsync() =>
        JsonDocument.Parse(await Http.GetStringAsync($"/api/definitions/{_definition}/contacts")).RootElement;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    private static JsonElement Ministry(JsonElement list, string code) =>
        list.GetProperty("ministries").EnumerateArray().Single(m => m.GetProperty("code").GetString() == code);

    private Task<IReadOnlyList<OutboxMessage>> RequestsAsync(string roundId, int count) =>
        Eventually.WaitAsync(() => _workflow.Outbox.ListAsync(roundId), m => m.Count(x => x.Mail.Kind == MailKind.Request) >= count,
            TimeSpan.FromSeconds(30), $"{count} requests of {roundId}");

    private async Task<JsonElement> WaitForPhaseAsync(string id, string phase) =>
        await Eventually.WaitAsync(async () => JsonDocument.Parse(await Http.GetStringAsync($"/api/rounds/{id}")).RootElement,
            s => s.GetProperty("phase").GetString() == phase, TimeSpan.FromSeconds(45), $"{id} in {phase}");

    private RoundSpec FromList(string id) =>
        SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(30)) with { DefinitionName = _definition, Ministries = null };

    [Fact]
    public async Task Every_bad_field_is_named_in_Dutch_and_nothing_is_stored()
    {
        var bad = new
        {
            contacts = new object?[]
            {
                new { level = 1, name = "Hoofd", email = "geen-adres" },
                new { level = 1, name = "Ander hoofd", email = "hoofd@bzk.example" },
                new { name = "Zonder niveau", email = "x@bzk.example" },
                new { level = 12, email = "  " },
            },
            allowedSenders = new[] { "bzk.example", "niet een domein!" },
        };
        var problem = await JsonAsync(await PutAsync("BZK", bad), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("'geen-adres' is geen geldig e-mailadres", errors.GetProperty("contacts[0].email")[0].GetString());
        Assert.Contains("Verplicht: het niveau", errors.GetProperty("contacts[2].level")[0].GetString());
        Assert.Contains("tot en met 9", errors.GetProperty("contacts[3].level")[0].GetString());
        Assert.Contains("Verplicht: het e-mailadres", errors.GetProperty("contacts[3].email")[0].GetString());
        Assert.Contains("'niet een domein!' is geen e-mailadres of domein", errors.GetProperty("allowedSenders[1]")[0].GetString());
        var overall = errors.GetProperty("contacts").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(overall, m => m.Contains("niveau 0", StringComparison.Ordinal));
        Assert.Contains(overall, m => m.Contains("Niveau 1 komt meer dan eens voor", StringComparison.Ordinal));

        var empty = await JsonAsync(await PutAsync("BZK", new { contacts = Array.Empty<object>(), allowedSenders = Array.Empty<string>() }), HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("allowedSenders", out _));
        Assert.Contains("Verplicht", empty.GetProperty("errors").GetProperty("contacts")[0].GetString());

        Assert.Contains("kent geen ministerie 'XYZ'", (await JsonAsync(await PutAsync("XYZ", Entry("a@xyz.example")), HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        Assert.Contains("Er is geen rapportdefinitie", (await JsonAsync(await Http.GetAsync("/api/definitions/bestaat-niet/contacts"), HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        using var malformed = new StringContent("{\"contacts\": [,]}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.PutAsync(Url("BZK"), malformed)).StatusCode);

        var list = await ListAsync();
        Assert.False(list.GetProperty("listInUse").GetBoolean());
        Assert.Equal(JsonValueKind.Null, Ministry(list, "BZK").GetProperty("entry").ValueKind);
    }

    [Fact]
    public async Task A_stale_version_is_a_409_in_Dutch_and_the_newer_edit_stands()
    {
        var created = await JsonAsync(await PutAsync("SZW", Entry(" integratie@szw.example ", "hoofd@szw.example")), HttpStatusCode.Created);
        var first = created.GetProperty("etag").GetString()!;
        Assert.Equal("integratie@szw.example", created.GetProperty("contacts")[0].GetProperty("email").GetString());
        Assert.Equal("lokaal", created.GetProperty("changedBy").GetString());

        // Creating again (no If-Match) does not overwrite what someone else created.
        Assert.Contains("staat intussen al", (await JsonAsync(await PutAsync("SZW", Entry("ander@szw.example")), HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        var changed = await JsonAsync(await PutAsync("SZW", Entry("arbeidsmigratie@szw.example", "hoofd@szw.example"), first), HttpStatusCode.OK);
        var second = changed.GetProperty("etag").GetString()!;
        Assert.NotEqual(first, second);

        // A second coordinator still holding the first version: refused, told who changed it, shown what is there now.
        var stale = await JsonAsync(await PutAsync("SZW", Entry("oud@szw.example"), first), HttpStatusCode.Conflict);
        Assert.Contains("intussen gewijzigd door lokaal", stale.GetProperty("detail").GetString());
        Assert.Contains("niet opgeslagen", stale.GetProperty("detail").GetString());
        Assert.Equal("arbeidsmigratie@szw.example", stale.GetProperty("current").GetProperty("contacts")[0].GetProperty("email").GetString());
        Assert.Equal(second, stale.GetProperty("current").GetProperty("etag").GetString());
        var entry = Ministry(await ListAsync(), "SZW").GetProperty("entry");
        Assert.Equal("arbeidsmigratie@szw.example", entry.GetProperty("contacts")[0].GetProperty("email").GetString());

        Assert.Contains("If-Match", (await JsonAsync(await DeleteAsync("SZW", null), HttpStatusCode.PreconditionRequired)).GetProperty("detail").GetString());
        Assert.Contains("intussen gewijzigd", (await JsonAsync(await DeleteAsync("SZW", first), HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync("SZW", second)).StatusCode);
        Assert.Contains("verwijderd", (await JsonAsync(await PutAsync("SZW", Entry("laat@szw.example"), second), HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, Ministry(await ListAsync(), "SZW").GetProperty("entry").ValueKind);

        // Who changed what is kept, under the definition.
        var audit = await _workflow.Services.GetRequiredService<AuditLog>().ListAllAsync(AuditLog.DefinitionPartition(_definition), CancellationToken.None);
        Assert.Equal(3, audit.Count(e => e.Action == AuditActions.ContactsChanged && e.Detail.StartsWith("SZW:", StringComparison.Ordinal)));
        Assert.All(audit, e => Assert.Equal("lokaal", e.Actor));
    }

    [Fact]
    public async Task A_round_without_contacts_of_its_own_takes_the_list_and_keeps_it_when_the_list_changes()
    {
        var list = await ListAsync();
        var codes = list.GetProperty("ministries").EnumerateArray().Where(m => m.GetProperty("pillars").GetArrayLength() > 0)
            .Select(m => m.GetProperty("code").GetString()!).ToList();
        Assert.All(codes, c => Assert.Equal("None", Ministry(list, c).GetProperty("atStart").GetProperty("origin").GetString()));
        var nothing = await JsonAsync(await Http.PostAsync("/api/rounds", Json(FromList($"none-{Guid.NewGuid():N}"[..20]))), HttpStatusCode.BadRequest);
        Assert.Contains("geen contactpersoon", nothing.GetProperty("errors").GetProperty("ministries")[0].GetString());

        // Once the list is in use, a ministry missing from it is named; example contacts never fill the gap.
        await JsonAsync(await PutAsync(codes[0], Entry($"lijst@{codes[0].ToLowerInvariant()}.example")), HttpStatusCode.Created);
        var partial = await JsonAsync(await Http.PostAsync("/api/rounds", Json(FromList($"part-{Guid.NewGuid():N}"[..20]))), HttpStatusCode.BadRequest);
        var missing = partial.GetProperty("errors").GetProperty("ministries").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(codes.Count - 1, missing.Count);
        Assert.All(missing, m => Assert.Contains("staat niet in de contactenlijst", m));
        foreach (var code in codes.Skip(1))
            await JsonAsync(await PutAsync(code, Entry($"lijst@{code.ToLowerInvariant()}.example", $"hoofd@{code.ToLowerInvariant()}.example")), HttpStatusCode.Created);
        list = await ListAsync();
        Assert.All(codes, c => Assert.Equal("List", Ministry(list, c).GetProperty("atStart").GetProperty("origin").GetString()));

        var id = $"list-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync("/api/rounds", Json(FromList(id)))).StatusCode);
        var requests = await RequestsAsync(id, codes.Count);
        foreach (var code in codes)
            Assert.Equal([$"lijst@{code.ToLowerInvariant()}.example"], requests.Single(r => r.Mail.Kind == MailKind.Request && r.Mail.Ministry == code).Mail.To.Select(t => t.Email));

        // The list changes; the running round keeps what it started with, also for a later request.
        var bzk = Ministry(await ListAsync(), "BZK").GetProperty("entry");
        await JsonAsync(await PutAsync("BZK", Entry("nieuw@bzk.example"), bzk.GetProperty("etag").GetString()), HttpStatusCode.OK);
        var stored = await new RoundStore(_workflow.Storage).GetAsync(id, CancellationToken.None);
        Assert.Equal("lijst@bzk.example", stored!.Plan.FindParticipant("BZK")!.ContactFor(0).Email);
        Assert.Equal(["bzk.example"], stored.Plan.FindParticipant("BZK")!.AllowedSenders);
        await WaitForPhaseAsync(id, RoundPhase.Collecting);
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"/api/rounds/{id}/close", Json(new { }))).StatusCode);
        await WaitForPhaseAsync(id, RoundPhase.Reviewing);
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"/api/rounds/{id}/reopen", Json(new { ministry = "BZK", pillars = new[] { 6 } }))).StatusCode);
        requests = await RequestsAsync(id, codes.Count + 1);
        Assert.Equal(["lijst@bzk.example"], requests.Where(r => r.Mail.Kind == MailKind.Request && r.Mail.Ministry == "BZK").Last().Mail.To.Select(t => t.Email));
        Assert.DoesNotContain(requests, r => r.Mail.To.Any(t => t.Email == "nieuw@bzk.example"));

        // A spec with its own contacts still wins over the list.
        var own = $"own-{Guid.NewGuid():N}"[..20];
        var explicitSpec = SampleRounds.Spec(own, DateTimeOffset.UtcNow.AddMinutes(30), null, SampleRounds.Ministry("BZK")) with { DefinitionName = _definition };
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync("/api/rounds", Json(explicitSpec))).StatusCode);
        Assert.Equal(["officer@bzk.example"], (await RequestsAsync(own, 1)).Single().Mail.To.Select(t => t.Email));

        // A spec that names a ministry without contacts takes that ministry's list entry.
        var named = $"named-{Guid.NewGuid():N}"[..20];
        var namedSpec = SampleRounds.Spec(named, DateTimeOffset.UtcNow.AddMinutes(30), null, new MinistrySpec { Code = "BZK" }) with { DefinitionName = _definition };
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync("/api/rounds", Json(namedSpec))).StatusCode);
        Assert.Equal(["nieuw@bzk.example"], (await RequestsAsync(named, 1)).Single().Mail.To.Select(t => t.Email));

        foreach (var round in new[] { id, own, named })
            (await Http.PostAsync($"/api/rounds/{round}/cancel", Json(new { }))).Dispose();
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body, JsonDefaults.Options), Encoding.UTF8, "application/json");
}
