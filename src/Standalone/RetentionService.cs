using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MigrationAgenda.Retention;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Runs the <see cref="RetentionRun"/> a little after the service starts (<see cref="RetentionOptions.FirstRunDelay"/>)
/// and then every <see cref="RetentionOptions.Interval"/> (daily), as the Functions app's timer does.
/// </summary>
public sealed class RetentionService(RetentionRun retention, DurableTaskClient client, IOptions<RetentionOptions> options, ILogger<RetentionService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.FirstRunDelay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.Value.Interval);
        do
        {
            try
            {
                await retention.RunOnceAsync(client, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Storage or the engine away: the next run tries again.
                log.LogWarning("Retention run failed ({Error}: {Message}); next run in {Interval}",
                    e.GetType().Name, StandaloneHost.OneLine(e.Message), options.Value.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
