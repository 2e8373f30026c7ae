using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.TestSupport;

/// <summary>
/// The real round orchestrator and activities on DurableTaskTestHost's in-memory engine and gRPC sidecar (composed
/// here with AddInMemoryDurableTask, so the engine can be a <see cref="RecordingEngine"/>), with storage on a real
/// Azurite and mail going to the outbox (or to a fake SendGrid when given one).
/// </summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkflowHost(IHost host, StorageClients storage, IConfiguration configuration)
    {
        _host = host;
        Storage = storage;
        Configuration = configuration;
    }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();
    public IServiceProvider Services => _host.Services;
    public StorageClients Storage { get; }
    public IConfiguration Configuration { get; }
    /// <summary>The engine, with the timers each orchestration created.</summary>
    public RecordingEngine Engine => (RecordingEngine)_host.Services.GetInMemoryOrchestrationService();

    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnop";

    public static IConfiguration TestConfiguration(IDictionary<string, string?>? overrides = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Tokens:SigningKey"] = SigningKey,
            ["Mail:InboundDomain"] = "inbound.migratieagenda.example",
            ["Mail:FromAddress"] = "migratieagenda@noreply.example",
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>())
            values[k] = v;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public static Task<WorkflowHost> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? worker = null) =>
        StartAsync(azurite.NewStorage(), settings, worker);

    /// <param name="worker">Extra worker configuration, e.g. DurableTaskWorkerOptions or a <see cref="TimerRecorder"/>.</param>
    public static async Task<WorkflowHost> StartAsync(StorageClients storage, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? worker = null)
    {
        var configuration = TestConfiguration(settings);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (Environment.GetEnvironmentVariable("WORKFLOW_LOGS") == "1")
            builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddLogging();
        builder.Services.AddSingleton(configuration);
        builder.Services.AddMigrationAgenda(configuration, storage);
        // The test host's engine picks a random port without checking it is free; give it one that is.
        builder.Services.AddInMemoryDurableTask(tasks => tasks.AddRoundTasks(), new InMemoryDurableTaskOptions { Port = FreePort() });
        builder.Services.AddSingleton<InMemoryOrchestrationService>(sp => new RecordingEngine(sp.GetService<ILoggerFactory>()));
        worker?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new WorkflowHost(host, storage, configuration);
    }

    public OutboxReader Outbox => new(Storage);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
