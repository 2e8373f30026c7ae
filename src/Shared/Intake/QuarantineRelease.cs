using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MigrationAgenda.Access;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>What the coordinator says when releasing: the round, ministry and pillar the message is for (round and ministry default to what intake found).</summary>
public sealed record ReleaseRequest
{
    public string? RoundId { get; init; }
    public string? Ministry { get; init; }
    public int? Pillar { get; init; }
}

/// <summary>A release: the stored versions, or why it was refused.</summary>
public sealed record ReleaseResult(IReadOnlyList<StoredContribution> Versions, IntakeRefusal? Refusal = null)
{
    public static implicit operator ReleaseResult(IntakeRefusal refusal) => new([], refusal);
}

/// <summary>
/// The coordinator vouches for a quarantined message: its text becomes that ministry's contribution for that pillar,
/// recorded like any other (one version, one event), and the message is marked released.
/// </summary>
public sealed class QuarantineRelease(
    InboundStore inbound,
    RoundStore rounds,
    ContributionRecorder recorder,
    AuditLog audit,
    IOptions<InboundOptions> options,
    TimeProvider clock)
{
    /// <param name="by">The coordinator who vouches for it: the audit entry's actor.</param>
    public async Task<ReleaseResult> ReleaseAsync(string id, ReleaseRequest request, Caller by, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var record = await inbound.GetAsync(id, cancellationToken);
        if (record is null)
            return IntakeRefusal.NoMessage(id);
        if (record.Outcome != InboundOutcomes.Quarantined)
            return IntakeRefusal.Conflict($"Bericht '{id}' staat niet in quarantaine ({record.Outcome}).");
        var roundId = request.RoundId ?? record.RoundId;
        if (string.IsNullOrWhiteSpace(roundId))
            return IntakeRefusal.Invalid("roundId", "Verplicht: de uitvraag waarvoor het bericht geldt.");

        var round = await RoundState.LoadAsync(client, rounds, roundId, cancellationToken);
        if (round.Plan is not { } plan || round.Instance is null)
            return IntakeRefusal.NotFound($"Er is geen ronde '{roundId}'.");
        if (!round.IsOpen)
            return IntakeRefusal.Conflict($"Ronde '{roundId}' is afgerond; bijdragen worden niet meer aangenomen.");
        var participant = (request.Ministry ?? record.Ministry) is { } code ? plan.FindParticipant(code) : null;
        if (participant is null)
            return IntakeRefusal.Invalid("ministry", $"Verplicht: één van {string.Join(", ", plan.Participants.Select(p => p.Code))}.");
        if (request.Pillar is not { } pillar || !participant.Pillars.Contains(pillar))
            return IntakeRefusal.Invalid("pillar", $"{participant.Code} schrijft pijler {string.Join(", ", participant.Pillars)}.");

        var archived = await inbound.ReadArchiveAsync(record.ArchiveBlob, cancellationToken);
        if (archived is null)
            return IntakeRefusal.NoArchive(id, record.ArchiveBlob);
        InboundMessage message;
        try
        {
            message = await new SendGridInboundParser(options.Value.Limits).ParseAsync(new MemoryStream(archived.Value.Payload), archived.Value.ContentType, cancellationToken);
        }
        catch (InboundParseException e)
        {
            return IntakeRefusal.Conflict($"{IntakeWording.For(IntakeReason.ForParseError(e))} Vrijgeven kan niet.");
        }

        // The coordinator named the pillar: a section headed with it wins, else the first section, else the whole body.
        var extraction = ContributionExtractor.Extract(message, [pillar], plan.Definition);
        var section = extraction.Sections.FirstOrDefault(s => s.Pillar == pillar) ?? extraction.Sections.FirstOrDefault();
        var text = section?.Text ?? (message.TextBody is { Length: > 0 } t ? t.Trim() : HtmlToText.Convert(message.HtmlBody).Trim());
        if (string.IsNullOrWhiteSpace(text))
            return IntakeRefusal.Conflict("Het bericht bevat geen tekst om als bijdrage vast te leggen.");
        if (text.Length > ContributionStore.MaxTextLength)
            text = text[..ContributionStore.MaxTextLength];

        var now = clock.GetUtcNow();
        var result = await recorder.RecordAsync(client, new Submission
        {
            RoundId = plan.RoundId,
            Ministry = participant.Code,
            SubmissionKey = $"release:{id}:{pillar}",
            Sections = [new PillarText { Pillar = pillar, Text = text, Footnotes = section?.Footnotes ?? [] }],
            Sender = message.From.Address,
            Source = "mail",
            ReceivedAt = now,
            RequestVersion = round.RequestVersion(participant.Code),
            MessageId = message.MessageId,
            ArchiveBlob = record.ArchiveBlob,
        }, cancellationToken);
        await inbound.MarkReleasedAsync(record, pillar, plan.RoundId, participant.Code, now, cancellationToken);
        await audit.WriteAsync(plan.RoundId, by, AuditActions.MailReleased,
            $"{participant.Code}: bericht {id[..12]} uit quarantaine vrijgegeven als pijler {pillar}.", now, cancellationToken);
        return new ReleaseResult(result.Versions);
    }
}
