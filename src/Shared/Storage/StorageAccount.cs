using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace MigrationAgenda.Storage;

/// <summary>
/// The storage account of the app's tables and blobs, chosen from configuration by the one precedence order both
/// hosts use: <c>Storage:ConnectionString</c> (local: Azurite or an account key), else <c>Storage:AccountName</c> with
/// a managed identity (<c>Storage:ClientId</c> for a user-assigned one), else <c>AzureWebJobsStorage</c> (the
/// Functions host's own connection string). With none of them the Functions app refuses to start and Standalone
/// starts an Azurite of its own.
/// </summary>
public sealed class StorageAccount
{
    public const string ConnectionStringSetting = "Storage:ConnectionString";
    public const string AccountNameSetting = "Storage:AccountName";
    public const string ClientIdSetting = "Storage:ClientId";
    public const string HostStorageSetting = "AzureWebJobsStorage";

    private readonly Lazy<TokenCredential> _credential;

    private StorageAccount(string setting, string? connectionString, string? accountName, string? clientId)
    {
        Setting = setting;
        ConnectionString = connectionString;
        AccountName = accountName;
        ClientId = clientId;
        _credential = new(() => string.IsNullOrEmpty(ClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(ClientId)));
    }

    /// <summary>The setting it came from, so a start-up error names what to fix.</summary>
    public string Setting { get; }
    /// <summary>Set for an account reached by connection string; otherwise <see cref="AccountName"/> is.</summary>
    public string? ConnectionString { get; }
    public string? AccountName { get; }
    public string? ClientId { get; }

    /// <summary>The managed identity (or developer credential) for an account reached by name.</summary>
    public TokenCredential Credential => _credential.Value;

    /// <summary>https://{account}.{service}.core.windows.net, for an account reached by name.</summary>
    public Uri Endpoint(string service) => new($"https://{AccountName}.{service}.core.windows.net");

    public static StorageAccount FromConnectionString(string connectionString, string setting = ConnectionStringSetting) =>
        new(setting, connectionString, null, null);

    /// <summary>The configured account by the precedence order above, or null when none is configured.</summary>
    public static StorageAccount? FromConfiguration(IConfiguration configuration)
    {
        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
            return FromConnectionString(connectionString);
        if (configuration[AccountNameSetting] is { Length: > 0 } account)
            return new StorageAccount(AccountNameSetting, null, account, configuration[ClientIdSetting]);
        if (configuration[HostStorageSetting] is { Length: > 0 } hostStorage)
            return FromConnectionString(hostStorage, HostStorageSetting);
        return null;
    }

    /// <summary>The configured account; throws, naming the settings, when there is none.</summary>
    public static StorageAccount Configured(IConfiguration configuration) =>
        FromConfiguration(configuration) ?? throw new InvalidOperationException(
            $"No storage configured: set {ConnectionStringSetting} (local), {AccountNameSetting} (Azure, managed identity) or {HostStorageSetting}.");
}
