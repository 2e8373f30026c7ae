using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Access;
using MigrationAgenda.Functions.Http;
using MigrationAgenda.Http;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Functions;

/// <summary>
/// The Functions wrappers read the caller as the Shared endpoints do, and the Functions app's default is App Service
/// Authentication: the services as AddMigrationAgenda registers them (no Auth:Mode, no Local default), a principal
/// header on the wrapper's request, a real round on Azurite and the real engine.
/// </summary>
[Collection("Azurite")]
public sealed class CallerFunctionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private WorkflowHost _workflow = null!;

    public async Task InitializeAsync() => _workflow = await WorkflowHost.StartAsync(azurite);

    public async Task DisposeAsync() => await _workflow.DisposeAsync();

    private T Service<T>() where T : notnull => _workflow.Services.GetRequiredService<T>();

    private static HttpRequest Request(string method, string path, object? body = null, string? principal = null)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Method = method;
        context.Request.Path = path;
        if (body is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, JsonDefaults.Options);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }
        if (principal is not null)
            context.Request.Headers[CallerResolver.PrincipalHeader] = principal;
        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    private static async Task<(int Status, JsonElement Body)> RunAsync(HttpRequest request, IActionResult result)
    {
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body, Encoding.UTF8).ReadToEndAsync();
        return (context.Response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task The_Functions_app_defaults_to_app_service_authentication_and_its_wrappers_record_the_principal()
    {
        Assert.Equal(AuthMode.AppService, Service<CallerResolver>().Mode);
        var rounds = new RoundsFunctions(Service<StartRoundEndpoint>(), Service<RoundQueryEndpoints>());
        var id = $"fn-{Guid.NewGuid():N}"[..20];
        var spec = SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(30));

        var anonymous = Request("POST", "/api/rounds", spec);
        var (status, problem) = await RunAsync(anonymous, await rounds.Start(anonymous, _workflow.Client));
        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Contains("niet aangemeld", problem.GetProperty("detail").GetString());
        var list = Request("GET", "/api/rounds");
        Assert.Equal(StatusCodes.Status401Unauthorized, (await RunAsync(list, await rounds.List(list, _workflow.Client))).Status);
        Assert.Null(await _workflow.Client.GetInstanceAsync(id));

        var principal = ClientPrincipals.Encode("karin.de.vries@minjenv.example", "Karin de Vries", roles: "Coordinator");
        var signedIn = Request("POST", "/api/rounds", spec, principal);
        Assert.Equal(StatusCodes.Status202Accepted, (await RunAsync(signedIn, await rounds.Start(signedIn, _workflow.Client))).Status);

        var audit = Service<AuditLog>();
        var started = await Eventually.WaitAsync(() => audit.ListAllAsync(id, CancellationToken.None),
            entries => entries.Any(e => e.Action == AuditActions.RoundStarted), TimeSpan.FromSeconds(30), "round-started");
        var entry = started.Single(e => e.Action == AuditActions.RoundStarted);
        Assert.Equal("karin.de.vries@minjenv.example", entry.Actor);
        Assert.Equal("Karin de Vries", entry.ActorName);

        // The same principal through the people wrappers: who the app takes her for, and the audit export of her round.
        var people = new PeopleFunctions(Service<MeEndpoint>(), Service<DefinitionsEndpoint>(), Service<ContactsEndpoint>(), Service<AuditExportEndpoint>());
        var meRequest = Request("GET", "/api/me", principal: principal);
        var (_, me) = await RunAsync(meRequest, people.Me(meRequest));
        Assert.Equal(["coordinator"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var exportRequest = Request("GET", $"/api/rounds/{id}/audit", principal: principal);
        exportRequest.QueryString = new QueryString("?format=json");
        var (exportStatus, export) = await RunAsync(exportRequest, await people.ExportAudit(exportRequest, id));
        Assert.Equal(StatusCodes.Status200OK, exportStatus);
        Assert.Contains(export.GetProperty("entries").EnumerateArray(), e => e.GetProperty("actor").GetString() == "karin.de.vries@minjenv.example"
            && e.GetProperty("action").GetString() == AuditActions.RoundStarted && e.GetProperty("actorLabel").GetString() == "Karin de Vries");

        await _workflow.Client.TerminateInstanceAsync(id, "test done");
    }
}
