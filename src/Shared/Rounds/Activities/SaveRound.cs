using Microsoft.DurableTask;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

/// <summary>Persists the round and one assignment per ministry before anything is sent.</summary>
public sealed class SaveRound(RoundStore rounds, AssignmentStore assignments, AuditLog audit, TimeProvider clock)
    : TaskActivity<RoundPlan, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RoundPlan plan)
    {
        await rounds.SaveAsync(plan, CancellationToken.None);
        foreach (var participant in plan.Participants)
            await assignments.CreateAsync(plan.RoundId, participant.Code, participant.Pillars, CancellationToken.None);
        await rounds.SetPhaseAsync(plan.RoundId, RoundPhase.Collecting, CancellationToken.None);
        await audit.WriteAsync(plan.RoundId, plan.StartedBy ?? AuditActions.System, plan.StartedByName, AuditActions.RoundStarted,
            $"Ronde gestart met {plan.Participants.Count} ministeries, deadline {plan.Deadline:u}.", clock.GetUtcNow(), CancellationToken.None);
        return true;
    }
}
