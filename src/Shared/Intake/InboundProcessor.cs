using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>
/// The mail pipeline: archive the payload first (nothing is lost), then parse, reply token, round and ministry
/// (through the round gate), sender, spam, extraction, storage and event. Every rejection ends in quarantine with
/// its reason; only storage and engine faults escape as exceptions (the endpoint answers 503 so SendGrid retries,
/// and the archive keeps the payload).
/// </summary>
public sealed class InboundProcessor(
    InboundStore inbound,
    RoundStore rounds,
    ContributionRecorder recorder,
    ReplyToken tokens,
    MailComposer composer,
    RoundMailer mailer,
    AuditLog audit,
    IOptions<InboundOptions> options,
    TimeProvider clock,
    ILogger<InboundProcessor> logger)
{
    private InboundOptions Options => options.Value;

    /// <summary>A post as it arrived: archived and noted as received before anything else, then processed.</summary>
    public async Task<InboundResult> ReceiveAsync(byte[] payload, string? contentType, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = InboundStore.Sha256(payload);
        var blob = await inbound.ArchiveAsync(payload, id, contentType, now, cancellationToken);
        await inbound.MarkReceivedAsync(id, blob, now, cancellationToken);
        return await ProcessAsync(payload, id, contentType, blob, now, client, cancellationToken);
    }

    /// <summary>Runs the pipeline on an archived payload. <paramref name="receivedAt"/> is when it first arrived.</summary>
    public async Task<InboundResult> ProcessAsync(byte[] payload, string id, string? contentType, string archiveBlob, DateTimeOffset receivedAt,
        DurableTaskClient client, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var record = new InboundRecord { Id = id, Outcome = InboundOutcomes.Quarantined, ArchiveBlob = archiveBlob, ReceivedAt = receivedAt };
        InboundMessage message;
        try
        {
            message = await new SendGridInboundParser(Options.Limits).ParseAsync(new MemoryStream(payload, writable: false), contentType, cancellationToken);
        }
        catch (InboundParseException e)
        {
            return await QuarantineAsync(record, IntakeReason.ForParseError(e), null, null, null, cancellationToken);
        }

        record = record with { From = message.From.Address, Subject = message.Subject };

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
            return await QuarantineAsync(record, IntakeReason.ForToken(null), message, null, null, cancellationToken);
        if (!check.IsValid)
            return await QuarantineAsync(record with { RoundId = check.Token?.RoundId, Ministry = check.Token?.Ministry },
                IntakeReason.ForToken(check), message, null, null, cancellationToken, auditRound: false);
        var data = check.Token!;

        // Round and ministry, through the round gate.
        var round = await RoundState.LoadAsync(client, rounds, data.RoundId, cancellationToken);
        if (round.Plan is not { } plan || round.Instance is null)
            return await QuarantineAsync(record, new IntakeReason(IntakeReasonCode.RoundUnknown) { RoundId = data.RoundId }, message, null, null, cancellationToken);
        var participant = plan.FindParticipant(data.Ministry);
        record = record with { RoundId = plan.RoundId, Ministry = participant?.Code ?? data.Ministry.ToUpperInvariant() };
        if (!round.IsOpen)
            return await QuarantineAsync(record, new IntakeReason(IntakeReasonCode.RoundFinished) { RoundId = data.RoundId, Phase = round.Phase },
                message, plan, null, cancellationToken);
        if (participant is null)
            return await QuarantineAsync(record, new IntakeReason(IntakeReasonCode.MinistryNotInRound) { RoundId = data.RoundId, Ministry = data.Ministry },
                message, plan, null, cancellationToken);

        // Sender.
        var sender = SenderCheck.Check(message, participant.AllowedSenders);
        if (!sender.Allowed)
            return await QuarantineAsync(record, IntakeReason.ForSender(sender, participant.Code), message, plan, sender, cancellationToken);

        if (message.SpamScore is { } score && score > Options.SpamScoreThreshold)
            return await QuarantineAsync(record, new IntakeReason(IntakeReasonCode.Spam) { SpamScore = score, SpamThreshold = Options.SpamScoreThreshold },
                message, plan, sender, cancellationToken);

        // Extraction: what the ministry still owes, or everything it writes when this is a resubmission.
        var owed = round.OwedPillars(participant);
        var extraction = ContributionExtractor.Extract(message, owed, plan.Definition);
        if (!extraction.Accepted || extraction.Sections.Count == 0)
            return await QuarantineAsync(record, IntakeReason.ForExtraction(extraction, owed, participant.Code), message, plan, sender, cancellationToken);

        var result = await recorder.RecordAsync(client, new Submission
        {
            RoundId = plan.RoundId,
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

        var note = result.Duplicate ? new IntakeReason(IntakeReasonCode.Duplicate) : null;
        var accepted = record with
        {
            Outcome = InboundOutcomes.Accepted,
            Reason = note is null ? null : IntakeWording.For(note),
            ReasonCode = note?.Code.ToString(),
            Versions = string.Join(",", result.Versions.Select(v => $"{v.Pillar}:{v.Version}")),
        };
        await inbound.RecordAsync(accepted, cancellationToken);
        return new InboundResult
        {
            Id = id, Outcome = InboundOutcomes.Accepted, Reason = accepted.Reason, ReasonCode = note?.Code, RoundId = accepted.RoundId,
            Ministry = accepted.Ministry, ArchiveBlob = archiveBlob, Versions = result.Versions, Duplicate = result.Duplicate,
        };
    }

    private async Task<InboundResult> QuarantineAsync(InboundRecord record, IntakeReason reason, InboundMessage? message, RoundPlan? plan,
        SenderCheckResult? sender, CancellationToken cancellationToken, bool auditRound = true)
    {
        var text = IntakeWording.For(reason);
        record = record with { Outcome = InboundOutcomes.Quarantined, Reason = text, ReasonCode = reason.Code.ToString() };
        var first = await inbound.RecordAsync(record, cancellationToken);
        if (first && auditRound && plan is not null)
            await audit.WriteAsync(plan.RoundId, record.From ?? "onbekend", AuditActions.MailQuarantined,
                $"{record.Ministry ?? "?"}: bericht '{record.Subject}' in quarantaine ({record.Id[..12]}): {text}", clock.GetUtcNow(), cancellationToken);

        // An explanatory reply only to a From address that SPF or DKIM vouched for; otherwise it is backscatter.
        // It goes out through the round mailer like every other message, so it is audited.
        var senderAuthenticated = message is not null && (sender ?? SenderCheck.Check(message, [])).SenderAuthenticated;
        if (senderAuthenticated && await inbound.ClaimNoticeAsync(record.Id, record.ReceivedAt, cancellationToken))
        {
            try
            {
                await mailer.SendAsync(composer.QuarantineNotice(message!.From.Address, message.Subject, text, plan, record.Ministry)
                    with { MessageId = MessageIds.QuarantineNotice(record.Id) }, cancellationToken);
            }
            catch (MailDeliveryException e) when (e.Transient)
            {
                // The message itself is safely in quarantine; a lost notice is not worth failing the webhook for.
                logger.LogWarning(e, "Quarantine notice for inbound {Id} not sent", record.Id);
            }
        }
        logger.LogInformation("Inbound {Id} quarantined: {ReasonCode}", record.Id, reason.Code);
        return new InboundResult
        {
            Id = record.Id, Outcome = InboundOutcomes.Quarantined, Reason = text, ReasonCode = reason.Code, RoundId = record.RoundId,
            Ministry = record.Ministry, ArchiveBlob = record.ArchiveBlob,
        };
    }
}
