using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Access;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>
/// A reply to a draft for approval (sent to <c>besluit+TOKEN@…</c>): the approver decides by answering the mail. The
/// token names round, draft and approver; an automatic reply is recorded on the round and never answered; then the
/// sender must be the round's approver with SPF or DKIM passing for the address, the reply's first line "Akkoord" or
/// "Heropenen …" (<see cref="ApprovalReply"/>), the draft the one in review and not decided by another message. A
/// decision goes through the one command path (<see cref="RoundCommandSender"/>, actor <c>mail:&lt;address&gt;</c>) and
/// is confirmed by mail; anything else is a note on the round with its reason, answered only to a sender SPF or DKIM
/// vouched for.
/// </summary>
public sealed partial class InboundProcessor
{
    private async Task<InboundResult> ApprovalAsync(InboundRecord record, InboundMessage message, AutomaticMail? automatic, IReadOnlyList<string> found,
        DateTimeOffset now, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ApproverTokenCheck? check = null;
        foreach (var token in found)
        {
            var c = tokens.ValidateApprover(token, now);
            if (c.IsValid) { check = c; break; }
            check ??= c;
        }
        if (automatic is not null && check is not { IsValid: true })
            return await AutomaticAsync(record, automatic, null, cancellationToken);
        if (check is not { IsValid: true, Token: { } data })
            return await QuarantineAsync(record with { RoundId = check?.Token?.RoundId }, IntakeReason.ForApproverToken(check!), message, null, null,
                cancellationToken, auditRound: false);

        var round = await RoundState.LoadAsync(client, rounds, data.RoundId, cancellationToken);
        if (round.Plan is not { } plan || round.Instance is null)
            return automatic is not null
                ? await AutomaticAsync(record, automatic, null, cancellationToken)
                : await QuarantineAsync(record, new IntakeReason(IntakeReasonCode.RoundUnknown) { RoundId = data.RoundId }, message, null, null, cancellationToken);
        record = record with { RoundId = plan.RoundId, Ministry = null };
        // An out-of-office from the approver: shown on the round (the coordinator sees who is away), never a decision, never answered.
        if (automatic is not null)
            return await AutomaticAsync(record, automatic, plan, cancellationToken);

        var sender = SenderCheck.Check(message, [plan.Approver.Email]);
        var reply = ApprovalReply.Read(message);
        var (reason, decision) = await DecideAsync(record, message, reply, sender, data, round, plan, client, cancellationToken);

        var decided = reason.Code == IntakeReasonCode.ApprovalDecided;
        var kept = decided
            ? reply is { Kind: ApprovalReplyKind.Approve, Note: { } comment }
                ? ApprovalNote(record, new IntakeReason(IntakeReasonCode.ApprovalComment) { Draft = data.Draft }, comment, data.Draft)
                : null
            : ApprovalNote(record, reason, reply.Text, data.Draft);
        record = record with { Outcome = decided ? InboundOutcomes.Decision : InboundOutcomes.Note, Reason = IntakeWording.For(reason), ReasonCode = reason.Code.ToString() };
        var result = await KeepAsync(record, reason, kept, plan, cancellationToken);

        // One answer per decision and per reply (deterministic ids): the mail ledger sends it once, also when SendGrid
        // posts the reply again or it is reprocessed.
        var answer = decided
            ? composer.DecisionConfirmed(plan, data.Draft, decision!) with { MessageId = MessageIds.DecisionConfirmed(data.Draft) }
            : sender.SenderAuthenticated
                ? composer.DecisionNotTaken(plan, message.From.Address, message.Subject, data.Draft, record.Reason!, note: reason.Code == IntakeReasonCode.ApprovalNote)
                    with { MessageId = MessageIds.DecisionAnswer(record.Id) }
                : null; // a From address nobody vouched for is not answered: it may be forged (backscatter)
        if (answer is not null)
        {
            try
            {
                await mailer.SendAsync(answer, cancellationToken);
            }
            catch (MailDeliveryException e) when (e.Transient)
            {
                // The decision or note is recorded; a lost answer is not worth failing the webhook for.
                logger.LogWarning(e, "Answer to the reply {Id} on a draft of round {Round} not sent", record.Id, plan.RoundId);
            }
        }
        return result;
    }

