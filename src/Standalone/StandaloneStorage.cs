using Azure;
using DurableTask.AzureStorage;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Standalone's storage, for the task hub and the app's tables and blobs alike: the account configured (by
/// <see cref="StorageAccount"/>'s precedence, the Functions host's too), or, with none, an Azurite of its own from
/// the repo's pinned npm package with its files in the local data folder, stopped gracefully on dispose.
/// </summary>
public sealed class StandaloneStorage : IAsyncDisposable
{
    private readonly AzuriteProcess? _azurite;
    private readonly StorageClients _probe;

    private StandaloneStorage(StorageAccount account, AzuriteProcess? azurite, string? localFolder)
    {
        Account = account;
        _azurite = azurite;
        LocalFolder = localFolder;
        // Made now, so a malformed connection string stops the host before anything else is tried.
        try
        {
            _probe = StorageClients.Connect(account, fastFail: true);
            TaskHubClients = account.ConnectionString is { } connectionString
                ? new StorageAccountClientProvider(connectionString)
                : new StorageAccountClientProvider(account.AccountName!, account.Credential);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            throw new StartupException($"{account.Setting} is not a valid storage connection string: {StandaloneHost.OneLine(e.Message)}", e);
        }
    }

    public StorageAccount Account { get; }
    /// <summary>Fast-failing clients on the account, for start-up work (the probe, the task hub's lease).</summary>
    public StorageClients Clients => _probe;
    /// <summary>True when the storage is an Azurite this host started itself (local use and demos).</summary>
    public bool Embedded => _azurite is not null;
    /// <summary>The local data folder when the storage is an Azurite of our own; null for configured storage.</summary>
    public string? LocalFolder { get; }

    public static async Task<StandaloneStorage> OpenAsync(IConfiguration configuration, bool demo, ILogger log, CancellationToken cancellationToken)
    {
        if (StorageAccount.FromConfiguration(configuration) is { } configured)
            return new StandaloneStorage(configured, null, null);

        var localFolder = LocalData.Folder(configuration);
        var dataFolder = Path.Combine(localFolder, demo ? "demo" : "storage");
        if (demo && Directory.Exists(dataFolder))
            Directory.Delete(dataFolder, recursive: true);
        var azurite = await AzuriteProcess.StartAsync(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), dataFolder, cancellationToken);
        log.LogInformation("No {Setting} configured: started Azurite on 127.0.0.1 ports {Blob}/{Queue}/{Table} with its data in {Folder}",
            StorageAccount.ConnectionStringSetting, azurite.BlobPort, azurite.QueuePort, azurite.TablePort, dataFolder);
        // What a 200 from the webhook promises here (README, "Faults"), said once when serve starts (the demo throws its data away).
        if (!demo)
            log.LogWarning("Embedded storage: accepted mail is kept in memory and written to {Folder} within a few seconds; a crash of this machine "
            + "can lose the last seconds of replies SendGrid was told were stored. For local use and demos; configure {Setting} for real mail",
            dataFolder, StorageAccount.ConnectionStringSetting);
        return new StandaloneStorage(StorageAccount.FromConnectionString(azurite.ConnectionString), azurite, localFolder);
    }

    /// <summary>The task hub's clients (the Durable Task Framework's Azure Storage backend makes its own).</summary>
    public StorageAccountClientProvider TaskHubClients { get; }

    /// <summary>Reaches the storage once, fast, before anything depends on it, and creates the app's tables and containers.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await _probe.EnsureCreatedAsync(timeout.Token);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or AggregateException or HttpRequestException or Azure.Identity.AuthenticationFailedException)
        {
            var why = e is OperationCanceledException ? "no answer within 15 s" : StandaloneHost.OneLine(e.Message);
            throw new StartupException($"{Account.Setting}: the storage at {_probe.TableService.Uri.GetLeftPart(UriPartial.Authority)} cannot be used: {why}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
            await _azurite.DisposeAsync();
    }
}
