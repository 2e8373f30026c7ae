using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Azure;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration.Memory;
using MigrationAgenda.Http;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;

namespace MigrationAgenda.Standalone;

/// <summary>How a run of the host differs: <c>serve</c> for real use, <c>demo</c> for a throw-away local round.</summary>
public sealed record StandaloneOptions
{
    public string[] Args { get; init; } = [];
    /// <summary>Demo: fresh local storage and key per run, quiet logs, a free loopback port.</summary>
    public bool Demo { get; init; }
}

/// <summary>
/// The Standalone service: the Shared HTTP API on Kestrel, and the round's orchestrator and activities on the
/// portable Durable Task SDK, talking gRPC (HTTP/2, loopback only) to <see cref="TaskHubGrpcServer"/>, which runs the
/// Durable Task Framework's Azure Storage backend. Orchestrations live in storage and survive a kill of the process.
/// With no storage configured, Azurite is started from the repo's pinned npm package with its files in the local
/// data folder.
/// </summary>
public sealed class StandaloneHost : IAsyncDisposable
{
    public const string DefaultUrls = "http://127.0.0.1:5000";
    public const string DefaultHubName = "MigrationAgendaStandalone";

    private readonly List<Func<Task>> _cleanup = [];
    private WebApplication? _app;

    private StandaloneHost() { }

