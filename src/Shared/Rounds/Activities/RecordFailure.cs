using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Rounds.Activities;

/// <param name="Reason">The failure's exception type (never its message: it may carry personal data).</param>
public sealed record RoundFailure(string RoundId, string Phase, string Reason);

/// <summary>
/// The round is about to fail: tells the operator (<see cref="TelemetryNames.RoundFailed"/>, what the alert counts)
/// and writes the timeline's line. Called by the orchestrator, which then fails; storage may be the reason, so the
/// audit line is best effort and the event goes first.
/// </summary>
public sealed class RecordFailure(IOperatorEvents events, AuditLog audit, TimeProvider clock, ILogger<RecordFailure> logger) : TaskActivity<RoundFailure, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RoundFailure failure)
    {
        events.Track(TelemetryNames.RoundFailed, new Dictionary<string, string>
        {
            [TelemetryNames.Properties.RoundId] = failure.RoundId,
            [TelemetryNames.Properties.Phase] = failure.Phase,
            [TelemetryNames.Properties.Reason] = failure.Reason,
        });
        try
        {
            await audit.WriteAsync(failure.RoundId, AuditActions.System, AuditActions.RoundFailed,
                $"De ronde is vastgelopen in fase {RoundPhase.Dutch(failure.Phase).ToLowerInvariant()} ({failure.Reason}). "
                + "Er gaat niets verloren: hervat de ronde zodra de oorzaak is verholpen.", clock.GetUtcNow(), CancellationToken.None);
        }
        catch (Exception e) when (TransientFault.Is(e))
        {
            logger.LogWarning("Round {Round} failed; its audit line could not be written ({Error})", failure.RoundId, e.GetType().Name);
        }
        return true;
    }
}
