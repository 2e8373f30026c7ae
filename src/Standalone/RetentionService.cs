using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MigrationAgenda.Retention;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Runs the <see cref="RetentionRun"/> a little after the service starts (<see cref="RetentionOptions.FirstRunDelay"/>)
/// and then every <see cref="RetentionOptions.Interval"/> (daily), as the Functions app's timer does.
/// </summary>
public sealed class RetentionService(RetentionRun retention, DurableTaskClient client, IOptions<RetentionOptions> options, ILogger<RetentionService> log)
    : PeriodicPass(log)
{
    protected override string Name => "Retention run";
    protected override TimeSpan Interval => options.Value.Interval;
    protected override TimeSpan FirstDelay => options.Value.FirstRunDelay;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => retention.RunOnceAsync(client, cancellationToken);
}