    public WebApplication App => _app ?? throw new InvalidOperationException("Not started.");
    public StorageClients Storage { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public ILogger Log { get; private set; } = null!;

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
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = options.Args });
        var configuration = builder.Configuration;
        // Defaults first, so appsettings, environment and command line override them.
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultSettings(options.Demo) });
        ConfigureLogging(builder.Logging, configuration);
        var bootstrap = LoggerFactory.Create(b => ConfigureLogging(b, configuration));
        _cleanup.Add(() => { bootstrap.Dispose(); return Task.CompletedTask; });
        Log = bootstrap.CreateLogger("MigrationAgenda.Standalone");

        if (options.Demo || string.IsNullOrEmpty(configuration["urls"]))
            builder.WebHost.UseUrls(options.Demo ? "http://127.0.0.1:0" : DefaultUrls);
        var urls = options.Demo ? "http://127.0.0.1:0" : configuration["urls"] ?? DefaultUrls;
        CheckUrls(urls);

        // Storage: configured, or Azurite of our own.
        var (setting, connectionString) = ConfiguredConnectionString(configuration);
        string? localFolder = null;
        StorageAccountClientProvider provider;
        if (connectionString is not null)
        {
            try
            {
                Storage = StorageFactory.Create(connectionString);
                provider = new StorageAccountClientProvider(connectionString);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
            {
                throw new StartupException($"{setting} is not a valid storage connection string: {OneLine(e.Message)}", e);
            }
        }
        else if (configuration["Storage:AccountName"] is { Length: > 0 } account)
        {
            setting = "Storage:AccountName";
            Storage = StorageFactory.Create(account, configuration["Storage:ClientId"]);
            var credential = string.IsNullOrEmpty(configuration["Storage:ClientId"])
                ? (Azure.Core.TokenCredential)new Azure.Identity.DefaultAzureCredential()
                : new Azure.Identity.ManagedIdentityCredential(Azure.Identity.ManagedIdentityId.FromUserAssignedClientId(configuration["Storage:ClientId"]));
            provider = new StorageAccountClientProvider(account, credential);
        }
        else
        {
            setting = "Storage:ConnectionString";
            localFolder = LocalData.Folder(configuration);
            var dataFolder = Path.Combine(localFolder, options.Demo ? "demo" : "storage");
            if (options.Demo && Directory.Exists(dataFolder))
                Directory.Delete(dataFolder, recursive: true);
            var azurite = await AzuriteProcess.StartAsync(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), dataFolder, cancellationToken);
            _cleanup.Add(async () => await azurite.DisposeAsync());
            Log.LogInformation("No Storage:ConnectionString configured: started Azurite on 127.0.0.1 ports {Blob}/{Queue}/{Table} with its data in {Folder}",
                azurite.BlobPort, azurite.QueuePort, azurite.TablePort, dataFolder);
            Storage = StorageFactory.Create(azurite.ConnectionString);
            provider = new StorageAccountClientProvider(azurite.ConnectionString);
            connectionString = azurite.ConnectionString;
        }

        // The reply-token key: required, except for local runs, which keep a generated one in the local data folder.
        if (string.IsNullOrWhiteSpace(configuration[TokenOptions.SigningKeySetting]))
        {
            if (options.Demo)
                configuration[TokenOptions.SigningKeySetting] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            else if (localFolder is not null)
            {
                configuration[TokenOptions.SigningKeySetting] = LocalData.SigningKey(localFolder, out var keyPath, out var created);
                Log.LogWarning("Tokens:SigningKey is not set: using the local key in {Path} ({How}) so reply addresses stay valid across restarts; set Tokens:SigningKey for real use",
                    keyPath, created ? "generated now" : "kept from an earlier run");
            }
        }
        try
        {
            (configuration.GetSection(TokenOptions.Section).Get<TokenOptions>() ?? new TokenOptions()).KeyBytes();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException(e.Message, e);
        }

        // Reach the storage once, fast, before anything depends on it.
        await ProbeStorageAsync(setting, connectionString, configuration, cancellationToken);

        // The Durable Task hub on Azure Storage, created by us (the sidecar does not).
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = provider,
            TaskHubName = configuration["DurableTask:HubName"] ?? DefaultHubName,
            // Stable across restarts, so a restarted host takes its partitions back at once.
            WorkerId = configuration["DurableTask:WorkerId"] ?? Environment.MachineName,
            UseTablePartitionManagement = true,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            // Longer than any activity (mail, letter rendering), so a slow one is not handed out twice.
            WorkItemQueueVisibilityTimeout = TimeSpan.FromMinutes(10),
            LoggerFactory = bootstrap,
        };
        AzureStorageOrchestrationService service;
        try
        {
            service = new AzureStorageOrchestrationService(settings);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await service.CreateIfNotExistsAsync().WaitAsync(timeout.Token);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"DurableTask:HubName '{settings.TaskHubName}' is not a valid task hub name: {OneLine(e.Message)}", e);
        }
        var guard = new OrchestrationServiceGuard(service);

        // The gRPC sidecar on its own small host: HTTP/2, loopback, a free port.
        var sidecarBuilder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        sidecarBuilder.Configuration.Sources.Clear();
        sidecarBuilder.Configuration.AddConfiguration(FilterLogging(configuration));
        sidecarBuilder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning" });
        ConfigureLogging(sidecarBuilder.Logging, sidecarBuilder.Configuration);
        sidecarBuilder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        sidecarBuilder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        sidecarBuilder.Services.AddSingleton<IHostLifetime, OwnedLifetime>();
        sidecarBuilder.Services.AddGrpc();
        sidecarBuilder.Services.AddSingleton<IOrchestrationService>(guard);
        sidecarBuilder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        sidecarBuilder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = sidecarBuilder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);
        _cleanup.Add(async () =>
        {
            await sidecar.StopAsync();
            // The sidecar stops the backend from a fire-and-forget handler; wait for it here so leases are released.
            try { await guard.StopAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
            catch (Exception e) { Log.LogWarning("Durable Task backend did not stop cleanly: {Message}", OneLine(e.Message)); }
            await sidecar.DisposeAsync();
        });
        _ = sidecar.Services.GetRequiredService<TaskHubGrpcServer>();
        var sidecarAddress = sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var channel = GrpcChannel.ForAddress(sidecarAddress);
        _cleanup.Add(async () => { await channel.ShutdownAsync(); channel.Dispose(); });

        // The service: the same endpoints as the Functions app, the worker and the client.
        builder.Services.AddProblemDetails();
        builder.Services.AddMigrationAgenda(configuration, Storage);
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(channel);
            b.AddTasks(r => r.AddRoundTasks());
        });
        builder.Services.AddDurableTaskClient(b =>
        {
            b.UseGrpc(channel);
            b.RegisterDirectly();
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        var app = builder.Build();
        // Unhandled faults and unmatched routes answer problem+json too, never a stack trace.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/healthz", HealthAsync);
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
        Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Log.LogInformation("MigrationAgenda Standalone listening on {Urls}; task hub {Hub}, worker {Worker}; mail {Mail}",
            string.Join(", ", app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses),
            settings.TaskHubName, settings.WorkerId,
            string.IsNullOrEmpty(configuration["Mail:SendGridApiKey"]) ? "to the outbox container (no Mail:SendGridApiKey)" : "through SendGrid");
    }

    private static async Task<IResult> HealthAsync(StorageClients storage, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await foreach (var _ in storage.Table(StorageClients.RoundsTable).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: timeout.Token).AsPages())
                break;
            return Results.Json(new { status = "ok" });
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            return Results.Json(new { status = "unhealthy", reason = "storage unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
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

    private static (string Setting, string? Value) ConfiguredConnectionString(IConfiguration configuration)
    {
        if (configuration["Storage:ConnectionString"] is { Length: > 0 } storage)
            return ("Storage:ConnectionString", storage);
        if (configuration["AzureWebJobsStorage"] is { Length: > 0 } jobs)
            return ("AzureWebJobsStorage", jobs);
        return ("Storage:ConnectionString", null);
    }

    private async Task ProbeStorageAsync(string setting, string? connectionString, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var probe = connectionString is null ? Storage : StorageFactory.Create(connectionString, fastFail: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await probe.EnsureCreatedAsync(timeout.Token);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException or HttpRequestException or Azure.Identity.AuthenticationFailedException)
        {
            var why = e is OperationCanceledException ? "no answer within 15 s" : OneLine(e.Message);
            throw new StartupException($"{setting}: the storage at {probe.TableService.Uri.GetLeftPart(UriPartial.Authority)} cannot be used: {why}", e);
        }
        _ = configuration;
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

    private static IConfiguration FilterLogging(IConfiguration configuration) =>
        new ConfigurationBuilder().AddInMemoryCollection(configuration.GetSection("Logging").AsEnumerable()
            .Where(kv => kv.Value is not null)
            .Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))).Build();

    private static Dictionary<string, string?> DefaultSettings(bool demo) => new()
    {
        ["Logging:LogLevel:Default"] = demo ? "Warning" : "Information",
        ["Logging:LogLevel:MigrationAgenda.Mail"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = demo ? "Warning" : "Information",
        ["Logging:LogLevel:Microsoft.DurableTask"] = "Warning",
        ["Logging:LogLevel:DurableTask"] = "Warning",
        ["Logging:LogLevel:DurableTask.AzureStorage"] = "Warning",
        ["Logging:LogLevel:DurableTask.Core"] = "Warning",
        ["Logging:LogLevel:Grpc"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
    };

    /// <summary>Console logs: one line per entry, or JSON with Logging:Console:FormatterName=json.</summary>
    private static void ConfigureLogging(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        if (string.Equals(configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
            logging.AddJsonConsole(o => o.TimestampFormat = "O");
        else
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.UseUtcTimestamp = false;
            });
    }

    internal static string OneLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    /// <summary>The sidecar ignores Ctrl+C and SIGTERM: the service stops it after the worker has stopped.</summary>
    private sealed class OwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
