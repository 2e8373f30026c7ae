using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MigrationAgenda.Http;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Http;

/// <summary>
/// The API in App Service Authentication mode (Auth:Mode AppService), over Kestrel with the real engine and Azurite:
/// callers come with the X-MS-CLIENT-PRINCIPAL App Service passes; who did what lands in the audit log and the
/// timeline; no principal is 401, a missing role 403, in Dutch. And Local mode, where every caller is "lokaal".
/// </summary>
[Collection("Azurite")]
public sealed class CallerApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>A user as Entra signs them in.</summary>
    private sealed record Person(string Upn, string Name, string ObjectId, params string[] Roles);

    private static readonly Person Coordinator = new("anna.jansen@minjenv.example", "Anna Jansen", "5f0c7a51-0000-4000-8000-000000000001", "Coordinator");
    /// <summary>The round's approver by address (SampleRounds.Approver), without any role.</summary>
    private static readonly Person RoundApprover = new(SampleRounds.Approver.Email, "Directeur-generaal Migratie", "5f0c7a51-0000-4000-8000-000000000002");
    private static readonly Person Reader = new("lezer@minjenv.example", "Lies Lezer", "5f0c7a51-0000-4000-8000-000000000003");
    private static readonly Person RoleApprover = new("plv-dg@minjenv.example", "Plaatsvervangend DG", "5f0c7a51-0000-4000-8000-000000000004", "Approver");
    /// <summary>Coordinator by Auth:Coordinators (UPN), no app role.</summary>
    private static readonly Person ListedCoordinator = new("bert.vos@minjenv.example", "Bert Vos", "5f0c7a51-0000-4000-8000-000000000005");
    /// <summary>Approver by Auth:Approvers (object id), no app role.</summary>
    private static readonly Person ListedApprover = new("sg@minjenv.example", "Secretaris-generaal", "5f0c7a51-0000-4000-8000-000000000006");

    private WorkflowHost _workflow = null!;
    private ApiHost _api = null!;

    public async Task InitializeAsync()
    {
        _workflow = await WorkflowHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Auth:Mode"] = "AppService",
            ["Auth:Coordinators"] = $"someone.else@minjenv.example; {ListedCoordinator.Upn.ToUpperInvariant()}",
            ["Auth:Approvers:0"] = ListedApprover.ObjectId,
        });
        _api = await ApiHost.StartAsync(_workflow);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _workflow.DisposeAsync();
    }

    private static string NewId(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, Person? who, object? body = null, ApiHost? api = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null || method != HttpMethod.Get)
            request.Content = new StringContent(body is null ? "" : JsonSerializer.Serialize(body, JsonDefaults.Options), Encoding.UTF8, "application/json");
        if (who is not null)
            ClientPrincipals.Add(request, who.Upn, who.Name, who.ObjectId, who.Roles);
        return (api ?? _api).Http.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> StatusAsync(string id, Person who)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/rounds/{id}", who);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private Task<JsonElement> WaitForAsync(string id, Func<JsonElement, bool> done, string what) =>
        Eventually.WaitAsync(() => StatusAsync(id, Reader), done, TimeSpan.FromSeconds(45), what);

    private Task<JsonElement> WaitForPhaseAsync(string id, string phase) =>
        WaitForAsync(id, s => s.GetProperty("phase").GetString() == phase, $"{id} in {phase}");

    private static JsonElement Entry(JsonElement status, string action) =>
        status.GetProperty("history").EnumerateArray().First(h => h.GetProperty("action").GetString() == action);

    private static void AssertActor(JsonElement status, string action, Person who)
    {
        var entry = Entry(status, action);
        Assert.Equal(who.Upn, entry.GetProperty("actor").GetString());
        Assert.Equal(who.Name, entry.GetProperty("actorLabel").GetString());
    }

    /// <summary>Starts a round as <paramref name="who"/> and waits until it collects.</summary>
    private async Task<string> StartAsync(string name, Person who)
    {
        var id = NewId(name);
        using var started = await SendAsync(HttpMethod.Post, "/api/rounds", who, SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(30)));
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        await WaitForPhaseAsync(id, RoundPhase.Collecting);
        return id;
    }

    private async Task CloseAsync(string id, Person who)
    {
        using var closed = await SendAsync(HttpMethod.Post, $"/api/rounds/{id}/close", who);
        Assert.Equal(HttpStatusCode.Accepted, closed.StatusCode);
        await WaitForPhaseAsync(id, RoundPhase.Reviewing);
    }

    [Fact]
    public async Task Without_a_principal_every_api_route_but_health_and_the_webhook_is_401_in_Dutch()
    {
        var id = await StartAsync("anon", Coordinator);
        var routes = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Get, "/api/rounds", null),
            (HttpMethod.Get, $"/api/rounds/{id}", null),
            (HttpMethod.Post, "/api/rounds", SampleRounds.Spec(NewId("anon"), DateTimeOffset.UtcNow.AddDays(1))),
            (HttpMethod.Post, $"/api/rounds/{id}/extend", new { deadline = DateTimeOffset.UtcNow.AddDays(2) }),
            (HttpMethod.Post, $"/api/rounds/{id}/close", null),
            (HttpMethod.Post, $"/api/rounds/{id}/cancel", null),
            (HttpMethod.Post, $"/api/rounds/{id}/approve", null),
            (HttpMethod.Post, $"/api/rounds/{id}/reopen", new { ministry = "BZK" }),
            (HttpMethod.Get, $"/api/rounds/{id}/contributions", null),
            (HttpMethod.Post, $"/api/rounds/{id}/contributions", new { ministry = "BZK", pillar = 6, text = "Tekst." }),
            (HttpMethod.Get, $"/api/rounds/{id}/letter", null),
            (HttpMethod.Get, $"/api/rounds/{id}/texts", null),
            (HttpMethod.Put, $"/api/rounds/{id}/texts", new { aanleiding = "Nieuw." }),
            (HttpMethod.Get, $"/api/rounds/{id}/audit?format=csv", null),
            (HttpMethod.Get, "/api/inbound/quarantine", null),
            (HttpMethod.Post, "/api/inbound/quarantine/abc/release", new { roundId = id, ministry = "BZK", pillar = 6 }),
            (HttpMethod.Post, "/api/inbound/reprocess/abc", null),
            (HttpMethod.Get, "/api/me", null),
            (HttpMethod.Get, "/api/definitions", null),
            (HttpMethod.Get, "/api/definitions/ima/contacts", null),
            (HttpMethod.Put, "/api/definitions/ima/contacts/BZK", new { contacts = new[] { new { level = 0, email = "a@bzk.example" } }, allowedSenders = new[] { "bzk.example" } }),
            (HttpMethod.Delete, "/api/definitions/ima/contacts/BZK", null),
        };
        foreach (var (method, url, body) in routes)
        {
            using var response = await SendAsync(method, url, null, body);
            var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
            Assert.Equal("Niet aangemeld", problem.GetProperty("title").GetString());
            Assert.Contains("niet aangemeld", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        // A principal that is not base64 JSON, or names nobody, is no sign-in either.
        var garbled = new HttpRequestMessage(HttpMethod.Get, "/api/rounds");
        garbled.Headers.Add(CallerResolver.PrincipalHeader, "not a principal!");
        Assert.Contains("niet leesbaar", (await ProblemAsync(await _api.Http.SendAsync(garbled), HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        var nobody = new HttpRequestMessage(HttpMethod.Get, "/api/rounds");
        nobody.Headers.Add(CallerResolver.PrincipalHeader, Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"name","val":"Iemand"}]}""")));
        Assert.Contains("geen gebruiker", (await ProblemAsync(await _api.Http.SendAsync(nobody), HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());

        // Nothing happened to the round; the platform's health check needs no sign-in.
        Assert.Equal(RoundPhase.Collecting, (await StatusAsync(id, Reader)).GetProperty("phase").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.GetAsync("/api/healthz")).StatusCode);
    }

    [Fact]
    public async Task Every_action_records_the_signed_in_actor_and_a_coordinator_approving_is_403()
    {
        // A signed-in reader may read, not start.
        var refused = await ProblemAsync(await SendAsync(HttpMethod.Post, "/api/rounds", Reader, SampleRounds.Spec(NewId("reader"), DateTimeOffset.UtcNow.AddDays(1))),
            HttpStatusCode.Forbidden);
        Assert.Equal("Geen toestemming", refused.GetProperty("title").GetString());
        Assert.Contains("Alleen een coördinator mag een ronde starten", refused.GetProperty("detail").GetString());
        Assert.Contains(Reader.Upn, refused.GetProperty("detail").GetString());

        var id = await StartAsync("actors", Coordinator);
        AssertActor(await StatusAsync(id, Reader), AuditActions.RoundStarted, Coordinator);

        using (var contribution = await SendAsync(HttpMethod.Post, $"/api/rounds/{id}/contributions", Coordinator, new { ministry = "BZK", pillar = 6, text = "Tekst van BZK." }))
            Assert.Equal(HttpStatusCode.Created, contribution.StatusCode);
        using (var texts = await SendAsync(HttpMethod.Put, $"/api/rounds/{id}/texts", Coordinator, new { aanleiding = "Aanleiding van Anna." }))
            Assert.Equal(HttpStatusCode.OK, texts.StatusCode);
        await ProblemAsync(await SendAsync(HttpMethod.Put, $"/api/rounds/{id}/texts", Reader, new { aanleiding = "Van de lezer." }), HttpStatusCode.Forbidden);
        using (var extend = await SendAsync(HttpMethod.Post, $"/api/rounds/{id}/extend", Coordinator, new { deadline = DateTimeOffset.UtcNow.AddHours(2) }))
            Assert.Equal(HttpStatusCode.Accepted, extend.StatusCode);
        // A typed "by" is no identity: the command is Anna's.
        using (var close = await SendAsync(HttpMethod.Post, $"/api/rounds/{id}/close", Coordinator, new { by = "dg@jenv.example" }))
            Assert.Equal(HttpStatusCode.Accepted, close.StatusCode);
        await WaitForPhaseAsync(id, RoundPhase.Reviewing);

        var approveByCoordinator = await ProblemAsync(await SendAsync(HttpMethod.Post, $"/api/rounds/{id}/approve", Coordinator), HttpStatusCode.Forbidden);
        var reason = approveByCoordinator.GetProperty("detail").GetString()!;
        Assert.Contains("Alleen de goedkeurder", reason);
        Assert.Contains(SampleRounds.Approver.Email, reason);
        Assert.Contains("als coördinator", reason);
        await ProblemAsync(await SendAsync(HttpMethod.Post, $"/api/rounds/{id}/approve", Reader), HttpStatusCode.Forbidden);
        // The approver may not run the round.
        Assert.Contains("coördinator", (await ProblemAsync(await SendAsync(HttpMethod.Post, $"/api/rounds/{id}/cancel", RoundApprover), HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString());
        Assert.Equal(RoundPhase.Reviewing, (await StatusAsync(id, Reader)).GetProperty("phase").GetString());

        // The round's approver, by address and without any role, approves; the upper-case address in the principal is the same person.
        var approver = RoundApprover with { Upn = RoundApprover.Upn.ToUpperInvariant() };
        using (var approve = await SendAsync(HttpMethod.Post, $"/api/rounds/{id}/approve", approver, new { by = "iemand@anders.example" }))
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        var done = await WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed", "completion");

        AssertActor(done, AuditActions.TextsChanged, Coordinator);
        AssertActor(done, AuditActions.ContributionReceived, Coordinator);
        AssertActor(done, AuditActions.Command(RoundCommandKind.Extend), Coordinator);
        AssertActor(done, AuditActions.Command(RoundCommandKind.Close), Coordinator);
        AssertActor(done, AuditActions.Command(RoundCommandKind.Approve), RoundApprover);
        // The orchestration's own entry for the final letter carries the approver too.
        AssertActor(done, AuditActions.Approved, RoundApprover);
        Assert.DoesNotContain(done.GetProperty("history").EnumerateArray(), h => h.GetProperty("actor").GetString() is "iemand@anders.example" or AuditActions.Coordinator or AuditActions.Approver);
        // The system's own entries stay the system's.
        Assert.Equal("systeem", Entry(done, AuditActions.Mail(MigrationAgenda.Mail.MailKind.Request)).GetProperty("actorLabel").GetString());
    }

    [Fact]
    public async Task Roles_come_from_app_role_claims_and_from_the_configured_lists()
    {
        // Coordinator by Auth:Coordinators (its UPN, any case), approver by the Approver app role.
        var id = await StartAsync("roles", ListedCoordinator);
        await CloseAsync(id, ListedCoordinator);
        using (var reopen = await SendAsync(HttpMethod.Post, $"/api/rounds/{id}/reopen", RoleApprover, new { ministry = "BZK", pillars = new[] { 6 }, note = "Graag aanvullen." }))
            Assert.Equal(HttpStatusCode.Accepted, reopen.StatusCode);
        await WaitForPhaseAsync(id, RoundPhase.Collecting);
        await CloseAsync(id, ListedCoordinator);
        using (var approve = await SendAsync(HttpMethod.Post, $"/api/rounds/{id}/approve", RoleApprover))
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        var done = await WaitForPhaseAsync(id, RoundPhase.Approved);
        AssertActor(done, AuditActions.RoundStarted, ListedCoordinator);
        AssertActor(done, AuditActions.Command(RoundCommandKind.Reopen), RoleApprover);
        AssertActor(done, AuditActions.Command(RoundCommandKind.Approve), RoleApprover);

        // Approver by Auth:Approvers (object id): approves, but may not start.
        await ProblemAsync(await SendAsync(HttpMethod.Post, "/api/rounds", ListedApprover, SampleRounds.Spec(NewId("sg"), DateTimeOffset.UtcNow.AddDays(1))), HttpStatusCode.Forbidden);
        var second = await StartAsync("listed", Coordinator);
        await CloseAsync(second, Coordinator);
        using (var approve = await SendAsync(HttpMethod.Post, $"/api/rounds/{second}/approve", ListedApprover))
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        AssertActor(await WaitForPhaseAsync(second, RoundPhase.Approved), AuditActions.Command(RoundCommandKind.Approve), ListedApprover);

        // /api/me says who the app takes the caller for.
        using var me = await SendAsync(HttpMethod.Get, "/api/me", ListedApprover);
        var body = JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ListedApprover.Upn, body.GetProperty("actor").GetString());
        Assert.Equal(ListedApprover.Name, body.GetProperty("displayName").GetString());
        Assert.Equal(["approver"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["goedkeurder"], body.GetProperty("roleLabels").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("AppService", body.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Local_mode_records_lokaal_and_never_reads_a_principal_header()
    {
        await using var workflow = await WorkflowHost.StartAsync(azurite);
        await using var api = await ApiHost.StartAsync(workflow);
        var mallory = new Person("mallory@elders.example", "Mallory", "5f0c7a51-0000-4000-8000-00000000000f", "Coordinator", "Approver");

        var id = NewId("local");
        using (var start = await SendAsync(HttpMethod.Post, "/api/rounds", mallory, SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(30)), api))
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var status = await Eventually.WaitAsync(async () => JsonDocument.Parse(await api.Http.GetStringAsync($"/api/rounds/{id}")).RootElement,
            s => s.GetProperty("phase").GetString() == RoundPhase.Collecting, TimeSpan.FromSeconds(45), "collecting");
        using (var close = await api.Http.PostAsync($"/api/rounds/{id}/close", JsonBodies.Empty()))
            Assert.Equal(HttpStatusCode.Accepted, close.StatusCode);
        status = await Eventually.WaitAsync(async () => JsonDocument.Parse(await api.Http.GetStringAsync($"/api/rounds/{id}")).RootElement,
            s => s.GetProperty("phase").GetString() == RoundPhase.Reviewing, TimeSpan.FromSeconds(45), "reviewing");

        foreach (var action in new[] { AuditActions.RoundStarted, AuditActions.Command(RoundCommandKind.Close) })
        {
            Assert.Equal("lokaal", Entry(status, action).GetProperty("actor").GetString());
            Assert.Equal("lokaal", Entry(status, action).GetProperty("actorLabel").GetString());
        }
        Assert.DoesNotContain("mallory", status.GetProperty("history").GetRawText(), StringComparison.OrdinalIgnoreCase);

        var me = await api.Http.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("lokaal", me.GetProperty("actor").GetString());
        Assert.Equal("Local", me.GetProperty("mode").GetString());
        Assert.Equal(["coordinator", "approver"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}
