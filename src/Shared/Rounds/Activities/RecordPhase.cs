using Microsoft.DurableTask;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

public sealed record PhaseChange(string RoundId, string Phase, string Detail);

/// <summary>Keeps the Rounds table's phase (used by the round list) in step with the orchestration, with an audit line.</summary>
public sealed class RecordPhase(RoundStore rounds, AuditLog audit, TimeProvider clock) : TaskActivity<PhaseChange, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, PhaseChange change)
    {
        await rounds.SetPhaseAsync(change.RoundId, change.Phase, CancellationToken.None);
        await audit.WriteAsync(change.RoundId, AuditActions.System, AuditActions.Phase(change.Phase), change.Detail, clock.GetUtcNow(), CancellationToken.None);
        return true;
    }
}
