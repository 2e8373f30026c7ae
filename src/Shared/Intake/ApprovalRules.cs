using MigrationAgenda.Rounds;

namespace MigrationAgenda.Intake;

/// <summary>
/// When a decision by mail counts, and what it says to the round: only while the round is in review and only for the
/// draft in review (an "Akkoord" on concept 1 after concept 2 went out is a note), and a reopen names a ministry of
/// the round and pillars it writes (no pillars: all of them, as the API takes it). The same rules as the HTTP
/// approve and reopen, with the reasons worded for a note.
/// </summary>
public static class ApprovalRules
{
    /// <summary>Why a decision on <paramref name="draft"/> cannot be taken now, or null when the round reviews that draft.</summary>
    public static IntakeReason? Refusal(RoundState round, int draft)
    {
        var current = round.Status?.Draft ?? 0;
        if (RoundPhase.IsFinished(round.Phase))
            return new IntakeReason(IntakeReasonCode.ApprovalRoundFinished) { RoundId = round.RoundId, Phase = round.Phase, Draft = draft };
        if (current > draft)
            return new IntakeReason(IntakeReasonCode.ApprovalOlderDraft) { RoundId = round.RoundId, Draft = draft, CurrentDraft = current };
        if (round.Phase != RoundPhase.Reviewing || current != draft)
            return new IntakeReason(IntakeReasonCode.ApprovalNotInReview) { RoundId = round.RoundId, Phase = round.Phase, Draft = draft, CurrentDraft = current };
        return null;
    }

    /// <summary>The command a decision gives (its draft named, so the round takes it for no other), or why a reopen names nothing to reopen.</summary>
    public static (RoundCommand? Command, IntakeReason? Invalid) Command(ApprovalReply reply, RoundPlan plan, int draft)
    {
        if (reply.Kind == ApprovalReplyKind.Approve)
            return (new RoundCommand { Kind = RoundCommandKind.Approve, Draft = draft }, null);

        var codes = plan.Participants.Select(p => p.Code).ToList();
        IntakeReason Invalid(ReopenProblem problem) => new(IntakeReasonCode.ApprovalReopenInvalid)
        {
            RoundId = plan.RoundId, Draft = draft, Reopen = problem, Ministry = reply.Ministry, Ministries = codes,
        };
        if (reply.Problem is { } syntax)
            return (null, Invalid(syntax));
        var participant = plan.FindParticipant(reply.Ministry!);
        if (participant is null)
            return (null, Invalid(ReopenProblem.UnknownMinistry));
        var wrong = reply.Pillars.Where(p => !participant.Pillars.Contains(p)).ToList();
        if (wrong.Count > 0)
            return (null, Invalid(ReopenProblem.NotOwnedPillar) with { Ministry = participant.Code, Pillars = wrong, Owed = participant.Pillars });
        var pillars = reply.Pillars.Count > 0 ? reply.Pillars.Order().ToList() : participant.Pillars.ToList();
        return (new RoundCommand { Kind = RoundCommandKind.Reopen, Ministry = participant.Code, Pillars = pillars, Note = reply.Note, Draft = draft }, null);
    }
}
