using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>POST /api/rounds: validates a round spec and starts its orchestration (instance id = round id).</summary>
public sealed class StartRoundEndpoint(RoundPlanner planner, RoundStatusReader reader, DefinitionCatalog catalog, ContactStore contacts, CallerResolver callers, TimeProvider clock,
    IOptions<ActivityRetrySettings> retry, RoundLaunch launch)
{
    public async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (caller, denied) = callers.Coordinator(request, "een ronde starten");
        if (denied is not null)
            return denied;
        var (spec, error) = await JsonBody.ReadAsync<RoundSpec>(request, cancellationToken);
        if (error is not null)
            return error;
        using var roundScope = RequestLogScope.BeginRound(request, spec!.RoundId);

        // The same spec again is answered with the round as it stands, even once its deadline has passed.
        if (!string.IsNullOrEmpty(spec!.RoundId) && await ExistingAsync(spec, client, cancellationToken) is { } existing)
            return existing;

        // A named definition's contacts list, copied into the plan: later edits of the list leave this round alone.
        var contactList = spec.Definition is null && spec.DefinitionName is { } name && catalog.Find(name) is { } definition
            ? await contacts.ListAsync(definition.Name, cancellationToken)
            : null;
        var result = planner.Plan(spec, clock.GetUtcNow(), contactList);
        if (!result.IsValid)
            return Problems.Invalid(result.Errors);

        // The activities' retry settings ride in the plan: the orchestrator reads no configuration.
        var plan = result.Plan! with { StartedBy = caller!.Actor, StartedByName = caller.DisplayName, Retry = retry.Value };
        try
        {
            // Claimed for this spec first (RoundLaunch): of two concurrent starts with different specs only one goes through.
            var outcome = await launch.LaunchAsync(client, plan, cancellationToken);
            if (outcome != RoundLaunchOutcome.Started)
                return await ExistingAsync(spec, client, cancellationToken) ?? StillStarting(plan, outcome);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Two starts raced: the other one won. Answer as if this one came second.
            if (await ExistingAsync(spec, client, cancellationToken) is { } raced)
                return raced;
            throw;
        }
        // Built from the plan: read back now, the round would not be stored yet (year 0, no deadline).
        return Results.Json(RoundStatusReader.Planned(plan, nameof(OrchestrationRuntimeStatus.Pending)), JsonDefaults.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Another call holds the id but its orchestration is not there yet: the same spec is as good as started, another one is refused.</summary>
    private static IResult StillStarting(RoundPlan plan, RoundLaunchOutcome outcome) => outcome == RoundLaunchOutcome.AlreadyStarted
        ? Results.Json(RoundStatusReader.Planned(plan, nameof(OrchestrationRuntimeStatus.Pending)), JsonDefaults.Options, statusCode: StatusCodes.Status202Accepted)
        : Problems.Conflict($"Ronde '{plan.RoundId}' wordt op dit moment gestart met een andere opdracht. Kies een andere roundId.");

    private async Task<IResult?> ExistingAsync(RoundSpec spec, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(spec.RoundId!, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
            return await HistoryPurgedAsync(spec, client, cancellationToken);
        var plan = instance.ReadInputAs<RoundPlan>();
        var view = await reader.ReadAsync(client, spec.RoundId!, cancellationToken);
        if (plan?.SpecHash == RoundPlanner.HashOf(spec))
            return Results.Json(view, JsonDefaults.Options, statusCode: StatusCodes.Status200OK);
        return Problems.Conflict(instance.IsRunning
            ? $"Ronde '{spec.RoundId}' loopt al, met een andere opdracht. Kies een andere roundId of annuleer de lopende ronde eerst."
            : $"Ronde '{spec.RoundId}' heeft al gelopen ({instance.RuntimeStatus}). Kies een andere roundId.", view);
    }

    /// <summary>
    /// A finished round whose orchestration history was purged (retention, purge-personal-data) is still stored: its id
    /// stays taken, or a new orchestration would run on the old round's stored plan.
    /// </summary>
    private async Task<IResult?> HistoryPurgedAsync(RoundSpec spec, DurableTaskClient client, CancellationToken cancellationToken) =>
        await reader.ReadAsync(client, spec.RoundId!, cancellationToken) is { } view
            ? Problems.Conflict($"Ronde '{spec.RoundId}' heeft al gelopen ({RoundPhase.Dutch(view.Phase).ToLowerInvariant()}). Kies een andere roundId.", view)
            : null;
}
