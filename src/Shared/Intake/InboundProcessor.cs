using Azure;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Intake;

/// <summary>
/// The mail pipeline: archive the payload first (nothing is lost), then parse, reply token, round and ministry
/// (through the round gate), sender, spam, extraction, storage and event. Automatic mail (out-of-office, delivery
/// reports) is recorded with its kind and return date, on the round when its token says which, and never answered;
/// a note ("dank, volgt vrijdag", "geen wijzigingen") is kept on the round for the coordinator; neither raises an
/// event, so reminders go on. Every rejection ends in quarantine with its reason, a refusal by storage too; only
/// passing storage and engine faults escape as exceptions (the endpoint answers 503 so SendGrid retries, and the
/// archive keeps the payload). Each post is announced to the operator's alerts when archived and when settled.
/// </summary>
public sealed partial class InboundProcessor(
    InboundStore inbound,
    RoundStore rounds,
    ContributionRecorder recorder,
    ReplyToken tokens,
    MailComposer composer,
    RoundMailer mailer,
    AuditLog audit,
    IOptions<InboundOptions> options,
    TimeProvider clock,
    ILogger<InboundProcessor> logger,
    NoteStore notes,
    IOptions<MailOptions> mail,
    IOperatorEvents events,
    AddressHasher addresses,
    RoundCommandSender commands,
    DecisionClaimStore claims,
    InboundTiming timing,
    RoundPlanCache plans,
    QuarantineFollowUp followUp)
{
    private InboundOptions Options => options.Value;

    /// <summary>A post as it arrived: archived and noted as received before anything else, then processed.</summary>
    public async Task<InboundResult> ReceiveAsync(byte[] payload, string? contentType, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = InboundStore.Sha256(payload);
        var t = InboundTiming.Start();
        var blob = await inbound.ArchiveAsync(payload, id, contentType, now, cancellationToken);
        t = timing.Step("archive", t);
        // From here on every line names the message (LogScopes); ProcessAsync opens the same scope for a reprocess.
        using (logger.BeginMessageScope(id))
        {
            await inbound.MarkReceivedAsync(id, blob, now, cancellationToken);
            timing.Step("mark-received", t);
            Received(id);
        }
        return await ProcessAsync(payload, id, contentType, blob, now, client, cancellationToken);
    }

    /// <summary>Runs the pipeline on an archived payload. <paramref name="receivedAt"/> is when it first arrived.</summary>
    public async Task<InboundResult> ProcessAsync(byte[] payload, string id, string? contentType, string archiveBlob, DateTimeOffset receivedAt,
        DurableTaskClient client, CancellationToken cancellationToken)
    {
        using var messageScope = logger.BeginMessageScope(id);
        var now = clock.GetUtcNow();
        var record = new InboundRecord { Id = id, Outcome = InboundOutcomes.Quarantined, ArchiveBlob = archiveBlob, ReceivedAt = receivedAt };
        InboundMessage message;
        var t = InboundTiming.Start();
        try
        {
            message = await new SendGridInboundParser(Options.Limits).ParseAsync(new MemoryStream(payload, writable: false), contentType, cancellationToken);
        }
        catch (InboundParseException e)
        {
            timing.Step("parse", t);
            return await QuarantineAsync(record, IntakeReason.ForParseError(e), null, null, null, cancellationToken);
        }
        t = timing.Step("parse", t);

        record = record with { From = message.From.Address, Subject = message.Subject };
        // Automatic mail is never content and never answered, whatever else is wrong with it (no mail loops).
        var automatic = AutomaticMail.Detect(message, receivedAt);

        // Reply token: the first valid one among To, Cc and the real (envelope) recipients.
        var found = ReplyToken.FindTokens(message.To.Select(a => a.Address).Concat(message.Cc.Select(a => a.Address)).Concat(message.EnvelopeTo)).ToList();
        // A reply to a draft for approval (besluit+…) is the approver's decision, read on its own path.
        var approverTokens = ReplyToken.FindApproverTokens(message.To.Select(a => a.Address).Concat(message.Cc.Select(a => a.Address)).Concat(message.EnvelopeTo)).ToList();
        if (found.Count == 0 && approverTokens.Count > 0)
            return await ApprovalAsync(record, message, automatic, approverTokens, now, client, cancellationToken);
        ReplyTokenCheck? check = null;
        foreach (var token in found)
        {
            var c = tokens.Validate(token, now);
            if (c.IsValid) { check = c; break; }
            check ??= c;
        }
        t = timing.Step("token", t);
        if (automatic is not null && check is not { IsValid: true })
            return await AutomaticAsync(record, automatic, null, cancellationToken);
        if (check is null)
            return await QuarantineAsync(record, IntakeReason.ForToken(null), message, null, null, cancellationToken);
        if (!check.IsValid)
            return await QuarantineAsync(record with { RoundId = check.Token?.RoundId, Ministry = check.Token?.Ministry },
                IntakeReason.ForToken(check), message, null, null, cancellationToken, auditRound: false);
        var data = check.Token!;
        // A valid token names the round: what follows is the round's work too.
        using var roundScope = logger.BeginRoundScope(data.RoundId);

        // Round and ministry, through the round gate.
        var round = await plans.LoadAsync(client, rounds, data.RoundId, cancellationToken);
        t = timing.Step("round", t);
        if (round.Plan is not { } plan || round.Instance is null)
            return automatic is not null
                ? await AutomaticAsync(record, automatic, null, cancellationToken)
                : await QuarantineAsync(record, new IntakeReason(IntakeReasonCode.RoundUnknown) { RoundId = data.RoundId }, message, null, null, cancellationToken);
        var participant = plan.FindParticipant(data.Ministry);
        record = record with { RoundId = plan.RoundId, Ministry = participant?.Code ?? data.Ministry.ToUpperInvariant() };
        // Tied to a ministry of the round: shown there ("SZW: afwezig tot en met …"), whatever the phase and sender.
        if (automatic is not null)
            return await AutomaticAsync(record, automatic, participant is null ? null : plan, cancellationToken);
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
        var limits = IntakeLimits.For(mail.Value, plan, receivedAt);
        var extraction = ContributionExtractor.Extract(message, owed, plan.Definition, limits);
        // A correction: a heading for a pillar the ministry writes but has delivered already. Read again for all its
        // pillars, so the correction is a new version (newest wins) while what it still owes is taken as well.
        if (extraction.NotOwed.Any(participant.Pillars.Contains))
            extraction = ContributionExtractor.Extract(message, participant.Pillars, plan.Definition, limits);
        timing.Step("extract", t);
        switch (extraction.Outcome)
        {
            case ExtractionOutcome.Automatic:
                return await AutomaticAsync(record, extraction.Automatic!, plan, cancellationToken);
            case ExtractionOutcome.Note:
                return await NoteAsync(record, extraction, plan, message, sender, cancellationToken);
            case ExtractionOutcome.Rejected:
                return await QuarantineAsync(record, IntakeReason.ForExtraction(extraction, owed, participant.Code), message, plan, sender, cancellationToken);
        }

        SubmissionResult result;
        try
        {
            result = await recorder.RecordAsync(client, new Submission
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
        }
        catch (RequestFailedException e) when (!TransientFault.Is(e))
        {
            return await RefusedByStorageAsync(record, e, plan, cancellationToken);
        }
        // The covering note (above a forward, above the headings, with an attachment) stays next to the contribution.
        if (extraction.Note is { } cover)
        {
            t = InboundTiming.Start();
            try
            {
                await notes.AddAsync(Note(record, NoteKinds.Covering, IntakeReason.ForNote(cover, [], extraction.Forwarded), cover.Text) with
                {
                    Forwarded = extraction.Forwarded,
                    Versions = string.Join(",", result.Versions.Select(v => $"{v.Pillar}:{v.Version}")),
                }, cancellationToken);
            }
            catch (RequestFailedException e) when (!TransientFault.Is(e))
            {
                // The contribution is stored; the covering note stays readable in the archived message.
                logger.LogError("Inbound {Id}: covering note not stored: {Status} {ErrorCode}", record.Id, e.Status, e.ErrorCode);
            }
            timing.Step("note", t);
        }

        var remark = result.Duplicate ? new IntakeReason(IntakeReasonCode.Duplicate) : null;
        var accepted = record with
        {
            Outcome = InboundOutcomes.Accepted,
            Reason = remark is null ? null : IntakeWording.For(remark),
            ReasonCode = remark?.Code.ToString(),
            Versions = string.Join(",", result.Versions.Select(v => $"{v.Pillar}:{v.Version}")),
        };
        t = InboundTiming.Start();
        await inbound.RecordAsync(accepted, cancellationToken);
        timing.Step("outcome", t);
        Settled(accepted, result.Duplicate ? "duplicate" : InboundOutcomes.Accepted);
        return new InboundResult
        {
            Id = id, Outcome = InboundOutcomes.Accepted, Reason = accepted.Reason, ReasonCode = remark?.Code, RoundId = accepted.RoundId,
            Ministry = accepted.Ministry, ArchiveBlob = archiveBlob, Versions = result.Versions, Duplicate = result.Duplicate,
        };
    }

    /// <summary>
    /// An automatic reply: recorded with its kind and return date, on the round when <paramref name="plan"/> is given
    /// (its token named a ministry of it), never answered and never an event: the round goes on chasing.
    /// </summary>
    private async Task<InboundResult> AutomaticAsync(InboundRecord record, AutomaticMail automatic, RoundPlan? plan, CancellationToken cancellationToken)
    {
        var reason = IntakeReason.ForAutomatic(automatic);
        var text = IntakeWording.For(reason);
        if (plan is null)
            record = record with { RoundId = null, Ministry = null };
        record = record with
        {
            Outcome = InboundOutcomes.Automatic, Reason = text, ReasonCode = reason.Code.ToString(),
            ReturnDate = automatic.ReturnDate?.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ReturnMeaning = automatic.ReturnDate?.Meaning.ToString(),
        };
        var note = plan is null ? null : Note(record, NoteKinds.Automatic, reason, "") with
        {
            ReturnDate = automatic.ReturnDate?.Date, ReturnMeaning = automatic.ReturnDate?.Meaning.ToString(),
        };
        return await KeepAsync(record, reason, note, plan, cancellationToken);
    }

    /// <summary>A note: kept on the round for the coordinator (who may count it as a pillar's text); no event, so reminders go on.</summary>
    private async Task<InboundResult> NoteAsync(InboundRecord record, ExtractionResult extraction, RoundPlan plan, InboundMessage message,
        SenderCheckResult sender, CancellationToken cancellationToken)
    {
        var note = extraction.Note!;
        var reason = IntakeReason.ForNote(note, extraction.UnchangedPillars);
        if (note.Text.Trim().Length == 0)
            return await QuarantineAsync(record, new IntakeReason(IntakeReasonCode.NoText) { Ministry = record.Ministry }, message, plan, sender, cancellationToken);
        var text = IntakeWording.For(reason);
        record = record with { Outcome = InboundOutcomes.Note, Reason = text, ReasonCode = reason.Code.ToString() };
        var kept = Note(record, NoteKinds.Note, reason, note.Text) with { NoChanges = note.NoChanges, UnchangedPillars = extraction.UnchangedPillars };
        return await KeepAsync(record, reason, kept, plan, cancellationToken);
    }

    /// <summary>Records an automatic reply or a note: on the round when there is one, then its Inbound row, then settled.</summary>
    private async Task<InboundResult> KeepAsync(InboundRecord record, IntakeReason reason, RoundNote? note, RoundPlan? plan, CancellationToken cancellationToken)
    {
        var t = InboundTiming.Start();
        if (note is not null)
        {
            try
            {
                await notes.AddAsync(note, cancellationToken);
            }
            catch (RequestFailedException e) when (!TransientFault.Is(e))
            {
                return await RefusedByStorageAsync(record, e, plan!, cancellationToken);
            }
            t = timing.Step("note", t);
        }
        await inbound.RecordAsync(record, cancellationToken);
        timing.Step("outcome", t);
        Settled(record, record.Outcome);
        logger.LogInformation("Inbound {Id} recorded as {Outcome}: {ReasonCode}", record.Id, record.Outcome, reason.Code);
        return Result(record, reason);
    }

    /// <summary>Storage refused the text for good: quarantined with what storage said, for a reprocess once it is fixed; the sender cannot help, so no notice.</summary>
    private async Task<InboundResult> RefusedByStorageAsync(InboundRecord record, RequestFailedException e, RoundPlan plan, CancellationToken cancellationToken)
    {
        logger.LogError("Inbound {Id}: storage refused to store it: {Status} {ErrorCode}", record.Id, e.Status, e.ErrorCode);
        return await QuarantineAsync(record, IntakeReason.ForStorage(e), null, plan, null, cancellationToken);
    }

    private static RoundNote Note(InboundRecord record, string kind, IntakeReason reason, string text) => new()
    {
        RoundId = record.RoundId!, Id = record.Id, Kind = kind, Ministry = record.Ministry ?? "", ReceivedAt = record.ReceivedAt,
        From = record.From, Subject = record.Subject, Text = text, ReasonCode = reason.Code.ToString(), Reason = IntakeWording.For(reason),
    };

    private static InboundResult Result(InboundRecord record, IntakeReason reason) => new()
    {
        Id = record.Id, Outcome = record.Outcome, Reason = record.Reason, ReasonCode = reason.Code, RoundId = record.RoundId,
        Ministry = record.Ministry, ArchiveBlob = record.ArchiveBlob,
    };

    /// <summary>The archived post has its outcome: told to the operator's alerts.</summary>
    private void Settled(InboundRecord record, string outcome)
    {
        events.Track(TelemetryNames.InboundSettled, new Dictionary<string, string>
        {
            [TelemetryNames.Properties.MessageId] = record.Id, [TelemetryNames.Properties.Outcome] = outcome,
            [TelemetryNames.Properties.RoundId] = record.RoundId ?? "", [TelemetryNames.Properties.Ministry] = record.Ministry ?? "",
            [TelemetryNames.Properties.ReasonCode] = record.ReasonCode ?? "",
        });
    }

    /// <summary>Archived and its row written as received: the operator's stuck-message alert waits for its settlement.</summary>
    internal void Received(string id) =>
        events.Track(TelemetryNames.InboundReceived, new Dictionary<string, string> { [TelemetryNames.Properties.MessageId] = id });

    private async Task<InboundResult> QuarantineAsync(InboundRecord record, IntakeReason reason, InboundMessage? message, RoundPlan? plan,
        SenderCheckResult? sender, CancellationToken cancellationToken, bool auditRound = true)
    {
        var text = IntakeWording.For(reason);
        record = record with { Outcome = InboundOutcomes.Quarantined, Reason = text, ReasonCode = reason.Code.ToString() };
        await RecordQuarantinedAsync(record, text, message, plan, sender, auditRound, cancellationToken);
        Settled(record, InboundOutcomes.Quarantined);
        logger.LogInformation("Inbound {Id} quarantined: {ReasonCode} (sender {Sender})", record.Id, reason.Code, addresses.Hash(record.From));
        return new InboundResult
        {
            Id = record.Id, Outcome = InboundOutcomes.Quarantined, Reason = text, ReasonCode = reason.Code, RoundId = record.RoundId,
            Ministry = record.Ministry, ArchiveBlob = record.ArchiveBlob,
        };
    }

    /// <summary>
    /// The quarantined outcome. The first one for this payload (one of concurrent copies, not a retry or a reprocess,
    /// decided by <see cref="InboundStore.RecordAsync"/>) is written to the round's audit trail as well, and hands the
    /// sender's notice to <see cref="QuarantineFollowUp"/>: once per payload, with no write of its own to decide it. The
    /// archive needs no mark: the daily <see cref="Retention.RetentionRun"/> deletes it after the quarantine retention
    /// by this row's outcome.
    /// </summary>
    private async Task RecordQuarantinedAsync(InboundRecord record, string text, InboundMessage? message, RoundPlan? plan, SenderCheckResult? sender,
        bool auditRound, CancellationToken cancellationToken)
    {
        var t = InboundTiming.Start();
        var first = await inbound.RecordAsync(record, cancellationToken);
        t = timing.Step("outcome", t);
        if (!first)
            return;
        Notify(record, text, message, plan, sender);
        if (auditRound && plan is not null)
        {
            await audit.WriteAsync(plan.RoundId, record.From ?? "onbekend", AuditActions.MailQuarantined,
                $"{record.Ministry ?? "?"}: bericht '{record.Subject}' in quarantaine ({record.Id[..12]}): {text}", clock.GetUtcNow(), cancellationToken);
            timing.Step("audit", t);
        }
    }

    private void Notify(InboundRecord record, string text, InboundMessage? message, RoundPlan? plan, SenderCheckResult? sender)
    {
        // An explanatory reply only to a From address that SPF or DKIM vouched for; otherwise it is backscatter.
        // Never to automatic mail, which would answer again (a mail loop). It goes through the round mailer like every
        // other message, so it is audited and sent once per message id: one per sender, reason and day.
        var senderAuthenticated = message is not null && (sender ?? SenderCheck.Check(message, [])).SenderAuthenticated
            && AutomaticMail.Detect(message) is null;
        if (senderAuthenticated)
            followUp.Notify(record.Id, composer.QuarantineNotice(message!.From.Address, message.Subject, text, plan, record.Ministry)
                with { MessageId = MessageIds.QuarantineNotice(message.From.Address, record.ReasonCode!, record.ReceivedAt) });
    }
}
