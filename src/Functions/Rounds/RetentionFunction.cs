using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Retention;

namespace MigrationAgenda.Functions.Rounds;

/// <summary>Daily at 03:15 UTC: remove what is past its retention period (tables, task hub; <see cref="RetentionRun"/>).</summary>
public sealed class RetentionFunction(RetentionRun retention)
{
    public const string Schedule = "0 15 3 * * *";

    [Function("ApplyRetention")]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        retention.RunOnceAsync(client, context.CancellationToken);
}
