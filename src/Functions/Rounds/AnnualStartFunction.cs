using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Functions.Rounds;

/// <summary>
/// Every 15 minutes: start the rounds whose annual start has come (<see cref="AnnualStarter"/>). Stopped for the whole
/// app with Rounds__AnnualStart__Enabled=false, or for this function alone with AzureWebJobs.StartAnnualRounds.Disabled=true.
/// </summary>
public sealed class AnnualStartFunction(AnnualStarter starter)
{
    public const string Schedule = "0 */15 * * * *";

    [Function("StartAnnualRounds")]
    public async Task Run([TimerTrigger(Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        await starter.RunOnceAsync(client, context.CancellationToken);
}
