using Microsoft.DurableTask.Client;
using MigrationAgenda.Access;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>What the coordinator says when counting a note: the pillar it is the text for.</summary>
public sealed record CountRequest
{
    public int? Pillar { get; init; }
}

/// <summary>A count: the stored versions (the earlier ones when it was counted before), or why it was refused.</summary>
public sealed record CountResult(IReadOnlyList<StoredContribution> Versions, bool Duplicate, IntakeRefusal? Refusal = null)
{
    public static implicit operator CountResult(IntakeRefusal refusal) => new([], false, refusal);
}

/// <summary>
/// "Tel mee als bijdrage voor pijler N": the coordinator counts a note (a short reply intake did not take as letter
/// text) as the ministry's text for one of its pillars. It stores what intake reads for that pillar
/// (<see cref="ExtractionResult.AsContribution"/>), raises the round's event once and audits once, like any
/// contribution, so the round stops chasing that pillar. Idempotent: counting again for the same pillar answers with
/// the same versions; a note counts for one pillar only, claimed race-free on its row.
/// </summary>
public sealed class NoteCount(
    NoteStore notes,
    InboundStore inbound,
    RoundStore rounds,
    ArchivedReply archived,
    ContributionRecorder recorder,
    AuditLog audit,
    TimeProvider clock)
{
    /// <param name="by">The coordinator who counts it: the audit entry's actor.</param>
    public async Task<CountResult> CountAsync(string roundId, string noteId, CountRequest request, Caller by, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var round = await RoundState.LoadAsync(client, rounds, roundId, cancellationToken);
        if (round.Plan is not { } plan || round.Instance is null)
            return IntakeRefusal.NotFound($"Er is geen ronde '{roundId}'.");
        var found = await notes.GetAsync(plan.RoundId, noteId, cancellationToken);
        if (found is null)
            return IntakeRefusal.NotFound($"Ronde '{roundId}' heeft geen notitie '{noteId}'.");
        var (note, etag) = found.Value;
        if (note.Kind == NoteKinds.Automatic)
            return IntakeRefusal.Conflict("Een automatisch antwoord telt niet als bijdrage.");
        if (note.Kind == NoteKinds.Covering)
            return IntakeRefusal.Conflict($"Deze tekst kwam mee met een bijdrage die al is opgeslagen ({note.Versions}); hij telt niet apart mee.");
        if (note.Kind == NoteKinds.Approval)
            return IntakeRefusal.Conflict("Een bericht van de goedkeurder over een concept telt niet als bijdrage van een ministerie.");
        if (!round.IsOpen)
            return IntakeRefusal.Conflict($"Ronde '{roundId}' is afgerond; bijdragen worden niet meer aangenomen.");
        var participant = plan.FindParticipant(note.Ministry);
        if (participant is null)
            return IntakeRefusal.Conflict($"'{note.Ministry}' neemt niet deel aan ronde '{roundId}'.");
        if (request.Pillar is not { } pillar || !participant.Pillars.Contains(pillar))
            return IntakeRefusal.Invalid("pillar", $"{participant.Code} schrijft pijler {string.Join(", ", participant.Pillars)}; kies er één.");
        if (note.AdoptedPillars.Count > 0)
            return IntakeRefusal.Conflict($"Voor deze notitie is de tekst van vorig jaar al overgenomen ({DutchFormat.PillarNumbers(note.AdoptedPillars)}); de notitie telt niet ook zelf mee.");
        if (note.CountedPillar is { } counted && counted != pillar)
            return IntakeRefusal.Conflict($"Deze notitie telt al mee als bijdrage voor pijler {counted}.");

        var record = await inbound.GetAsync(note.Id, cancellationToken);
        if (record is null)
            return IntakeRefusal.NoMessage(note.Id);
        var read = await archived.ReadAsync(record, plan, pillar, cancellationToken);
        if (read.Refusal is { } refusal)
            return refusal;

        // One pillar per note: the first to claim the row wins; a concurrent count for another pillar is refused.
        var now = clock.GetUtcNow();
        while (note.CountedPillar is null && !await notes.ClaimCountAsync(note, etag, pillar, now, cancellationToken))
        {
            (note, etag) = (await notes.GetAsync(plan.RoundId, note.Id, cancellationToken))!.Value;
            if (note.CountedPillar is { } other && other != pillar)
                return IntakeRefusal.Conflict($"Deze notitie telt al mee als bijdrage voor pijler {other}.");
        }

        var result = await recorder.RecordAsync(client,
            read.AsSubmission(plan.RoundId, participant.Code, $"note:{note.Id}:{pillar}", round.RequestVersion(participant.Code), now, record.ArchiveBlob), cancellationToken);
        if (!result.Duplicate)
        {
            await notes.SetVersionsAsync(plan.RoundId, note.Id, string.Join(",", result.Versions.Select(v => $"{v.Pillar}:{v.Version}")), cancellationToken);
            await audit.WriteAsync(plan.RoundId, by, AuditActions.NoteCounted,
                $"{participant.Code}: notitie {note.Id[..12]} meegeteld als bijdrage voor pijler {pillar}.", now, cancellationToken);
        }
        return new CountResult(result.Versions, result.Duplicate);
    }
}
