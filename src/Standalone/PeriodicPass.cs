namespace MigrationAgenda.Standalone;

/// <summary>
/// Standalone's stand-in for a Functions timer: a pass after <see cref="FirstDelay"/> from the start of serve and every
/// <see cref="Interval"/> after. A pass that fails (storage or the engine away) is logged and the next one tries again.
/// </summary>
public abstract class PeriodicPass(ILogger log) : BackgroundService
{
    /// <summary>What the pass does, for the log line of a failed one.</summary>
    protected abstract string Name { get; }

    protected abstract TimeSpan Interval { get; }

    protected virtual TimeSpan FirstDelay => TimeSpan.Zero;

    protected virtual bool Enabled => true;

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        try
        {
            await Task.Delay(FirstDelay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("{Pass} failed ({Error}: {Message}); next pass in {Interval}",
                    Name, e.GetType().Name, StandaloneHost.OneLine(e.Message), Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
