using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Functions.Rounds;

/// <summary>The round orchestration, run by the Durable Functions extension.</summary>
public static class RoundOrchestratorFunction
{
    [Function(nameof(RoundOrchestrator))]
    public static Task<RoundOutcome> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new RoundOrchestrator().RunAsync(context, context.GetInput<RoundPlan>()!);
}
