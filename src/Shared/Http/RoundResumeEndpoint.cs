using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Http;

/// <summary>
/// POST /api/rounds/{id}/resume: a round whose orchestration failed (a bug, a poison input, an outage longer than the
/// retries) carries on from its stored state. The engine cannot rewind, so a new run starts under the same instance
/// id, allowed only while the old one is Failed or Terminated (the dedupe statuses refuse a round that is running or
/// completed, also when two resumes race), with the old run's last status as its resume marker.
/// </summary>
public sealed class RoundResumeEndpoint(RoundStore rounds, RoundStatusReader reader, AuditLog audit, CallerResolver callers, IOptions<ActivityRetrySettings> retry,
    TimeProvider clock, IOperatorEvents events)
{
    private static readonly OrchestrationRuntimeStatus[] NotResumable =
    [
        OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Suspended, OrchestrationRuntimeStatus.Completed,
    ];

    public async Task<IResult> HandleAsync(string roundId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        // No body to read, so the cross-site check that JsonBody makes for every other command is made here.
        if (CrossSiteRequests.Refusal(request) is { } refused)
            return refused;
        var (caller, denied) = callers.Coordinator(request, "een vastgelopen ronde hervatten");
        if (denied is not null)
            return denied;
        var round = await RoundState.LoadAsync(client, rounds, roundId, cancellationToken);
        if (round.Instance is null)
            return Problems.NotFound($"Er is geen ronde '{roundId}'.");
        if (round.Phase != RoundPhase.Failed || round.Instance.RuntimeStatus is not (OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
            return Problems.Conflict($"Ronde '{roundId}' is niet vastgelopen (fase {RoundPhase.Dutch(round.Phase).ToLowerInvariant()}); hervatten kan alleen na een fout.",
                await reader.ReadAsync(round, cancellationToken));

        var failedRun = round.Instance.ReadInputAs<RoundPlan>();
        // The stored plan carries the coordinator's latest texts; before the round was stored, the failed run's input is all there is.
        var plan = round.Plan ?? failedRun;
        if (plan is null)
            return Problems.Conflict($"Het plan van ronde '{roundId}' is niet meer te lezen; de ronde kan niet worden hervat.");
        var resume = new RoundResume(round.Status, (failedRun?.Resume?.Count ?? 0) + 1, round.Instance.LastUpdatedAt);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(RoundOrchestrator), plan with { Retry = retry.Value, Resume = resume },
                new StartOrchestrationOptions(roundId).WithDedupeStatuses(NotResumable), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return Problems.Conflict($"Ronde '{roundId}' wordt al hervat.", await reader.ReadAsync(client, roundId, cancellationToken));
        }

        await audit.WriteAsync(roundId, caller!, AuditActions.RoundResumed,
            $"De vastgelopen ronde is hervat vanaf fase {RoundPhase.Dutch(round.Status?.Phase ?? RoundPhase.Starting).ToLowerInvariant()}"
            + (resume.Count > 1 ? $" (de {resume.Count}e keer)." : "."), clock.GetUtcNow(), cancellationToken);
        events.Track(TelemetryNames.RoundResumed, new Dictionary<string, string>
        {
            [TelemetryNames.Properties.RoundId] = roundId,
            [TelemetryNames.Properties.Phase] = round.Status?.Phase ?? RoundPhase.Starting,
            [TelemetryNames.Properties.Count] = resume.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return Results.Json(await reader.ReadAsync(client, roundId, cancellationToken), JsonDefaults.Options, statusCode: StatusCodes.Status202Accepted);
    }
}
