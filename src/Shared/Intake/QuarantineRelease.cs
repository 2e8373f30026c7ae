using Microsoft.DurableTask.Client;
using MigrationAgenda.Access;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

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
/// The coordinator vouches for a quarantined message: its text for that pillar (as intake reads it, never the raw
/// body) becomes that ministry's contribution, recorded like any other (one version, one event), and the message is
/// marked released in its row (which puts its archive back under the raw-mail retention).
/// </summary>
public sealed class QuarantineRelease(
    InboundStore inbound,
    RoundStore rounds,
    ArchivedReply archived,
    ContributionRecorder recorder,
    AuditLog audit,
    IOperatorEvents events,
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

        var read = await archived.ReadAsync(record, plan, pillar, cancellationToken);
        if (read.Refusal is { } refusal)
            return refusal;

        var now = clock.GetUtcNow();
        var result = await recorder.RecordAsync(client,
            read.AsSubmission(plan.RoundId, participant.Code, $"release:{id}:{pillar}", round.RequestVersion(participant.Code), now, record.ArchiveBlob), cancellationToken);
        await inbound.MarkReleasedAsync(record, pillar, plan.RoundId, participant.Code, now, cancellationToken);
        events.Track(TelemetryNames.InboundSettled, new Dictionary<string, string>
        {
            [TelemetryNames.Properties.MessageId] = id, [TelemetryNames.Properties.Outcome] = InboundOutcomes.Released,
        });
        await audit.WriteAsync(plan.RoundId, by, AuditActions.MailReleased,
            $"{participant.Code}: bericht {id[..12]} uit quarantaine vrijgegeven als pijler {pillar}.", now, cancellationToken);
        return new ReleaseResult(result.Versions);
    }
}
