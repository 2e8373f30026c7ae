using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Standalone's durable engine: the Durable Task Framework's Azure Storage backend, served by the preview gRPC
/// sidecar <see cref="TaskHubGrpcServer"/> on a small host of its own (HTTP/2, loopback, a free port, never
/// exposed). The service's worker and client talk to it through <see cref="Channel"/>.
/// </summary>
public sealed class DurableTaskSidecar : IAsyncDisposable
{
    public const string DefaultHubName = "MigrationAgendaStandalone";

    /// <summary>
    /// How long a queue message taken by this process stays invisible to others without a renewal: work taken by a
    /// process that died is picked up again after this long. Work in progress is renewed every third of it
    /// (<see cref="OrchestrationServiceGuard"/>), so no activity, however long, runs twice.
    /// </summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    private readonly WebApplication _host;
    private readonly OrchestrationServiceGuard _service;
    private readonly ILogger _log;

    private DurableTaskSidecar(WebApplication host, OrchestrationServiceGuard service, GrpcChannel channel, string hubName, string workerId, ILogger log)
    {
        _host = host;
        _service = service;
        Channel = channel;
        HubName = hubName;
        WorkerId = workerId;
        _log = log;
    }

    public GrpcChannel Channel { get; }
    public string HubName { get; }
    public string WorkerId { get; }

    /// <summary>Creates the task hub if needed (the sidecar does not) and starts the sidecar.</summary>
    public static async Task<DurableTaskSidecar> StartAsync(StandaloneStorage storage, IConfiguration configuration, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = storage.TaskHubClients,
            TaskHubName = configuration["DurableTask:HubName"] ?? DefaultHubName,
            // Stable across restarts, so a restarted host takes its partitions back at once.
            WorkerId = configuration["DurableTask:WorkerId"] ?? Environment.MachineName,
            UseTablePartitionManagement = true,
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            // Short, so a restart after kill -9 picks up the dead process's work within a minute; renewed while it runs.
            WorkItemQueueVisibilityTimeout = VisibilityTimeout,
            ControlQueueVisibilityTimeout = VisibilityTimeout,
            LoggerFactory = loggerFactory,
        };
        AzureStorageOrchestrationService backend;
        try
        {
            backend = new AzureStorageOrchestrationService(settings);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await backend.CreateIfNotExistsAsync().WaitAsync(timeout.Token);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"DurableTask:HubName '{settings.TaskHubName}' is not a valid task hub name: {StandaloneHost.OneLine(e.Message)}", e);
        }
        var service = new OrchestrationServiceGuard(backend, VisibilityTimeout / 3, loggerFactory.CreateLogger<OrchestrationServiceGuard>());

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [StandaloneHost.NoConfigReload] });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(ConsoleLogging.LoggingOnly(configuration));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning" });
        ConsoleLogging.Configure(builder.Logging, builder.Configuration);
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<IHostLifetime, OwnedLifetime>();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(backend);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var host = builder.Build();
        host.MapGrpcService<TaskHubGrpcServer>();
        await host.StartAsync(cancellationToken);
        _ = host.Services.GetRequiredService<TaskHubGrpcServer>();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DurableTaskSidecar(host, service, GrpcChannel.ForAddress(address), settings.TaskHubName, settings.WorkerId,
            loggerFactory.CreateLogger<DurableTaskSidecar>());
    }

    /// <summary>Closes the channel, then stops the sidecar and the backend (releasing its leases). Call after the worker stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        await Channel.ShutdownAsync();
        Channel.Dispose();
        await _host.StopAsync();
        // The sidecar stops the backend from a fire-and-forget handler; wait for it here so leases are released.
        try { await _service.StopAsync().WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (Exception e) { _log.LogWarning("Durable Task backend did not stop cleanly: {Message}", StandaloneHost.OneLine(e.Message)); }
        await _host.DisposeAsync();
    }

    /// <summary>The sidecar ignores Ctrl+C and SIGTERM: the service stops it after the worker has stopped.</summary>
    private sealed class OwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
