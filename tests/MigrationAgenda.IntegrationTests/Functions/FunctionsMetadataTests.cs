using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Storage.Local;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.IntegrationTests.Functions;

/// <summary>The Functions host never runs here; what it would load is the generated functions.metadata, checked here.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly string Configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    private static JsonElement[] Functions()
    {
        var root = AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory);
        var path = Path.Combine(root, "src", "Functions", "bin", Configuration, "net10.0", "functions.metadata");
        Assert.True(File.Exists(path), $"functions.metadata not generated at {path}");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().ToArray();
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    [Theory]
    [InlineData("StartRound", "post", "api/rounds", "Anonymous")]
    [InlineData("ListRounds", "get", "api/rounds", "Anonymous")]
    [InlineData("GetRound", "get", "api/rounds/{id}", "Anonymous")]
    [InlineData("RoundCommand", "post", "api/rounds/{id}/{command:regex(^(extend|close|cancel|approve|reopen)$)}", "Anonymous")]
    [InlineData("ResumeRound", "post", "api/rounds/{id}/resume", "Anonymous")]
    [InlineData("PurgePersonalData", "post", "api/rounds/{id}/purge-personal-data", "Anonymous")]
    [InlineData("SubmitContribution", "post", "api/rounds/{id}/contributions", "Anonymous")]
    [InlineData("ListContributions", "get", "api/rounds/{id}/contributions", "Anonymous")]
    [InlineData("GetLetter", "get", "api/rounds/{id}/letter", "Anonymous")]
    [InlineData("GetRoundTexts", "get", "api/rounds/{id}/texts", "Anonymous")]
    [InlineData("PutRoundTexts", "put", "api/rounds/{id}/texts", "Anonymous")]
    [InlineData("ListQuarantine", "get", "api/inbound/quarantine", "Anonymous")]
    [InlineData("ReleaseQuarantine", "post", "api/inbound/quarantine/{id}/release", "Anonymous")]
    [InlineData("ReprocessInbound", "post", "api/inbound/reprocess/{id}", "Anonymous")]
    [InlineData("ExportAudit", "get", "api/rounds/{id}/audit", "Anonymous")]
    [InlineData("GetMe", "get", "api/me", "Anonymous")]
    [InlineData("ListDefinitions", "get", "api/definitions", "Anonymous")]
    [InlineData("ListContacts", "get", "api/definitions/{name}/contacts", "Anonymous")]
    [InlineData("PutContacts", "put", "api/definitions/{name}/contacts/{ministry}", "Anonymous")]
    [InlineData("DeleteContacts", "delete", "api/definitions/{name}/contacts/{ministry}", "Anonymous")]
    [InlineData("CountNote", "post", "api/rounds/{id}/notes/{noteId}/count", "Anonymous")]
    [InlineData("StartNextRound", "post", "api/rounds/{id}/next", "Anonymous")]
    [InlineData("AdoptLastYear", "post", "api/rounds/{id}/notes/{noteId}/adopt", "Anonymous")]
    [InlineData("ListNextRounds", "get", "api/next-rounds", "Anonymous")]
    // The platform's health check (siteConfig.healthCheckPath): behind App Service Authentication like the coordinator's routes.
    [InlineData("Health", "get", "api/healthz", "Anonymous")]
    // The one route App Service Authentication lets through (SendGrid cannot sign in): it keeps the function key.
    [InlineData("InboundSendGrid", "post", "api/inbound/sendgrid", "Function")]
    // SendGrid's Event Webhook, the same: let through sign-in, a function key and SendGrid's signature.
    [InlineData("MailEvents", "post", "api/mail/events", "Function")]
    public void Http_functions_have_their_route_method_and_auth_level(string name, string method, string route, string authLevel)
    {
        var trigger = Trigger(Functions().Single(f => f.GetProperty("name").GetString() == name));
        Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(authLevel, trigger.GetProperty("authLevel").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("PageRoot", "{root:regex(^$)?}")]
    [InlineData("Page", "app/{*path}")]
    public void The_coordinator_page_is_anonymous_behind_app_service_authentication(string name, string route)
    {
        var trigger = Trigger(Functions().Single(f => f.GetProperty("name").GetString() == name));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
        Assert.Equal(["get"], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    /// <summary>The page's two route templates, as generated, on ASP.NET Core routing: "/" only for the root, the rest for /app.</summary>
    [Fact]
    public async Task The_page_routes_match_the_root_and_app_paths_and_nothing_else()
    {
        var functions = Functions().ToDictionary(f => f.GetProperty("name").GetString()!, Trigger);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.MapGet(functions["PageRoot"].GetProperty("route").GetString()!, () => "root");
        app.MapGet(functions["Page"].GetProperty("route").GetString()!, (string? path) => $"page:{path}");
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        Assert.Equal("root", await http.GetStringAsync("/"));
        Assert.Equal("page:", await http.GetStringAsync("/app/"));
        Assert.Equal("page:rondes/ima-2027", await http.GetStringAsync("/app/rondes/ima-2027"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/rounds")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api")).StatusCode);
        await app.StopAsync();
    }

    /// <summary>
    /// host.json's routePrefix is empty (the page lives at /app/), so every API route carries "api/" itself. App Service
    /// Authentication signs every caller in, except on the SendGrid webhooks: those two functions keep a function key.
    /// </summary>
    [Fact]
    public void Every_other_http_function_is_under_api_and_only_the_webhooks_need_a_function_key()
    {
        var http = Functions().Select(f => (Name: f.GetProperty("name").GetString()!, Trigger: Trigger(f)))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger" && f.Name is not ("Page" or "PageRoot")).ToList();
        Assert.NotEmpty(http);
        foreach (var (name, trigger) in http)
        {
            Assert.True(trigger.GetProperty("route").GetString()!.StartsWith("api/", StringComparison.Ordinal), $"{name}: route must start with api/");
            Assert.Equal(name is "InboundSendGrid" or "MailEvents" ? "Function" : "Anonymous", trigger.GetProperty("authLevel").GetString());
        }
    }

    [Fact]
    public void The_orchestrator_and_every_activity_of_the_round_are_registered_under_the_names_the_orchestrator_calls()
    {
        var functions = Functions().ToDictionary(f => f.GetProperty("name").GetString()!, Trigger);
        Assert.Equal("orchestrationTrigger", functions["RoundOrchestrator"].GetProperty("type").GetString());
        foreach (var activity in HostingExtensions.Activities)
        {
            Assert.True(functions.TryGetValue(activity.Name, out var trigger), $"no function for activity {activity.Name}");
            Assert.Equal("activityTrigger", trigger.GetProperty("type").GetString());
        }
    }

    /// <summary>
    /// The pending-event reconcile runs every 30 seconds and when the app starts (a host that died between storing a
    /// reply and telling its round is made good within a minute), with a durable client to raise the events.
    /// </summary>
    [Fact]
    public void The_pending_event_reconcile_runs_on_a_30_second_timer_and_at_start_up()
    {
        var function = Functions().Single(f => f.GetProperty("name").GetString() == "ReconcilePendingEvents");
        var trigger = Trigger(function);
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("*/30 * * * * *", trigger.GetProperty("schedule").GetString());
        Assert.True(trigger.GetProperty("runOnStartup").GetBoolean());
        Assert.Contains(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "durableClient");
    }

    /// <summary>The annual start: every 15 minutes (a round is due at a minute of the day), not at start-up, through the durable client.</summary>
    [Fact]
    public void The_annual_start_runs_on_a_15_minute_timer_with_a_durable_client()
    {
        var function = Functions().Single(f => f.GetProperty("name").GetString() == "StartAnnualRounds");
        var trigger = Trigger(function);
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("0 */15 * * * *", trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.TryGetProperty("runOnStartup", out var startup) && startup.GetBoolean());
        Assert.Contains(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "durableClient");
    }

    /// <summary>The retention run: daily, with a durable client to purge the task hub; not at start-up (a deploy is no reason to delete).</summary>
    [Fact]
    public void The_retention_run_is_a_daily_timer_with_a_durable_client()
    {
        var function = Functions().Single(f => f.GetProperty("name").GetString() == "ApplyRetention");
        var trigger = Trigger(function);
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("0 15 3 * * *", trigger.GetProperty("schedule").GetString());
        Assert.False(trigger.TryGetProperty("runOnStartup", out var onStart) && onStart.GetBoolean());
        Assert.Contains(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == "durableClient");
    }

    /// <summary>The operator's alerts find the webhook's requests and the round's orchestration by these names.</summary>
    [Fact]
    public void The_function_names_the_alerts_query_are_the_generated_ones()
    {
        var functions = Functions().ToDictionary(f => f.GetProperty("name").GetString()!, Trigger);
        Assert.Equal("api/inbound/sendgrid", functions[TelemetryNames.InboundWebhookFunction].GetProperty("route").GetString());
        Assert.Equal("orchestrationTrigger", functions[TelemetryNames.RoundOrchestratorFunction].GetProperty("type").GetString());
    }

    /// <summary>The Azurite launcher is for Standalone and the tests only: nothing of it ships with the Functions app.</summary>
    [Fact]
    public void The_Azurite_launcher_is_not_part_of_the_Functions_app()
    {
        var root = AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory);
        var output = Path.Combine(root, "src", "Functions", "bin", Configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "MigrationAgenda.Shared.dll")), $"no Functions build output in {output}");

        Assert.Empty(Directory.EnumerateFiles(output, "*Azurite*", SearchOption.AllDirectories));
        Assert.DoesNotContain("MigrationAgenda.Azurite", File.ReadAllText(Path.Combine(output, "MigrationAgenda.Functions.deps.json")));
        Assert.Null(typeof(HostingExtensions).Assembly.GetType("MigrationAgenda.Storage.Local.AzuriteProcess"));
    }

    [Fact]
    public void Host_json_is_the_repo_root_one_and_is_copied_next_to_the_app()
    {
        var root = AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory);
        var copied = Path.Combine(root, "src", "Functions", "bin", Configuration, "net10.0", "host.json");
        Assert.Equal(File.ReadAllText(Path.Combine(root, "host.json")), File.ReadAllText(copied));
        Assert.Equal("MigrationAgenda", JsonDocument.Parse(File.ReadAllText(copied)).RootElement
            .GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString());
    }
}
