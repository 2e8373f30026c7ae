using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MigrationAgenda.Intake;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Runs the <see cref="PendingEventReconciler"/> when the service starts and every <see cref="EventReconcileOptions.Interval"/>
/// after: replies stored by a process that died before telling the round are counted within a minute of a restart.
/// </summary>
public sealed class PendingEventsService(
    PendingEventReconciler reconciler, DurableTaskClient client, IOptions<EventReconcileOptions> options, ILogger<PendingEventsService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                await reconciler.RunOnceAsync(client, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage or the engine away: the next pass tries again.
                log.LogWarning("Reconciling pending contribution events failed ({Error}: {Message}); next pass in {Interval}",
                    e.GetType().Name, StandaloneHost.OneLine(e.Message), options.Value.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
