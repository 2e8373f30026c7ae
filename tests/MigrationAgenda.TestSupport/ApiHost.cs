using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Access;
using MigrationAgenda.Http;
using MigrationAgenda.Intake;

namespace MigrationAgenda.TestSupport;

/// <summary>The HTTP API on Kestrel at 127.0.0.1 (free port), over a <see cref="WorkflowHost"/>'s engine and storage.</summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Http = client;
    }

    public HttpClient Http { get; }

    public IServiceProvider Services { get; private init; } = null!;

    /// <summary>Returns once what quarantined mail handed over so far (archive tags, notices) is done: it goes on after the webhook's answer.</summary>
    public async Task QuarantineFollowUpDoneAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Services.GetRequiredService<QuarantineFollowUp>().DrainAsync(patience.Token);
    }

    /// <param name="services">Extra registrations after the app's own, e.g. a recording IOperatorEvents.</param>
    public static async Task<ApiHost> StartAsync(WorkflowHost workflow, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("WORKFLOW_LOGS") == "1")
            builder.Logging.AddConsole();
        builder.Services.AddProblemDetails();
        builder.Services.AddMigrationAgenda(workflow.Configuration, workflow.Storage);
        // As Standalone: no sign-in unless the test's settings say Auth:Mode AppService.
        builder.Services.AddLocalAuthByDefault();
        builder.Services.AddSingleton(workflow.Client);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        // Unhandled faults and unmatched routes answer problem+json too, never a stack trace.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLogScopes();
        app.MapMigrationAgendaApi();
        app.MapCoordinatorPage();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ApiHost(app, new HttpClient { BaseAddress = new Uri(address) }) { Services = app.Services };
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
