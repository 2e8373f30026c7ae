using Microsoft.Extensions.Hosting;

namespace MigrationAgenda.Storage;

/// <summary>Creates the app's tables and containers once when a host starts, so no request pays for it.</summary>
public sealed class StorageInitializer(StorageClients storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
