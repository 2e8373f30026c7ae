using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.TestSupport;

/// <summary>
/// The real round orchestrator and activities on DurableTaskTestHost (in-memory engine), with storage on a real
/// Azurite and mail going to the outbox (or to a fake SendGrid when given one).
/// </summary>
public sealed class WorkflowHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private WorkflowHost(DurableTaskTestHost host, StorageClients storage, IConfiguration configuration)
    {
        _host = host;
        Storage = storage;
        Configuration = configuration;
    }

    public DurableTaskClient Client => _host.Client;
    public IServiceProvider Services => _host.Services;
    public StorageClients Storage { get; }
    public IConfiguration Configuration { get; }

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
        var host = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddRoundTasks(),
            new DurableTaskTestHostOptions
            {
                // The test host picks a random port without checking it is free; give it one that is.
                Port = FreePort(),
                LoggerFactory = Environment.GetEnvironmentVariable("WORKFLOW_LOGS") == "1"
                    ? Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning))
                    : null,
                ConfigureServices = services =>
                {
                    services.AddLogging();
                    services.AddSingleton(configuration);
                    services.AddMigrationAgenda(configuration, storage);
                    worker?.Invoke(services);
                },
            });
        return new WorkflowHost(host, storage, configuration);
    }

    public OutboxReader Outbox => new(Storage);

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
