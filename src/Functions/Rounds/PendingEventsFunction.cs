using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Intake;

namespace MigrationAgenda.Functions.Rounds;

/// <summary>Every 30 seconds and when the app starts: raise the contribution events a request stored but never delivered.</summary>
public sealed class PendingEventsFunction(PendingEventReconciler reconciler)
{
    public const string Schedule = "*/30 * * * * *";

    [Function("ReconcilePendingEvents")]
    public Task Run([TimerTrigger(Schedule, RunOnStartup = true)] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        reconciler.RunOnceAsync(client, context.CancellationToken);
}
