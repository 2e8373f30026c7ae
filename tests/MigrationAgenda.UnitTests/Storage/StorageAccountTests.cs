using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Storage;

namespace MigrationAgenda.UnitTests.Storage;

/// <summary>One precedence order for both hosts: Storage:ConnectionString, Storage:AccountName, AzureWebJobsStorage.</summary>
public sealed class StorageAccountTests
{
    private const string Local = "UseDevelopmentStorage=true";
    private const string Host = "DefaultEndpointsProtocol=https;AccountName=hoststorage;AccountKey=a2V5;EndpointSuffix=core.windows.net";

    private static StorageAccount? Select(params (string Key, string Value)[] settings) =>
        StorageAccount.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void A_connection_string_wins_over_an_account_name_and_the_host_storage()
    {
        var account = Select(("Storage:ConnectionString", Local), ("Storage:AccountName", "appstorage"), ("AzureWebJobsStorage", Host))!;

        Assert.Equal(("Storage:ConnectionString", Local, null), (account.Setting, account.ConnectionString, account.AccountName));
    }

    [Fact]
    public void An_account_name_wins_over_the_host_storage_and_uses_a_managed_identity()
    {
        var account = Select(("Storage:AccountName", "appstorage"), ("Storage:ClientId", "00000000-0000-0000-0000-000000000001"), ("AzureWebJobsStorage", Host))!;

        Assert.Equal(("Storage:AccountName", null, "appstorage"), (account.Setting, account.ConnectionString, account.AccountName));
        Assert.IsType<ManagedIdentityCredential>(account.Credential);
        Assert.Equal(new Uri("https://appstorage.table.core.windows.net"), account.Endpoint("table"));
    }

    [Fact]
    public void The_host_storage_is_the_last_resort_and_nothing_is_none()
    {
        var account = Select(("AzureWebJobsStorage", Host))!;

        Assert.Equal(("AzureWebJobsStorage", Host), (account.Setting, account.ConnectionString));
        Assert.Null(Select());
        var e = Assert.Throws<InvalidOperationException>(() => StorageAccount.Configured(new ConfigurationBuilder().Build()));
        Assert.Contains("Storage:ConnectionString", e.Message);
    }

    [Fact]
    public void The_clients_come_from_the_Azure_client_factory_with_the_SDK_retry_as_default()
    {
        var account = StorageAccount.FromConnectionString(Local);
        using var services = new ServiceCollection().AddStorageClients(account).BuildServiceProvider();

        var storage = services.GetRequiredService<StorageClients>();

        Assert.Same(services.GetRequiredService<Azure.Data.Tables.TableServiceClient>(), storage.TableService);
        Assert.Equal("devstoreaccount1", storage.BlobService.AccountName);
        Assert.Equal("devstoreaccount1", StorageClients.Connect(account, fastFail: true).TableService.AccountName);
        Assert.Equal(4, services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Azure.Data.Tables.TableClientOptions>>().Get("Default").Retry.MaxRetries);
    }
}
