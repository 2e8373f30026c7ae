using Microsoft.DurableTask.Client;
using MigrationAgenda.Access;
using MigrationAgenda.Letters;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>Which pillars to take last year's text over for; none: the pillars the note says are unchanged.</summary>
public sealed record AdoptRequest
{
    public IReadOnlyList<int>? Pillars { get; init; }
}

/// <summary>
/// "Neem de tekst van vorig jaar over": a ministry replied that nothing changed ("geen wijzigingen", kept as a note
/// with its unchanged pillars); the coordinator takes last year's final text of those pillars over as this year's
/// version for that ministry. Only on the coordinator's click, never automatically. One submission (one version per
/// pillar, stored once however often clicked), one ContributionReceived event so the round stops chasing those
/// pillars, one audit line with the coordinator as actor.
/// </summary>
public sealed class LastYearAdoption(
    NoteStore notes,
    RoundStore rounds,
    LastYearTexts lastYear,
    ContributionRecorder recorder,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>The source stored contributions name: the text came from last year's letter.</summary>
    public const string Source = "vorig jaar";

    public async Task<CountResult> AdoptAsync(string roundId, string noteId, AdoptRequest request, Caller by, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var round = await RoundState.LoadAsync(client, rounds, roundId, cancellationToken);
        if (round.Plan is not { } plan || round.Instance is null)
            return IntakeRefusal.NotFound($"Er is geen ronde '{roundId}'.");
        if (plan.PreviousRoundId is not { } previous)
            return IntakeRefusal.Conflict($"Ronde '{roundId}' is niet gestart vanuit een ronde van vorig jaar; er is geen tekst van vorig jaar om over te nemen.");
        var found = await notes.GetAsync(plan.RoundId, noteId, cancellationToken);
        if (found is null)
            return IntakeRefusal.NotFound($"Ronde '{roundId}' heeft geen notitie '{noteId}'.");
        var note = found.Value.Note;
        if (note.Kind != NoteKinds.Note)
            return IntakeRefusal.Conflict("Alleen bij een notitie van een ministerie kan de tekst van vorig jaar worden overgenomen, niet bij een automatisch antwoord of een begeleidende tekst.");
        if (!round.IsOpen)
            return IntakeRefusal.Conflict($"Ronde '{roundId}' is afgerond; bijdragen worden niet meer aangenomen.");
        if (plan.FindParticipant(note.Ministry) is not { } participant)
            return IntakeRefusal.Conflict($"'{note.Ministry}' neemt niet deel aan ronde '{roundId}'.");
        if (note.CountedPillar is { } counted)
            return IntakeRefusal.Conflict($"Deze notitie telt al mee als bijdrage voor pijler {counted}; de tekst van vorig jaar wordt er niet ook nog bij overgenomen.");

        var pillars = (request.Pillars ?? note.UnchangedPillars).Distinct().Order().ToList();
        if (pillars.Count == 0)
            return IntakeRefusal.Invalid("pillars", $"Noem de pijlers waarvan u de tekst van vorig jaar overneemt ({participant.Code} schrijft pijler {string.Join(", ", participant.Pillars)}).");
        if (pillars.Where(p => !participant.Pillars.Contains(p)).ToList() is { Count: > 0 } wrong)
            return IntakeRefusal.Invalid("pillars", $"{DutchFormat.PillarNumbers(wrong)}: {participant.Code} schrijft pijler {string.Join(", ", participant.Pillars)}.");

        var texts = await lastYear.ForAsync(previous, participant.Code, pillars, cancellationToken);
        if (texts is null)
            return IntakeRefusal.Conflict($"Ronde '{previous}' heeft geen definitieve brief; er is geen tekst van vorig jaar om over te nemen.");
        if (texts.Without.Count > 0)
            return IntakeRefusal.Conflict($"In de definitieve brief van ronde '{previous}' staat voor {DutchFormat.PillarNumbers(texts.Without)} geen tekst van {participant.Code}; " +
                "daarvoor is er niets over te nemen. Vraag het ministerie om een tekst, of neem alleen de andere pijlers over.");

        var now = clock.GetUtcNow();
        var result = await recorder.RecordAsync(client, new Submission
        {
            RoundId = plan.RoundId,
            Ministry = participant.Code,
            // Once per note and set of pillars, however often or concurrently clicked.
            SubmissionKey = $"last-year:{note.Id}:{string.Join(",", pillars)}",
            Sections = texts.Pillars,
            Sender = by.Actor,
            SenderName = by.DisplayName,
            Source = Source,
            ReceivedAt = now,
            RequestVersion = round.RequestVersion(participant.Code),
        }, cancellationToken);
        if (!result.Duplicate)
        {
            await notes.MarkAdoptedAsync(plan.RoundId, note.Id, pillars, string.Join(",", result.Versions.Select(v => $"{v.Pillar}:{v.Version}")), now, cancellationToken);
            await audit.WriteAsync(plan.RoundId, by, AuditActions.LastYearAdopted,
                $"{participant.Code}: tekst van vorig jaar (ronde {previous}) overgenomen voor {DutchFormat.PillarNumbers(pillars)}, op notitie {note.Id[..12]}.",
                now, cancellationToken);
        }
        return new CountResult(result.Versions, result.Duplicate);
    }
}