    /// <summary>
    /// What the reply comes to: the decision sent to the round (<see cref="IntakeReasonCode.ApprovalDecided"/>, with what
    /// the confirmation says), or the reason it is a note. A decision is claimed for its draft first, so of two replies the
    /// first decides, and the same message again (a retry, a reprocess) finds its own claim and sends nothing twice.
    /// </summary>
    private async Task<(IntakeReason Reason, DecisionSummary? Decision)> DecideAsync(InboundRecord record, InboundMessage message, ApprovalReply reply,
        SenderCheckResult sender, ApproverTokenData data, RoundState round, RoundPlan plan, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (sender.Outcome == SenderCheckOutcome.NotOnAllowList || !tokens.IsIssuedTo(data, plan.Approver.Email))
            return (new IntakeReason(IntakeReasonCode.ApprovalOtherSender) { RoundId = plan.RoundId, Sender = sender.Sender, Draft = data.Draft }, null);
        if (sender.Outcome == SenderCheckOutcome.AuthenticationFailed)
            return (new IntakeReason(IntakeReasonCode.ApprovalAuthenticationFailed)
            {
                RoundId = plan.RoundId, Sender = sender.Sender, Authentication = sender.Authentication, Draft = data.Draft,
            }, null);
        if (reply.Kind == ApprovalReplyKind.Note)
            return (new IntakeReason(IntakeReasonCode.ApprovalNote) { RoundId = plan.RoundId, Draft = data.Draft }, null);

        var existing = await claims.GetAsync(plan.RoundId, data.Draft, cancellationToken);
        var refusal = existing is { } other && other.MessageId != record.Id ? AlreadyDecided(other)
            : existing is null ? ApprovalRules.Refusal(round, data.Draft)
            : null;
        var (command, invalid) = ApprovalRules.Command(reply, plan, data.Draft);
        if ((refusal ?? invalid) is { } notTaken)
            return (notTaken, null);

        var now = clock.GetUtcNow();
        var (claim, created) = existing is not null ? (existing, false) : await claims.ClaimAsync(new DecisionClaim
        {
            RoundId = plan.RoundId, Draft = data.Draft, MessageId = record.Id, Decision = command!.Kind.ToString(), ReceivedAt = record.ReceivedAt, ClaimedAt = now,
        }, cancellationToken);
        if (claim.MessageId != record.Id)
            return (AlreadyDecided(claim), null);
        if (!claim.Sent && !created)
        {
            // Another attempt of this same message holds the claim (a retry racing the first post): the decision is sent
            // once, so this one waits (503, SendGrid posts again) unless that attempt died.
            claim = now - claim.ClaimedAt >= DecisionClaimStore.TakeOverAfter ? await claims.TakeOverAsync(claim, now, cancellationToken) ?? Busy() : Busy();
            DecisionClaim Busy() => throw new TimeoutException($"Another attempt of inbound {record.Id[..12]} is deciding draft {data.Draft} of round {plan.RoundId}; try again.");
        }
        if (!claim.Sent)
        {
            if (await commands.SendAsync(client, plan, command!, Caller.FromMail(message.From.Address, message.From.DisplayName), cancellationToken) is not null)
                return (new IntakeReason(IntakeReasonCode.ApprovalOtherSender) { RoundId = plan.RoundId, Sender = sender.Sender, Draft = data.Draft }, null);
            await claims.MarkSentAsync(claim, cancellationToken);
        }
        return (new IntakeReason(IntakeReasonCode.ApprovalDecided)
        {
            RoundId = plan.RoundId, Draft = data.Draft, Decision = command!.Kind, Ministry = command.Ministry, Pillars = command.Pillars ?? [],
        }, new DecisionSummary(command.Ministry, command.Pillars, command.Note, Comment: command.Kind == RoundCommandKind.Approve && reply.Note is not null));

        IntakeReason AlreadyDecided(DecisionClaim first) => new(IntakeReasonCode.ApprovalAlreadyDecided)
        {
            RoundId = plan.RoundId, Draft = data.Draft, DecidedAt = first.ReceivedAt,
            Decision = Enum.TryParse<RoundCommandKind>(first.Decision, out var kind) ? kind : RoundCommandKind.Approve,
        };
    }

    private static RoundNote ApprovalNote(InboundRecord record, IntakeReason reason, string text, int draft) =>
        Note(record, NoteKinds.Approval, reason, text) with { Draft = draft };
}
