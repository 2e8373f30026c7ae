using System.Globalization;
using Microsoft.DurableTask;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Rounds.Activities;

public sealed record FinalLetter(string RoundId, int DraftNumber, IReadOnlyList<string> Blobs);

/// <summary>Copies the approved draft to final/ (never overwritten) and marks the round approved.</summary>
public sealed class FinaliseLetter(LetterStore letters, RoundStore rounds, AuditLog audit, TimeProvider clock, IOperatorEvents events)
    : TaskActivity<DraftRequest, FinalLetter>
{
    public override async Task<FinalLetter> RunAsync(TaskActivityContext context, DraftRequest draft)
    {
        var blobs = await letters.FinaliseAsync(draft.RoundId, draft.Number, CancellationToken.None);
        await rounds.SetPhaseAsync(draft.RoundId, RoundPhase.Approved, CancellationToken.None);
        await audit.WriteAsync(draft.RoundId, draft.By ?? AuditActions.Approver, draft.ByName, AuditActions.Approved,
            $"Concept {draft.Number} goedgekeurd en vastgelegd als definitieve brief.", clock.GetUtcNow(), CancellationToken.None);
        var manifest = await letters.ReadManifestAsync(draft.RoundId, LetterStore.Final, CancellationToken.None);
        events.Track(TelemetryNames.RoundApproved, new Dictionary<string, string>
        {
            [TelemetryNames.Properties.RoundId] = draft.RoundId,
            [TelemetryNames.Properties.Draft] = draft.Number.ToString(CultureInfo.InvariantCulture),
            [TelemetryNames.Properties.MissingPillars] = (manifest?.Missing.Count ?? 0).ToString(CultureInfo.InvariantCulture),
        });
        return new FinalLetter(draft.RoundId, draft.Number, blobs);
    }
}
