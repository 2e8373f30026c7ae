using Microsoft.DurableTask;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

public sealed record FinalLetter(string RoundId, int DraftNumber, IReadOnlyList<string> Blobs);

/// <summary>Copies the approved draft to final/ (never overwritten) and marks the round approved.</summary>
public sealed class FinaliseLetter(LetterStore letters, RoundStore rounds, AuditLog audit, TimeProvider clock)
    : TaskActivity<DraftRequest, FinalLetter>
{
    public override async Task<FinalLetter> RunAsync(TaskActivityContext context, DraftRequest draft)
    {
        var blobs = await letters.FinaliseAsync(draft.RoundId, draft.Number, CancellationToken.None);
        await rounds.SetPhaseAsync(draft.RoundId, RoundPhase.Approved, CancellationToken.None);
        await audit.WriteAsync(draft.RoundId, draft.By ?? AuditActions.Approver, draft.ByName, AuditActions.Approved,
            $"Concept {draft.Number} goedgekeurd en vastgelegd als definitieve brief.", clock.GetUtcNow(), CancellationToken.None);
        return new FinalLetter(draft.RoundId, draft.Number, blobs);
    }
}
