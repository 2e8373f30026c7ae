using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MigrationAgenda.Intake;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Runs the <see cref="PendingEventReconciler"/> when the service starts and every <see cref="EventReconcileOptions.Interval"/>
/// after: replies stored by a process that died before telling the round are counted within a minute of a restart.
/// </summary>
public sealed class PendingEventsService(
    PendingEventReconciler reconciler, DurableTaskClient client, IOptions<EventReconcileOptions> options, ILogger<PendingEventsService> log) : PeriodicPass(log)
{
    protected override string Name => "Reconciling pending contribution events";
    protected override TimeSpan Interval => options.Value.Interval;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => reconciler.RunOnceAsync(client, cancellationToken);
}
