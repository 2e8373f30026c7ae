using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Standalone;

namespace MigrationAgenda.WorkflowTests.Timers;

/// <summary>
/// The Durable Task Framework's Azure Storage backend on the test's Azurite, behind the same gRPC sidecar
/// (TaskHubGrpcServer) and <see cref="OrchestrationServiceGuard"/> as Standalone, with a worker the test configures
/// (MaximumTimerInterval, a timer recorder). Its own task hub per instance.
/// </summary>
public sealed class AzureStorageEngine : IAsyncDisposable
{
    private readonly WebApplication _sidecar;
    private readonly IHost _worker;
    private readonly GrpcChannel _channel;
    private readonly OrchestrationServiceGuard _service;

    private AzureStorageEngine(WebApplication sidecar, IHost worker, GrpcChannel channel, OrchestrationServiceGuard service, string hub)
    {
        _sidecar = sidecar;
        _worker = worker;
        _channel = channel;
        _service = service;
        HubName = hub;
    }

    public string HubName { get; }
    public DurableTaskClient Client => _worker.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<AzureStorageEngine> StartAsync(string connectionString, Action<DurableTaskRegistry> tasks, Action<IServiceCollection> worker)
    {
        var hub = "timers" + Guid.NewGuid().ToString("N")[..12];
        var inner = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = hub,
            WorkerId = "timer-tests",
            UseTablePartitionManagement = true,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        });
        await inner.CreateIfNotExistsAsync();
        var service = new OrchestrationServiceGuard(inner);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(service);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(inner);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync();
        var channel = GrpcChannel.ForAddress(sidecar.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .ConfigureServices(services =>
            {
                services.AddDurableTaskWorker(b =>
                {
                    b.UseGrpc(channel);
                    b.AddTasks(tasks);
                });
                services.AddDurableTaskClient(b =>
                {
                    b.UseGrpc(channel);
                    b.RegisterDirectly();
                });
                worker(services);
            })
            .Build();
        await host.StartAsync();
        return new AzureStorageEngine(sidecar, host, channel, service, hub);
    }

    public async ValueTask DisposeAsync()
    {
        await _worker.StopAsync();
        _worker.Dispose();
        await _sidecar.StopAsync();
        // The sidecar stops the backend from a fire-and-forget handler; the guard makes this the same stop, awaited.
        await _service.StopAsync().WaitAsync(TimeSpan.FromSeconds(15));
        await _sidecar.DisposeAsync();
        await _channel.ShutdownAsync();
        _channel.Dispose();
    }
}
