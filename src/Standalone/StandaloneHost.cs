using System.Net;
using System.Net.Sockets;
using Azure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using MigrationAgenda.Access;
using MigrationAgenda.Http;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Standalone;

/// <summary>How a run of the host differs: <c>serve</c> for real use, <c>demo</c> for a throw-away local round.</summary>
public sealed record StandaloneOptions
{
    public string[] Args { get; init; } = [];
    /// <summary>Demo: fresh local storage and key per run, quiet logs, a free loopback port.</summary>
    public bool Demo { get; init; }
}

/// <summary>
/// The Standalone service, composed of its parts: <see cref="ConsoleLogging"/>, the <see cref="StandaloneStorage"/>
/// (configured, or an Azurite of its own), the <see cref="LocalSigningKey"/>, and the <see cref="DurableTaskSidecar"/>
/// (the Durable Task Framework's Azure Storage backend over gRPC); on top, the Shared HTTP API on Kestrel and the
/// round's orchestrator and activities on the portable Durable Task SDK. Orchestrations live in storage and survive
/// a kill of the process. Stopping goes the other way: HTTP, the worker, the engine, then a local Azurite.
/// </summary>
public sealed class StandaloneHost : IAsyncDisposable
{
    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>
    /// Settings are read once, at start. Watching appsettings.json for changes would put an inotify watch on every
    /// folder under the working directory (the repository with node_modules and bin, or /tmp), and wake the host on
    /// every write anywhere below it: a tenth of serve's CPU under load when started from /tmp.
    /// </summary>
    internal const string NoConfigReload = "--hostBuilder:reloadConfigOnChange=false";

    private readonly List<Func<Task>> _cleanup = [];
    private WebApplication? _app;

    private StandaloneHost() { }

