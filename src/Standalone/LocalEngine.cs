using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.DurableTask.Testing;
using MigrationAgenda.Http;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Everything a local run needs on one machine: Azurite from the pinned npm package, the Durable Task engine
/// with the round's orchestrator and activities, and the HTTP API on loopback.
/// The engine is the in-process one: a round survives no restart yet (the durable Azure Storage backend is to come).
/// </summary>
public sealed class LocalEngine : IAsyncDisposable
{
    private readonly AzuriteProcess _azurite;
    private readonly DurableTaskTestHost _engine;
    private readonly WebApplication _web;

    private LocalEngine(AzuriteProcess azurite, DurableTaskTestHost engine, WebApplication web, StorageClients storage, Uri address)
    {
        (_azurite, _engine, _web, Storage, Address) = (azurite, engine, web, storage, address);
    }

    public StorageClients Storage { get; }
    public Uri Address { get; }

    public static async Task<LocalEngine> StartAsync(IConfiguration configuration)
    {
        var azurite = await AzuriteProcess.StartAsync(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), dataFolder: null);
        var storage = StorageFactory.Create(azurite.ConnectionString);
        await storage.EnsureCreatedAsync();

        // The engine's own host logs every gRPC call at Information and reads its levels from the environment.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        var engine = await DurableTaskTestHost.StartAsync(tasks => tasks.AddRoundTasks(), new DurableTaskTestHostOptions
        {
            Port = FreePort(),
            LoggerFactory = LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning)),
            ConfigureServices = services =>
            {
                services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
                services.AddMigrationAgenda(configuration, storage);
            },
        });

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddProblemDetails();
        builder.Services.AddMigrationAgenda(configuration, storage);
        builder.Services.AddSingleton(engine.Client);
        var web = builder.Build();
        web.MapMigrationAgendaApi();
        web.MapCoordinatorPage();
        await web.StartAsync();
        var address = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new LocalEngine(azurite, engine, web, storage, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
        await _engine.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
