namespace MigrationAgenda.Standalone;

/// <summary><c>serve</c>: the service for real use, until Ctrl+C or SIGTERM, then a graceful stop.</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        await using var host = await StandaloneHost.StartAsync(new StandaloneOptions { Args = args });
        await host.WaitForShutdownAsync();
        host.Log.LogInformation("Stopping: worker, Durable Task backend, then local storage");
        return host.HubLost.IsCancellationRequested ? 1 : 0;
    }
}