    public WebApplication App => _app ?? throw new InvalidOperationException("Not started.");
    public StorageClients Storage { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public ILogger Log { get; private set; } = null!;
    /// <summary>Cancelled when another process took this host's task hub over (<see cref="HubLease"/>).</summary>
    public CancellationToken HubLost { get; private set; }

    public static async Task<StandaloneHost> StartAsync(StandaloneOptions options, CancellationToken cancellationToken = default)
    {
        var host = new StandaloneHost();
        try
        {
            await host.StartCoreAsync(options, cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(StandaloneOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. options.Args, NoConfigReload] });
        var configuration = builder.Configuration;
        ConsoleLogging.AddDefaults(configuration, options.Demo);
        ConsoleLogging.Configure(builder.Logging, configuration);
        var bootstrap = LoggerFactory.Create(b => ConsoleLogging.Configure(b, configuration));
        _cleanup.Add(() => { bootstrap.Dispose(); return Task.CompletedTask; });
        Log = bootstrap.CreateLogger("MigrationAgenda.Standalone");

        var urls = ListenAddresses(builder, options.Demo);

        var storage = await StandaloneStorage.OpenAsync(configuration, options.Demo, Log, cancellationToken);
        _cleanup.Add(() => storage.DisposeAsync().AsTask());
        LocalSigningKey.Ensure(configuration, options.Demo, storage.LocalFolder, Log);
        await storage.ProbeAsync(cancellationToken);
        // One worker per task hub: a second serve on the same hub stops here with one line.
        var lease = await HubLease.AcquireAsync(storage.Clients, configuration, configuration["DurableTask:HubName"] ?? DurableTaskSidecar.DefaultHubName, Log, cancellationToken);
        _cleanup.Add(() => lease.DisposeAsync().AsTask());
        HubLost = lease.Lost;

        // The service: the same endpoints as the Functions app, the worker and the client.
        builder.Services.AddProblemDetails();
        try
        {
            builder.Services.AddMigrationAgenda(configuration, storage.Account);
            // No sign-in unless Auth:Mode says AppService (behind App Service Authentication): every caller is "lokaal".
            builder.Services.AddLocalAuthByDefault();
        }
        catch (Exception e) when (e is ReportDefinitionException or AuthConfigurationException)
        {
            throw new StartupException(e.Message, e);
        }

        var engine = await DurableTaskSidecar.StartAsync(storage, configuration, bootstrap, cancellationToken);
        _cleanup.Add(() => engine.DisposeAsync().AsTask());
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(engine.Channel);
            b.AddTasks(r => r.AddRoundTasks());
        });
        builder.Services.AddDurableTaskClient(b =>
        {
            b.UseGrpc(engine.Channel);
            b.RegisterDirectly();
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.Services.AddHostedService<PendingEventsService>();
        builder.Services.AddHostedService<AnnualStartService>();
        builder.Services.AddHostedService<RetentionService>();

        var app = builder.Build();
        // Unhandled faults and unmatched routes answer problem+json too, never a stack trace.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Every line of a route on a round or a message carries its RoundId / MessageId.
        app.UseRequestLogScopes();
        // /healthz as before (scripts and probes use it); the same check as /api/healthz.
        app.MapGet("/healthz", (HttpRequest r, DurableTaskClient c, HealthEndpoint e) => e.CheckAsync(c, r.HttpContext.RequestAborted));
        app.MapMigrationAgendaApi();
        app.MapCoordinatorPage();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync();
            throw new StartupException($"--urls / ASPNETCORE_URLS: {urls} is already in use; choose another address (e.g. --urls http://127.0.0.1:5080).", e);
        }
        _app = app;
        HubLost.Register(() => app.Lifetime.StopApplication());
        Storage = app.Services.GetRequiredService<StorageClients>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First());
        Log.LogInformation("MigrationAgenda Standalone listening on {Urls}; task hub {Hub}, worker {Worker}; mail {Mail}",
            string.Join(", ", addresses), engine.HubName, engine.WorkerId,
            string.IsNullOrEmpty(configuration["Mail:SendGridApiKey"]) ? "to the outbox container (no Mail:SendGridApiKey)" : "through SendGrid");
        Log.LogInformation("Sign-in: Auth:Mode {Mode}{Note}", app.Services.GetRequiredService<CallerResolver>().Mode,
            app.Services.GetRequiredService<CallerResolver>().Mode == AuthMode.Local
                ? " (no sign-in: every caller is 'lokaal' with every role; keep the service on loopback)"
                : " (the principal App Service Authentication passes; requests without one are refused)");
    }

    /// <summary>--urls / ASPNETCORE_URLS, loopback by default (a free port for the demo), checked before anything starts.</summary>
    private static string ListenAddresses(WebApplicationBuilder builder, bool demo)
    {
        if (demo || string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(demo ? "http://127.0.0.1:0" : DefaultUrls);
        var urls = demo ? "http://127.0.0.1:0" : builder.Configuration["urls"] ?? DefaultUrls;
        CheckUrls(urls);
        return urls;
    }

    public Task WaitForShutdownAsync() => App.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            try { await _app.StopAsync(); } catch (Exception e) { Log.LogWarning("Stopping the service: {Message}", OneLine(e.Message)); }
            await _app.DisposeAsync();
            _app = null;
        }
        for (var i = _cleanup.Count - 1; i >= 0; i--)
        {
            try { await _cleanup[i](); }
            catch (Exception e) { Console.Error.WriteLine($"warning: shutdown step failed: {OneLine(e.Message)}"); }
        }
        _cleanup.Clear();
    }

    private static void CheckUrls(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || (uri.Scheme != "http" && uri.Scheme != "https"))
                throw new StartupException($"--urls / ASPNETCORE_URLS: '{url}' is not an address like http://127.0.0.1:5000.");
            if (uri.Port == 0 || !IPAddress.TryParse(uri.Host, out var ip))
                continue;
            try
            {
                using var listener = new TcpListener(ip, uri.Port);
                listener.Start();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw new StartupException($"--urls / ASPNETCORE_URLS: {url} is already in use; choose another address (e.g. --urls http://127.0.0.1:5080).", e);
            }
        }
    }

    internal static string OneLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
