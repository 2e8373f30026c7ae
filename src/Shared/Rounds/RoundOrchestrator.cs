using Microsoft.DurableTask;
using MigrationAgenda.Rounds.Activities;

namespace MigrationAgenda.Rounds;

/// <summary>
/// One reporting round: request every ministry's pillars, chase the late ones (reminders before the deadline,
/// escalation level by level after it), assemble the draft letter at completion or cut-off, and have it approved
/// or reopened. Deterministic: time from the context, all I/O in activities.
/// </summary>
public sealed class RoundOrchestrator : TaskOrchestrator<RoundPlan, RoundOutcome>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    public override async Task<RoundOutcome> RunAsync(TaskOrchestrationContext context, RoundPlan plan)
    {
        var round = new RoundProgress(plan, context.CurrentUtcDateTime);
        using var inbox = new RoundInbox(context);
        Publish(context, round, RoundPhase.Starting);

        await context.CallActivityAsync<bool>(nameof(SaveRound), plan, Retry);
        await Task.WhenAll(plan.Participants.Select(p =>
            RequestAsync(context, plan, round, p.Code, round[p.Code].Missing.ToList(), note: null)));

        var redraft = false;
        while (true)
        {
            // A late contribution (a correction) or changed texts during review make the next draft at once; only a
            // reopen collects again. Collecting again would wait for the cut-off and remind whoever still owes a pillar
            // after the coordinator closed early.
            if (!redraft && !await CollectAsync(context, plan, round, inbox))
                return await CancelAsync(context, plan, round);
            redraft = false;

            var draft = await AssembleAsync(context, plan, round);
            var decision = await ReviewAsync(context, plan, round, inbox, draft);
            switch (decision.Kind)
            {
                case RoundCommandKind.Approve:
                    return await ApproveAsync(context, plan, round, draft, decision);
                case RoundCommandKind.Cancel:
                    return await CancelAsync(context, plan, round);
                case RoundCommandKind.Reopen:
                    var pillars = decision.Pillars!;
                    var deadline = decision.Deadline ?? context.CurrentUtcDateTime + plan.Schedule.ReopenPeriod;
                    round.Reopen(decision.Ministry!, pillars, deadline, context.CurrentUtcDateTime);
                    await RequestAsync(context, plan, round, decision.Ministry!, pillars, decision.Note);
                    break;
                default:
                    // A late contribution or changed texts during review: assemble a new draft.
                    redraft = true;
                    break;
            }
        }
    }

    /// <summary>Waits for contributions, sending reminders and escalations when due. False when cancelled.</summary>
    private static async Task<bool> CollectAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, RoundInbox inbox)
    {
        Publish(context, round, RoundPhase.Collecting);
        while (!round.AllIn)
        {
            var due = round.NextDue();
            var wake = await inbox.NextAsync(due.At);
            if (wake.IsDue)
            {
                switch (due.Kind)
                {
                    case DueKind.CutOff:
                        return true;
                    case DueKind.Reminder:
                        await Task.WhenAll(round.Owing.Select(m => context.CallActivityAsync<bool>(nameof(SendReminder),
                            new OwedPillars(plan.RoundId, m.Participant.Code, m.RequestVersion, m.Missing.ToList(), round.Deadline), Retry)));
                        round.ReminderSent();
                        break;
                    case DueKind.Escalation:
                        var late = round.OwingBelow(due.Level);
                        await Task.WhenAll(late.Select(m => context.CallActivityAsync<bool>(nameof(SendEscalation),
                            new EscalationNotice(plan.RoundId, m.Participant.Code, due.Level, m.RequestVersion, m.Missing.ToList(), round.Deadline), Retry)));
                        round.EscalationSent(due.Level, late.Select(m => m.Participant.Code));
                        break;
                }
            }
            else if (wake.Contribution is { } received)
            {
                Receive(round, received);
            }
            else if (wake.Undeliverable is { } bounced)
            {
                await EscalateAtOnceAsync(context, plan, round, bounced);
            }
            else
            {
                var command = wake.Command!;
                switch (command.Kind)
                {
                    case RoundCommandKind.Cancel:
                        return false;
                    case RoundCommandKind.Close:
                        return true;
                    case RoundCommandKind.Extend when command.Deadline > context.CurrentUtcDateTime:
                        round.Extend(command.Deadline.Value, context.CurrentUtcDateTime);
                        break;
                    // Approve and reopen belong to review; the HTTP layer refuses them now, a stray one is ignored.
                }
            }
            Publish(context, round, RoundPhase.Collecting);
        }
        return true;
    }

    private static async Task<DraftSummary> AssembleAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round)
    {
        Publish(context, round, RoundPhase.Assembling);
        round.Drafts++;
        var draft = await context.CallActivityAsync<DraftSummary>(nameof(AssembleDraft), new DraftRequest(plan.RoundId, round.Drafts), Retry);
        await context.CallActivityAsync<bool>(nameof(SendDraftForApproval), draft, Retry);
        return draft;
    }

    /// <summary>Waits for the approver, reminding when the approval timeout passes.</summary>
    private static async Task<RoundCommand> ReviewAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, RoundInbox inbox, DraftSummary draft)
    {
        round.ApprovalRemindersSent = 0;
        var sentAt = context.CurrentUtcDateTime;
        await context.CallActivityAsync<bool>(nameof(RecordPhase),
            new PhaseChange(plan.RoundId, RoundPhase.Reviewing, $"Concept {draft.Number} ter goedkeuring."), Retry);
        // The approver is reminded a timeout after the draft, then a timeout after each reminder; after the last one
        // the round waits quietly and only a decision moves it on.
        var remindAt = context.CurrentUtcDateTime + plan.Schedule.ApprovalTimeout;
        RoundCommand? decision = null;
        while (decision is null)
        {
            Publish(context, round, RoundPhase.Reviewing);
            var remind = round.ApprovalRemindersSent < plan.Schedule.ApprovalReminders;
            var wake = await inbox.NextAsync(remind ? remindAt : null);
            if (wake.IsDue)
            {
                round.ApprovalRemindersSent++;
                await context.CallActivityAsync<bool>(nameof(SendApprovalReminder),
                    new ApprovalReminder(plan.RoundId, draft.Number, round.ApprovalRemindersSent, sentAt), Retry);
                remindAt = context.CurrentUtcDateTime + plan.Schedule.ApprovalTimeout;
            }
            else if (wake.Contribution is { } received)
            {
                Receive(round, received);
                decision = new RoundCommand { Kind = RoundCommandKind.Close };
            }
            else if (wake.Undeliverable is not null)
            {
                // Nobody is chased during review: the bounce is on the round's page, and a reopen asks again.
            }
            else
            {
                var command = wake.Command!;
                decision = command.Kind switch
                {
                    RoundCommandKind.Approve or RoundCommandKind.Cancel => command,
                    RoundCommandKind.Reopen => ValidReopen(plan, command),
                    RoundCommandKind.Redraft => command,
                    // Extend and close belong to collecting; the HTTP layer refuses them now.
                    _ => null,
                };
            }
        }
        return decision;
    }

    private static async Task<RoundOutcome> ApproveAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, DraftSummary draft, RoundCommand decision)
    {
        Publish(context, round, RoundPhase.Approved);
        var final = await context.CallActivityAsync<FinalLetter>(nameof(FinaliseLetter), new DraftRequest(plan.RoundId, draft.Number, decision.By, decision.ByName), Retry);
        await context.CallActivityAsync<bool>(nameof(SendFinalNotice), final, Retry);
        return new RoundOutcome
        {
            Phase = RoundPhase.Approved,
            Draft = draft.Number,
            FinalLetter = final.Blobs.FirstOrDefault(b => b.EndsWith(".md", StringComparison.Ordinal)),
            MissingAtApproval = draft.Missing.Select(m => $"{m.Ministry}/{m.Pillar}").ToList(),
        };
    }

    private static async Task<RoundOutcome> CancelAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round)
    {
        Publish(context, round, RoundPhase.Cancelled);
        await context.CallActivityAsync<bool>(nameof(RecordPhase), new PhaseChange(plan.RoundId, RoundPhase.Cancelled, "Ronde geannuleerd."), Retry);
        return new RoundOutcome { Phase = RoundPhase.Cancelled, Draft = round.Drafts };
    }

    /// <summary>
    /// A request, reminder or escalation bounced (or was blocked or dropped): the ministry's next contact gets an
    /// escalation now, coordinator in copy, instead of the schedule chasing an address nobody reads.
    /// </summary>
    private static async Task EscalateAtOnceAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, MailUndeliverable bounced)
    {
        if (!round.Takes(bounced.Ministry) || round.EscalationPastUndeliverable(bounced.Ministry, bounced.Level) is not { } level)
            return;
        var ministry = round[bounced.Ministry];
        await context.CallActivityAsync<bool>(nameof(SendEscalation), new EscalationNotice(plan.RoundId, ministry.Participant.Code, level,
            ministry.RequestVersion, ministry.Missing.ToList(), round.Deadline, UndeliverableLevel: bounced.Level), Retry);
        round.EscalatedAtOnce(ministry.Participant.Code, level);
    }

    private static Task RequestAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, string ministry, IReadOnlyList<int> pillars, string? note) =>
        context.CallActivityAsync<bool>(nameof(SendRequest),
            new ContributionRequest(plan.RoundId, ministry, round[ministry].RequestVersion, pillars, round.Deadline, note), Retry);

    private static void Receive(RoundProgress round, ContributionReceived received)
    {
        // Only ministries of this round; pillars a ministry does not own are refused (the intake refuses them first).
        if (round.Takes(received.Ministry))
            round.Receive(received.Ministry, received.Pillars);
    }

    /// <summary>A reopen names a ministry of the round and pillars it owns; no pillars means all of them.</summary>
    private static RoundCommand? ValidReopen(RoundPlan plan, RoundCommand command)
    {
        var participant = command.Ministry is null ? null : plan.FindParticipant(command.Ministry);
        if (participant is null)
            return null;
        var pillars = command.Pillars is { Count: > 0 } ? command.Pillars : participant.Pillars;
        return pillars.All(participant.Pillars.Contains)
            ? command with { Ministry = participant.Code, Pillars = pillars.Distinct().Order().ToList() }
            : null;
    }

    private static void Publish(TaskOrchestrationContext context, RoundProgress round, string phase)
    {
        round.Phase = phase;
        context.SetCustomStatus(round.ToStatus());
    }
}
