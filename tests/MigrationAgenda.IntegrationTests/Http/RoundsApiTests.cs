using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Http;

/// <summary>Every route of the HTTP API over Kestrel, with the real engine and Azurite behind it.</summary>
[Collection("Azurite")]
public sealed class RoundsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private WorkflowHost _workflow = null!;
    private ApiHost _api = null!;
    private HttpClient Http => _api.Http;

    public async Task InitializeAsync()
    {
        _workflow = await WorkflowHost.StartAsync(azurite);
        _api = await ApiHost.StartAsync(_workflow);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _workflow.DisposeAsync();
    }

    private static string NewId(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    private Task<HttpResponseMessage> PostJsonAsync(string url, object body) =>
        Http.PostAsync(url, new StringContent(JsonSerializer.Serialize(body, JsonDefaults.Options), Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.DoesNotContain("   at ", problem.ToString());
        return problem;
    }

    private async Task<JsonElement> StatusAsync(string id) =>
        JsonDocument.Parse(await Http.GetStringAsync($"/api/rounds/{id}")).RootElement;

    private Task<JsonElement> WaitForPhaseAsync(string id, string phase) =>
        Eventually.WaitAsync(() => StatusAsync(id), s => s.GetProperty("phase").GetString() == phase, TimeSpan.FromSeconds(45), $"{id} in {phase}");

    [Fact]
    public async Task A_round_runs_over_http_from_start_to_the_final_letter()
    {
        var id = NewId("http");
        var spec = SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(10));
        var started = await PostJsonAsync("/api/rounds", spec);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        // The answer describes the round as planned, although it is not stored yet.
        var planned = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2027, planned.GetProperty("year").GetInt32());
        Assert.Equal("ima", planned.GetProperty("definition").GetString());
        Assert.Equal(spec.Deadline!.Value, planned.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(RoundPhase.Starting, planned.GetProperty("phase").GetString());
        Assert.Equal("Starten", planned.GetProperty("phaseLabel").GetString());
        Assert.Equal(["BHOS", "BZK"], planned.GetProperty("ministries").EnumerateArray().Select(m => m.GetProperty("ministry").GetString()));
        Assert.All(planned.GetProperty("ministries").EnumerateArray(),
            m => Assert.All(m.GetProperty("pillars").EnumerateArray(), p => Assert.Equal("missing", p.GetProperty("state").GetString())));

        var again = await PostJsonAsync("/api/rounds", spec);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var other = await ProblemAsync(await PostJsonAsync("/api/rounds", spec with { Year = 2028 }), HttpStatusCode.Conflict);
        Assert.Contains(id, other.GetProperty("detail").GetString());
        Assert.Equal(id, other.GetProperty("status").GetProperty("roundId").GetString());

        await WaitForPhaseAsync(id, RoundPhase.Collecting);
        var tooEarly = await ProblemAsync(await Http.PostAsync($"/api/rounds/{id}/approve", new StringContent("", Encoding.UTF8, "application/json")), HttpStatusCode.Conflict);
        Assert.Contains("Collecting", tooEarly.GetProperty("detail").GetString());
        var noLetter = await ProblemAsync(await Http.GetAsync($"/api/rounds/{id}/letter"), HttpStatusCode.NotFound);
        Assert.Contains("nog geen brief", noLetter.GetProperty("detail").GetString());

        var first = await PostJsonAsync($"/api/rounds/{id}/contributions", new
        {
            ministry = "BHOS", pillar = 2, text = "Zo wordt maandelijks steun geboden aan 1.7 miljoen vluchtelingen.[^1]",
            footnotes = new[] { new { marker = "1", text = "Kamerstukken II 2019/20, 28638, nr. 176." } },
        });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var duplicate = await PostJsonAsync($"/api/rounds/{id}/contributions", new
        {
            ministry = "BHOS", pillar = 2, text = "Zo wordt maandelijks steun geboden aan 1.7 miljoen vluchtelingen.[^1]",
            footnotes = new[] { new { marker = "1", text = "Kamerstukken II 2019/20, 28638, nr. 176." } },
        });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.True(JsonDocument.Parse(await duplicate.Content.ReadAsStringAsync()).RootElement.GetProperty("duplicate").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, (await PostJsonAsync($"/api/rounds/{id}/contributions", new { ministry = "bzk", pillar = 6, text = "Tekst van BZK." })).StatusCode);

        var contributions = JsonDocument.Parse(await Http.GetStringAsync($"/api/rounds/{id}/contributions")).RootElement;
        Assert.Equal(2, contributions.GetArrayLength());

        var reviewing = await WaitForPhaseAsync(id, RoundPhase.Reviewing);
        var bhos = reviewing.GetProperty("ministries").EnumerateArray().Single(m => m.GetProperty("ministry").GetString() == "BHOS");
        var pillar = bhos.GetProperty("pillars")[0];
        Assert.Equal("received", pillar.GetProperty("state").GetString());
        Assert.Equal(1, pillar.GetProperty("version").GetInt32());

        var draft = await Http.GetAsync($"/api/rounds/{id}/letter?format=md");
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal("text/markdown", draft.Content.Headers.ContentType?.MediaType);
        Assert.Contains("1.7 miljoen", await draft.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync($"/api/rounds/{id}/approve", new { by = "dg@jenv.example" })).StatusCode);
        await Eventually.WaitAsync(() => StatusAsync(id), s => s.GetProperty("runtimeStatus").GetString() == "Completed", TimeSpan.FromSeconds(45), "completion");

        var docx = await Http.GetAsync($"/api/rounds/{id}/letter?format=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"Voortgangsbrief {id}.docx", docx.Content.Headers.ContentDisposition?.FileNameStar ?? docx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await docx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);

        var finished = await ProblemAsync(await Http.PostAsync($"/api/rounds/{id}/cancel", new StringContent("", Encoding.UTF8, "application/json")), HttpStatusCode.Conflict);
        Assert.Contains("afgerond", finished.GetProperty("detail").GetString());
        var late = await ProblemAsync(await PostJsonAsync($"/api/rounds/{id}/contributions", new { ministry = "BZK", pillar = 6, text = "Te laat." }), HttpStatusCode.Conflict);
        Assert.Contains("afgerond", late.GetProperty("detail").GetString());

        var list = JsonDocument.Parse(await Http.GetStringAsync("/api/rounds")).RootElement;
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("roundId").GetString() == id && r.GetProperty("phase").GetString() == RoundPhase.Approved);
        // What the coordinator's overview shows: progress and which letters exist.
        var item = list.EnumerateArray().Single(r => r.GetProperty("roundId").GetString() == id);
        Assert.True(item.GetProperty("hasDraft").GetBoolean());
        Assert.True(item.GetProperty("hasFinal").GetBoolean());
        Assert.True(item.GetProperty("pillarsRequired").GetInt32() > 0);
        Assert.InRange(item.GetProperty("pillarsIn").GetInt32(), 0, item.GetProperty("pillarsRequired").GetInt32());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_that_says_where()
    {
        var response = await Http.PostAsync("/api/rounds", new StringContent("{\"roundId\": \"x\",, }", Encoding.UTF8, "application/json"));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bad_specs_name_each_bad_field()
    {
        var spec = SampleRounds.Spec("Bad Id!", DateTimeOffset.UtcNow.AddDays(-1)) with { DefinitionName = "nope", Approver = new Contact { Email = "not-an-address" } };
        var problem = await ProblemAsync(await PostJsonAsync("/api/rounds", spec), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("roundId", errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("ima", errors.GetProperty("definitionName")[0].GetString());
        Assert.Contains("verleden", errors.GetProperty("deadline")[0].GetString());
        Assert.Contains("not-an-address", errors.GetProperty("approver.email")[0].GetString());
    }

    [Fact]
    public async Task Empty_and_duplicate_ministries_are_refused()
    {
        var empty = SampleRounds.Spec(NewId("empty"), DateTimeOffset.UtcNow.AddDays(1)) with { Ministries = [] };
        var problem = await ProblemAsync(await PostJsonAsync("/api/rounds", empty), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("ministries", out _));

        var twice = SampleRounds.Spec(NewId("twice"), DateTimeOffset.UtcNow.AddDays(1), null, SampleRounds.Ministry("BZK"), SampleRounds.Ministry("bzk"));
        problem = await ProblemAsync(await PostJsonAsync("/api/rounds", twice), HttpStatusCode.BadRequest);
        Assert.Contains("BZK", problem.GetProperty("errors").GetProperty("ministries")[0].GetString(), StringComparison.OrdinalIgnoreCase);

        var unknown = SampleRounds.Spec(NewId("unknown"), DateTimeOffset.UtcNow.AddDays(1), null, SampleRounds.Ministry("XYZ"));
        problem = await ProblemAsync(await PostJsonAsync("/api/rounds", unknown), HttpStatusCode.BadRequest);
        Assert.Contains("XYZ", problem.GetProperty("errors").GetProperty("ministries[0].code")[0].GetString());
    }

    [Fact]
    public async Task Unknown_rounds_are_404_on_every_route()
    {
        await ProblemAsync(await Http.GetAsync("/api/rounds/no-such-round"), HttpStatusCode.NotFound);
        await ProblemAsync(await Http.GetAsync("/api/rounds/no-such-round/contributions"), HttpStatusCode.NotFound);
        await ProblemAsync(await Http.GetAsync("/api/rounds/no-such-round/letter"), HttpStatusCode.NotFound);
        await ProblemAsync(await Http.PostAsync("/api/rounds/no-such-round/close", new StringContent("", Encoding.UTF8, "application/json")), HttpStatusCode.NotFound);
        await ProblemAsync(await PostJsonAsync("/api/rounds/no-such-round/contributions", new { ministry = "BZK", pillar = 6, text = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_commands_and_contributions_are_refused_with_the_reason()
    {
        var id = NewId("cmd");
        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync("/api/rounds", SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(10)))).StatusCode);
        await WaitForPhaseAsync(id, RoundPhase.Collecting);

        var noDeadline = await ProblemAsync(await PostJsonAsync($"/api/rounds/{id}/extend", new { }), HttpStatusCode.BadRequest);
        Assert.Contains("deadline", noDeadline.GetProperty("detail").GetString());
        var past = await ProblemAsync(await PostJsonAsync($"/api/rounds/{id}/extend", new { deadline = DateTimeOffset.UtcNow.AddDays(-1) }), HttpStatusCode.BadRequest);
        Assert.Contains("verleden", past.GetProperty("detail").GetString());
        await ProblemAsync(await PostJsonAsync($"/api/rounds/{id}/reopen", new { ministry = "BZK" }), HttpStatusCode.Conflict);

        var notOwned = await ProblemAsync(await PostJsonAsync($"/api/rounds/{id}/contributions", new { ministry = "BZK", pillar = 2, text = "Niet van BZK." }), HttpStatusCode.BadRequest);
        Assert.Contains("pijler 2", notOwned.GetProperty("errors").GetProperty("pillar")[0].GetString());
        var empty = await ProblemAsync(await PostJsonAsync($"/api/rounds/{id}/contributions", new { ministry = "BZK", pillar = 6, text = " " }), HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("text", out _));
        await ProblemAsync(await Http.GetAsync($"/api/rounds/{id}/letter?format=pdf"), HttpStatusCode.BadRequest);

        var extended = DateTimeOffset.UtcNow.AddDays(3);
        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync($"/api/rounds/{id}/extend", new { deadline = extended })).StatusCode);
        await Eventually.WaitAsync(() => StatusAsync(id), s => s.GetProperty("deadline").GetDateTimeOffset() == extended, TimeSpan.FromSeconds(30), "the extended deadline");
        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"/api/rounds/{id}/cancel", new StringContent("", Encoding.UTF8, "application/json"))).StatusCode);
        await WaitForPhaseAsync(id, RoundPhase.Cancelled);
    }

    [Fact]
    public async Task A_terminated_round_is_failed_and_refuses_commands_contributions_and_texts()
    {
        var id = NewId("failed");
        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync("/api/rounds", SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(10)))).StatusCode);
        await WaitForPhaseAsync(id, RoundPhase.Collecting);
        await _workflow.Client.TerminateInstanceAsync(id, "operator stopped it");

        var failed = await WaitForPhaseAsync(id, RoundPhase.Failed);
        Assert.Equal("Mislukt", failed.GetProperty("phaseLabel").GetString());
        var list = JsonDocument.Parse(await Http.GetStringAsync("/api/rounds")).RootElement;
        Assert.Equal(RoundPhase.Failed, list.EnumerateArray().Single(r => r.GetProperty("roundId").GetString() == id).GetProperty("phase").GetString());
        var close = await ProblemAsync(await Http.PostAsync($"/api/rounds/{id}/close", new StringContent("", Encoding.UTF8, "application/json")), HttpStatusCode.Conflict);
        Assert.Contains("afgerond (Failed)", close.GetProperty("detail").GetString());
        await ProblemAsync(await PostJsonAsync($"/api/rounds/{id}/contributions", new { ministry = "BZK", pillar = 6, text = "Te laat." }), HttpStatusCode.Conflict);
        await ProblemAsync(await Http.PutAsync($"/api/rounds/{id}/texts",
            new StringContent("""{ "aanleiding": "Nieuw." }""", Encoding.UTF8, "application/json")), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Coordinator_texts_are_editable_until_approval_and_a_change_in_review_makes_a_new_draft()
    {
        var id = NewId("texts");
        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync("/api/rounds", SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(10)))).StatusCode);
        await WaitForPhaseAsync(id, RoundPhase.Collecting);

        var tooLong = await ProblemAsync(await Http.PutAsync($"/api/rounds/{id}/texts",
            new StringContent(JsonSerializer.Serialize(new { aanleiding = new string('x', 20_001) }), Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("aanleiding", out _));

        var first = new CoordinatorTexts { Aanleiding = "Op 29 maart 2018 presenteerde het kabinet de Integrale Migratieagenda (IMA).", TenSlotte = "Het kabinet hecht aan draagvlak." };
        Assert.Equal(HttpStatusCode.OK, (await Http.PutAsJsonAsync($"/api/rounds/{id}/texts", first, JsonDefaults.Options)).StatusCode);
        Assert.Equal(first.Aanleiding, (await StatusAsync(id)).GetProperty("texts").GetProperty("aanleiding").GetString());

        await PostJsonAsync($"/api/rounds/{id}/contributions", new { ministry = "BHOS", pillar = 2, text = "Eerste alinea van BHOS." });
        await PostJsonAsync($"/api/rounds/{id}/contributions", new { ministry = "BZK", pillar = 6, text = "Tekst van BZK." });
        await Eventually.WaitAsync(() => StatusAsync(id), s => s.GetProperty("drafts").GetInt32() == 1 && s.GetProperty("phase").GetString() == RoundPhase.Reviewing,
            TimeSpan.FromSeconds(45), "draft 1 in review");
        Assert.Contains("29 maart 2018", await Http.GetStringAsync($"/api/rounds/{id}/letter?format=md&version=draft-1"));

        var second = first with { Aanleiding = "Deze brief gaat over de voortgang in 2027." };
        Assert.Equal(HttpStatusCode.OK, (await Http.PutAsJsonAsync($"/api/rounds/{id}/texts", second, JsonDefaults.Options)).StatusCode);
        var redrafted = await Eventually.WaitAsync(() => StatusAsync(id), s => s.GetProperty("drafts").GetInt32() == 2 && s.GetProperty("phase").GetString() == RoundPhase.Reviewing,
            TimeSpan.FromSeconds(45), "draft 2 after the texts changed");
        Assert.Equal(2, redrafted.GetProperty("latestDraft").GetProperty("number").GetInt32());
        var letter = await Http.GetStringAsync($"/api/rounds/{id}/letter?format=md&version=draft-2");
        Assert.Contains("voortgang in 2027", letter);
        Assert.DoesNotContain("29 maart 2018", letter);

        Assert.Equal(HttpStatusCode.Accepted, (await Http.PostAsync($"/api/rounds/{id}/approve", new StringContent("", Encoding.UTF8, "application/json"))).StatusCode);
        await Eventually.WaitAsync(() => StatusAsync(id), s => s.GetProperty("runtimeStatus").GetString() == "Completed", TimeSpan.FromSeconds(45), "completion");
        var locked = await ProblemAsync(await Http.PutAsJsonAsync($"/api/rounds/{id}/texts", first, JsonDefaults.Options), HttpStatusCode.Conflict);
        Assert.Contains("liggen vast", locked.GetProperty("detail").GetString());
        // Redraft is raised by a text change only; it is no command of the API.
        await ProblemAsync(await Http.PostAsync($"/api/rounds/{id}/redraft", new StringContent("", Encoding.UTF8, "application/json")), HttpStatusCode.NotFound);
    }
}
