using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace MigrationAgenda.Storage;

/// <summary>Builds the storage clients from configuration: a connection string locally, a managed identity in Azure.</summary>
public static class StorageFactory
{
    /// <summary>From a connection string (Azurite or an account key). <paramref name="fastFail"/> shortens the SDK's retries for tests.</summary>
    public static StorageClients Create(string connectionString, bool fastFail = false)
    {
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        Configure(tableOptions.Retry, fastFail);
        Configure(blobOptions.Retry, fastFail);
        return new StorageClients(new TableServiceClient(connectionString, tableOptions), new BlobServiceClient(connectionString, blobOptions));
    }

    /// <summary>From an account name with a managed identity (clientId for a user-assigned one).</summary>
    public static StorageClients Create(string accountName, string? clientId)
    {
        TokenCredential credential = string.IsNullOrEmpty(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        Configure(tableOptions.Retry, fastFail: false);
        Configure(blobOptions.Retry, fastFail: false);
        return new StorageClients(
            new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), credential, tableOptions),
            new BlobServiceClient(new Uri($"https://{accountName}.blob.core.windows.net"), credential, blobOptions));
    }

    // The SDK's exponential retry covers transient faults; callers above it do not retry again.
    private static void Configure(RetryOptions retry, bool fastFail)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = fastFail ? 1 : 4;
        retry.Delay = TimeSpan.FromMilliseconds(fastFail ? 50 : 400);
        retry.MaxDelay = TimeSpan.FromSeconds(fastFail ? 1 : 10);
        retry.NetworkTimeout = TimeSpan.FromSeconds(fastFail ? 5 : 100);
    }
}
