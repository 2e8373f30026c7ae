using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Standalone's side of the annual start: one <see cref="AnnualStarter"/> pass when serve starts and every
/// <see cref="AnnualStartOptions.Interval"/> after, as the Functions app's timer does. A round is started once however
/// many passes, hosts or restarts meet it: its id comes from definition and year and is claimed before it is scheduled.
/// </summary>
public sealed class AnnualStartService(
    AnnualStarter starter, DurableTaskClient client, IOptions<AnnualStartOptions> options, ILogger<AnnualStartService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                await starter.RunOnceAsync(client, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage or the engine away: the next pass tries again.
                log.LogWarning("The annual start pass failed ({Error}: {Message}); next pass in {Interval}",
                    e.GetType().Name, StandaloneHost.OneLine(e.Message), options.Value.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
