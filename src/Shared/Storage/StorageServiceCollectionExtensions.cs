using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace MigrationAgenda.Storage;

/// <summary>The app's storage clients, made by Microsoft.Extensions.Azure's client factory for a <see cref="StorageAccount"/>.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the table and blob service clients (AddAzureClients: the account's credential, the SDK's own
    /// exponential retry as the clients' defaults) and <see cref="StorageClients"/> over them.
    /// <paramref name="fastFail"/> shortens the retries, for a start-up probe or a test that stops its storage.
    /// </summary>
    public static IServiceCollection AddStorageClients(this IServiceCollection services, StorageAccount account, bool fastFail = false)
    {
        services.AddAzureClients(clients =>
        {
            if (account.ConnectionString is { } connectionString)
            {
                clients.AddTableServiceClient(connectionString);
                clients.AddBlobServiceClient(connectionString);
            }
            else
            {
                clients.AddTableServiceClient(account.Endpoint("table"));
                clients.AddBlobServiceClient(account.Endpoint("blob"));
                clients.UseCredential(account.Credential);
            }
            // The SDK's retry covers transient faults; callers above it do not retry again.
            clients.ConfigureDefaults(options => ConfigureRetry(options.Retry, fastFail));
        });
        // The client factory forwards the SDK's own event logs: a line per request, and a warning per expected 404 or
        // 409 (a row not there yet, a container that exists). The app logs its own faults; the SDK's stay quiet unless
        // configuration asks (e.g. Logging:LogLevel:Azure.Core.Http=Information).
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.Warning).AddFilter("Azure.Core", LogLevel.Error));
        services.TryAddSingleton(sp => new StorageClients(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<BlobServiceClient>()));
        return services;
    }

    private static void ConfigureRetry(RetryOptions retry, bool fastFail)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = fastFail ? 1 : 4;
        retry.Delay = TimeSpan.FromMilliseconds(fastFail ? 50 : 400);
        retry.MaxDelay = TimeSpan.FromSeconds(fastFail ? 1 : 10);
        retry.NetworkTimeout = TimeSpan.FromSeconds(fastFail ? 5 : 100);
    }
}
