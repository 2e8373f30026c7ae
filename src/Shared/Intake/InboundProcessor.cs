using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Http;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>What became of one inbound post.</summary>
public sealed record InboundResult
{
    public required string Id { get; init; }
    public required string Outcome { get; init; }
    public string? Reason { get; init; }
    public string? RoundId { get; init; }
    public string? Ministry { get; init; }
    public string ArchiveBlob { get; init; } = "";
    public IReadOnlyList<StoredContribution> Versions { get; init; } = [];
    public bool Duplicate { get; init; }
    public bool NoticeSent { get; init; }
}

/// <summary>
/// The mail pipeline after the payload is archived: parse, reply token, round and ministry, sender, spam,
/// extraction, storage and event. Every rejection ends in quarantine with its reason; only storage and engine
/// faults escape as exceptions (the endpoint answers 503 so SendGrid retries, and the archive keeps the payload).
/// </summary>
public sealed class InboundProcessor(
    InboundStore inbound,
    RoundStore rounds,
    ContributionRecorder recorder,
    ReplyToken tokens,
    MailComposer composer,
    IMailSender mail,
    AuditLog audit,
    IOptions<InboundOptions> options,
    TimeProvider clock,
    ILogger<InboundProcessor> logger)
{
    private InboundOptions Options => options.Value;

    public SendGridInboundParser Parser => new(new InboundLimits { MaxPostBytes = Math.Max(Options.MaxRequestBytes, 1) });

    /// <summary>Runs the pipeline on an archived payload. <paramref name="receivedAt"/> is when it first arrived.</summary>
    public async Task<InboundResult> ProcessAsync(byte[] payload, string id, string? contentType, string archiveBlob, DateTimeOffset receivedAt,
        DurableTaskClient client, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        InboundMessage message;
        try
        {
            message = await Parser.ParseAsync(new MemoryStream(payload, writable: false), contentType, cancellationToken);
        }
        catch (InboundParseException e)
        {
            return await QuarantineAsync(Base(id, archiveBlob, receivedAt), $"Bericht onleesbaar ({e.Error}): {e.Message}", null, null, null, cancellationToken);
        }

        var record = Base(id, archiveBlob, receivedAt) with { From = message.From.Address, Subject = message.Subject };

        // Reply token: the first valid one among To, Cc and the real (envelope) recipients.
        var found = ReplyToken.FindTokens(message.To.Select(a => a.Address).Concat(message.Cc.Select(a => a.Address)).Concat(message.EnvelopeTo)).ToList();
        ReplyTokenCheck? check = null;
        foreach (var token in found)
        {
            var c = tokens.Validate(token, now);
            if (c.IsValid) { check = c; break; }
            check ??= c;
        }
        if (check is null)
            return await QuarantineAsync(record, ReplyTokenCheck.DutchMessage(ReplyTokenFailure.Missing), message, null, null, cancellationToken);
        if (!check.IsValid)
            return await QuarantineAsync(record with { RoundId = check.Token?.RoundId, Ministry = check.Token?.Ministry },
                check.Dutch, message, null, null, cancellationToken, auditRound: false);
        var data = check.Token!;

        // Round and ministry.
        var round = await rounds.GetAsync(data.RoundId, cancellationToken);
        var instance = round is null ? null : await client.GetInstanceAsync(data.RoundId, getInputsAndOutputs: true, cancellationToken);
        if (round is null || instance is null)
            return await QuarantineAsync(record, $"Er is geen uitvraag '{data.RoundId}'.", message, null, null, cancellationToken);
        var status = RoundStatusReader.CustomStatus(instance);
        var phase = status?.Phase ?? round.Phase;
        var participant = round.Plan.FindParticipant(data.Ministry);
        record = record with { RoundId = round.Plan.RoundId, Ministry = participant?.Code ?? data.Ministry.ToUpperInvariant() };
        if (!instance.IsRunning || RoundPhase.IsFinished(phase))
            return await QuarantineAsync(record, $"De uitvraag '{data.RoundId}' is afgerond ({phase}); bijdragen worden niet meer aangenomen.", message, round.Plan, null, cancellationToken);
        if (participant is null)
            return await QuarantineAsync(record, $"'{data.Ministry}' neemt niet deel aan uitvraag '{data.RoundId}'.", message, round.Plan, null, cancellationToken);

        // Sender.
        var sender = SenderCheck.Check(message, participant.AllowedSenders);
        if (!sender.Allowed)
            return await QuarantineAsync(record, $"Afzender niet geaccepteerd: {sender.Reason}", message, round.Plan, sender, cancellationToken);

        if (message.SpamScore is { } score && score > Options.SpamScoreThreshold)
            return await QuarantineAsync(record, $"Spamscore {score.ToString("0.0", CultureInfo.InvariantCulture)} is hoger dan {Options.SpamScoreThreshold.ToString("0.0", CultureInfo.InvariantCulture)}.",
                message, round.Plan, sender, cancellationToken);

        // Extraction: what the ministry still owes, or everything it writes when this is a resubmission.
        var progress = status?.Ministries.FirstOrDefault(m => string.Equals(m.Ministry, participant.Code, StringComparison.OrdinalIgnoreCase));
        IReadOnlyList<int> owed = progress is { Missing.Count: > 0 } ? progress.Missing : participant.Pillars;
        var extraction = ContributionExtractor.Extract(message, owed, round.Plan.Definition);
        if (!extraction.Accepted || extraction.Sections.Count == 0)
            return await QuarantineAsync(record, extraction.RejectionReason ?? "Geen bijdrage gevonden in het bericht.", message, round.Plan, sender, cancellationToken);

        var result = await recorder.RecordAsync(client, new Submission
        {
            RoundId = round.Plan.RoundId,
            Ministry = participant.Code,
            SubmissionKey = string.IsNullOrWhiteSpace(message.MessageId) ? id : "msgid:" + message.MessageId.Trim(),
            Sections = extraction.Sections,
            Sender = sender.Sender,
            Source = "mail",
            ReceivedAt = receivedAt,
            RequestVersion = data.Version,
            MessageId = message.MessageId,
            ArchiveBlob = archiveBlob,
        }, cancellationToken);

        var accepted = record with
        {
            Outcome = InboundOutcomes.Accepted,
            Reason = result.Duplicate ? "Al eerder ontvangen (dubbel bericht)." : null,
            Versions = string.Join(",", result.Versions.Select(v => $"{v.Pillar}:{v.Version}")),
        };
        await inbound.RecordAsync(accepted, cancellationToken);
        return new InboundResult
        {
            Id = id, Outcome = InboundOutcomes.Accepted, Reason = accepted.Reason, RoundId = accepted.RoundId, Ministry = accepted.Ministry,
            ArchiveBlob = archiveBlob, Versions = result.Versions, Duplicate = result.Duplicate,
        };
    }

    private static InboundRecord Base(string id, string archiveBlob, DateTimeOffset receivedAt) => new()
    {
        Id = id, Outcome = InboundOutcomes.Quarantined, ArchiveBlob = archiveBlob, ReceivedAt = receivedAt,
    };

    private async Task<InboundResult> QuarantineAsync(InboundRecord record, string reason, InboundMessage? message, RoundPlan? plan,
        SenderCheckResult? sender, CancellationToken cancellationToken, bool auditRound = true)
    {
        record = record with { Outcome = InboundOutcomes.Quarantined, Reason = reason };
        var first = await inbound.RecordAsync(record, cancellationToken);
        if (first && auditRound && plan is not null)
            await audit.WriteAsync(plan.RoundId, record.From ?? "onbekend", "mail-quarantined",
                $"{record.Ministry ?? "?"}: bericht '{record.Subject}' in quarantaine ({record.Id[..12]}): {reason}", clock.GetUtcNow(), cancellationToken);

        // An explanatory reply only to a From address that SPF or DKIM vouched for; otherwise it is backscatter.
        var mayReply = message is not null && (sender ?? SenderCheck.Check(message, [])).MayReply;
        var noticeSent = false;
        if (mayReply && await inbound.ClaimNoticeAsync(record.Id, record.ReceivedAt, cancellationToken))
        {
            try
            {
                await mail.SendAsync(composer.QuarantineNotice(message!.From.Address, message.Subject, reason, plan, record.Ministry), cancellationToken);
                noticeSent = true;
            }
            catch (MailDeliveryException e)
            {
                logger.LogWarning(e, "Quarantine notice for inbound {Id} not sent", record.Id);
            }
        }
        logger.LogInformation("Inbound {Id} quarantined: {Reason}", record.Id, reason);
        return new InboundResult
        {
            Id = record.Id, Outcome = InboundOutcomes.Quarantined, Reason = reason, RoundId = record.RoundId, Ministry = record.Ministry,
            ArchiveBlob = record.ArchiveBlob, NoticeSent = noticeSent,
        };
    }
}
