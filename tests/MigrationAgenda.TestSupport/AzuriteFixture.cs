using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;
using Xunit;

namespace MigrationAgenda.TestSupport;

/// <summary>
/// A real Azurite, in memory, on free loopback ports, shared by the tests of one collection.
/// xunit wants the collection definition in the test assembly itself: each test project declares
/// <c>[CollectionDefinition("Azurite")] class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;</c>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");
    public string ConnectionString => Azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), dataFolder: null);
        await NewStorage().EnsureCreatedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
            await _azurite.DisposeAsync();
    }

    /// <summary>Clients with the Azure SDK's own retry policy shortened, so a stopped Azurite fails fast.</summary>
    public StorageClients NewStorage() => StorageClients.Connect(StorageAccount.FromConnectionString(ConnectionString), fastFail: true);
}
