using Microsoft.DurableTask;
using MigrationAgenda.Rounds.Activities;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Rounds;

/// <summary>
/// One reporting round: request every ministry's pillars, chase the late ones (reminders before the deadline,
/// escalation level by level after it), assemble the draft letter at completion or cut-off, and have it approved
/// or reopened. Deterministic: time from the context, all I/O in activities.
/// </summary>
public sealed class RoundOrchestrator : TaskOrchestrator<RoundPlan, RoundOutcome>
{
    /// <summary>Runs the round; when it fails, the operator is told and the timeline says so before the failure stands.</summary>
    public override async Task<RoundOutcome> RunAsync(TaskOrchestrationContext context, RoundPlan plan)
    {
        var round = new RoundProgress(plan, context.CurrentUtcDateTime);
        try
        {
            return await RunRoundAsync(context, plan, round);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reason = e is TaskFailedException failed ? failed.FailureDetails.ErrorType : e.GetType().FullName ?? e.GetType().Name;
            try
            {
                await context.CallActivityAsync<bool>(nameof(RecordFailure), new RoundFailure(plan.RoundId, round.Phase, reason));
            }
            catch (TaskFailedException)
            {
                // Telling is best effort: the round's own failure is what must stand.
            }
            throw;
        }
    }

    private static async Task<RoundOutcome> RunRoundAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round)
    {
        using var inbox = new RoundInbox(context);
        if (plan.Resume?.Status is { } last)
            round.Restore(last, context.CurrentUtcDateTime);
        Publish(context, round, plan.Resume?.Status?.Phase ?? RoundPhase.Starting);

        var resumed = plan.Resume is { } resume ? await ResumeAsync(context, plan, round, resume) : null;
        if (resumed is { Phase: RoundPhase.Approved, Draft: { } approved })
            return await ApproveAsync(context, plan, round, approved, new RoundCommand { Kind = RoundCommandKind.Approve });
        if (resumed is { Phase: RoundPhase.Cancelled })
            return await CancelAsync(context, plan, round);

        if (resumed is null or { Phase: RoundPhase.Starting or RoundPhase.Collecting })
        {
            if (resumed is null or { Phase: RoundPhase.Starting })
                await context.CallActivityAsync<bool>(nameof(SaveRound), plan, Retry(plan));
            // After a resume the ledger sends only the requests that never went out.
            await Task.WhenAll(plan.Participants.Where(p => round[p.Code].Missing.Count > 0).Select(p =>
                RequestAsync(context, plan, round, p.Code, round[p.Code].Missing.ToList(), note: null)));
        }

        // A resumed round may carry on in review (the same draft) or assembling (closed already: no more collecting).
        // A late contribution (a correction) or changed texts during review make the next draft at once as well; only a
        // reopen collects again. Collecting again would wait for the cut-off and remind whoever still owes a pillar
        // after the coordinator closed early.
        var review = resumed?.Draft;
        var collect = resumed?.Phase != RoundPhase.Assembling;
        while (true)
        {
            DraftSummary draft;
            if (review is not null)
            {
                draft = review;
                review = null;
            }
            else
            {
                if (collect && !await CollectAsync(context, plan, round, inbox))
                    return await CancelAsync(context, plan, round);
                collect = true;
                draft = await AssembleAsync(context, plan, round);
            }
            var decision = await ReviewAsync(context, plan, round, inbox, draft, resumed?.DraftSentAt);
            resumed = null;
            switch (decision.Kind)
            {
                case RoundCommandKind.Approve:
                    return await ApproveAsync(context, plan, round, draft, decision);
                case RoundCommandKind.Cancel:
                    return await CancelAsync(context, plan, round);
                case RoundCommandKind.Reopen:
                    await ReopenAsync(context, plan, round, decision);
                    break;
                default:
                    // A late contribution or changed texts during review: assemble a new draft.
                    collect = false;
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
                        await CountStoredAsync(context, plan, round);
                        await Task.WhenAll(round.Owing.Select(m => MailAsync(context, plan, round, nameof(SendReminder),
                            new OwedPillars(plan.RoundId, m.Participant.Code, m.RequestVersion, m.Missing.ToList(), round.Deadline, m.DeadlineRevision, round.RemindersSent + 1))));
                        round.ReminderSent();
                        break;
                    case DueKind.Escalation:
                        await CountStoredAsync(context, plan, round);
                        var late = round.OwingBelow(due.Level);
                        await Task.WhenAll(late.Select(m => MailAsync(context, plan, round, nameof(SendEscalation),
                            new EscalationNotice(plan.RoundId, m.Participant.Code, due.Level, m.RequestVersion, m.Missing.ToList(), round.Deadline, m.DeadlineRevision))));
                        round.EscalationSent(due.Level, late.Select(m => m.Participant.Code));
                        break;
                }
            }
            else if (wake.Contributions is { } received)
            {
                foreach (var item in received)
                    Receive(round, item);
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
                    case RoundCommandKind.Extend when command.Deadline > context.CurrentUtcDateTime && command.Deadline != round.Deadline:
                        await ExtendAsync(context, plan, round, command.Deadline.Value);
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
        await CountStoredAsync(context, plan, round);
        round.Drafts++;
        var draft = await context.CallActivityAsync<DraftSummary>(nameof(AssembleDraft), new DraftRequest(plan.RoundId, round.Drafts), Retry(plan));
        await MailAsync(context, plan, round, nameof(SendDraftForApproval), draft);
        return draft;
    }

    /// <summary>
    /// Waits for the approver, reminding when the approval timeout passes. <paramref name="resumedSentAt"/>: a resumed
    /// round goes on with a draft already sent then, its approval reminders counted on.
    /// </summary>
    private static async Task<RoundCommand> ReviewAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, RoundInbox inbox, DraftSummary draft,
        DateTimeOffset? resumedSentAt = null)
    {
        var sentAt = resumedSentAt ?? context.CurrentUtcDateTime;
        if (resumedSentAt is null)
        {
            round.ApprovalRemindersSent = 0;
            await context.CallActivityAsync<bool>(nameof(RecordPhase),
                new PhaseChange(plan.RoundId, RoundPhase.Reviewing, $"Concept {draft.Number} ter goedkeuring."), Retry(plan));
        }
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
                await MailAsync(context, plan, round, nameof(SendApprovalReminder),
                    new ApprovalReminder(plan.RoundId, draft.Number, round.ApprovalRemindersSent, sentAt));
                remindAt = context.CurrentUtcDateTime + plan.Schedule.ApprovalTimeout;
            }
            else if (wake.Contributions is { } received)
            {
                foreach (var item in received)
                    Receive(round, item);
                decision = new RoundCommand { Kind = RoundCommandKind.Close };
            }
            else if (wake.Undeliverable is not null)
            {
                // Nobody is chased during review: the bounce is on the round's page, and a reopen asks again.
            }
            else
            {
                var command = wake.Command!;
                // A decision by mail names its draft: one on an earlier draft (a newer one went out meanwhile) is not taken.
                decision = command.Draft is { } about && about != draft.Number ? null : command.Kind switch
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
        var final = await context.CallActivityAsync<FinalLetter>(nameof(FinaliseLetter), new DraftRequest(plan.RoundId, draft.Number, decision.By, decision.ByName), Retry(plan));
        await MailAsync(context, plan, round, nameof(SendFinalNotice), final);
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
        await context.CallActivityAsync<bool>(nameof(RecordPhase), new PhaseChange(plan.RoundId, RoundPhase.Cancelled, "Ronde geannuleerd."), Retry(plan));
        // Every ministry had a request, so every calendar holds the deadline: each gets the cancellation (SEQUENCE one up).
        await Task.WhenAll(plan.Participants.Select(p => MailAsync(context, plan, round, nameof(SendRoundCancelled),
            new CancellationNotice(plan.RoundId, p.Code, round.Deadline, round[p.Code].DeadlineRevision + 1))));
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
        await MailAsync(context, plan, round, nameof(SendEscalation), new EscalationNotice(plan.RoundId, ministry.Participant.Code, level,
            ministry.RequestVersion, ministry.Missing.ToList(), round.Deadline, UndeliverableLevel: bounced.Level, Revision: ministry.DeadlineRevision));
        round.EscalatedAtOnce(ministry.Participant.Code, level);
    }

    /// <summary>A new deadline for everyone while collecting: its due times planned outside, then the ministries that still owe are told.</summary>
    private static async Task ExtendAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, DateTimeOffset deadline)
    {
        var previous = round.Deadline;
        var planned = await PlanDeadlineAsync(context, plan, round, deadline);
        round.Extend(planned, context.CurrentUtcDateTime);
        await DeadlineChangedAsync(context, plan, round, previous, except: null);
    }

    /// <summary>
    /// Asks a ministry again for pillars by a new deadline (the approver's, or the reopen period from now): the ministry
    /// gets a renewed request, the others that still owe are told the deadline moved.
    /// </summary>
    private static async Task ReopenAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, RoundCommand decision)
    {
        var previous = round.Deadline;
        var planned = await PlanDeadlineAsync(context, plan, round, decision.Deadline);
        round.Reopen(decision.Ministry!, decision.Pillars!, planned, context.CurrentUtcDateTime);
        await RequestAsync(context, plan, round, decision.Ministry!, decision.Pillars!, decision.Note);
        await DeadlineChangedAsync(context, plan, round, previous, except: decision.Ministry);
    }

    /// <summary>The deadline's due times from the round's calendar, by an activity: replay never evaluates the calendar.</summary>
    private static Task<DeadlinePlan> PlanDeadlineAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, DateTimeOffset? deadline) =>
        context.CallActivityAsync<DeadlinePlan>(nameof(PlanDeadline),
            DeadlineRequest.For(plan, deadline, context.CurrentUtcDateTime, round.Deadline), Retry(plan));

    /// <summary>Each ministry that still owes (and gets no renewed request) hears of a moved deadline, with the updated .ics.</summary>
    private static Task DeadlineChangedAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, DateTimeOffset previous, string? except)
    {
        if (round.Deadline == previous)
            return Task.CompletedTask;
        return Task.WhenAll(round.Owing.Where(m => !string.Equals(m.Participant.Code, except, StringComparison.OrdinalIgnoreCase))
            .Select(m => MailAsync(context, plan, round, nameof(SendDeadlineChanged),
                new DeadlineChange(plan.RoundId, m.Participant.Code, m.RequestVersion, m.Missing.ToList(), round.Deadline, previous, m.DeadlineRevision))));
    }

    private static Task RequestAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, string ministry, IReadOnlyList<int> pillars, string? note) =>
        MailAsync(context, plan, round, nameof(SendRequest),
            new ContributionRequest(plan.RoundId, ministry, round[ministry].RequestVersion, pillars, round.Deadline, note, round[ministry].DeadlineRevision));

    /// <summary>Storage and letter activities: transient faults waited out for hours (the plan's settings), bugs fail fast.</summary>
    private static TaskOptions Retry(RoundPlan plan) => ActivityRetry.Storage(plan.Retry ?? new ActivityRetrySettings());

    /// <summary>A mail activity: waits out a mail or storage outage, the status showing "mail vertraagd" while it does.</summary>
    private static async Task MailAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, string activity, object input)
    {
        round.MailInFlight(done: false);
        try
        {
            await context.CallActivityAsync<bool>(activity, input, ActivityRetry.Mail(plan.Retry ?? new ActivityRetrySettings(), since =>
            {
                if (round.MailWaiting(since))
                    Publish(context, round, round.Phase);
            }));
        }
        finally
        {
            if (round.MailInFlight(done: true))
                Publish(context, round, round.Phase);
        }
    }

    /// <summary>
    /// Counts what the store holds for the pillars still owed: a reply whose event never reached the round (a host that
    /// died between storing and telling) counts before anyone is reminded, escalated or the letter assembled.
    /// </summary>
    private static async Task CountStoredAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round)
    {
        var owed = round.Owing.Select(m => new OwedQuery(m.Participant.Code, m.RequestVersion, m.Missing.ToList())).ToList();
        if (owed.Count == 0)
            return;
        var found = await context.CallActivityAsync<IReadOnlyList<ReceivedPillars>>(nameof(ReadReceived), new ReceivedQuery(plan.RoundId, owed), Retry(plan));
        foreach (var received in found.Where(r => round.Takes(r.Ministry)))
            round.Receive(received.Ministry, received.Pillars);
    }

    /// <summary>Where a resumed round carries on: its phase, and the draft under review or approved then.</summary>
    private sealed record Resumed(string Phase, DraftSummary? Draft, DateTimeOffset? DraftSentAt);

    /// <summary>
    /// A run that resumes a failed one (its last published state already restored): counts what the store received
    /// since, and finds the draft it was reviewing (or approving), if any.
    /// </summary>
    private static async Task<Resumed> ResumeAsync(TaskOrchestrationContext context, RoundPlan plan, RoundProgress round, RoundResume resume)
    {
        if (resume.Status is not { } status)
            return new Resumed(RoundPhase.Starting, null, null);
        await CountStoredAsync(context, plan, round);
        if (status.Phase is not (RoundPhase.Reviewing or RoundPhase.Approved) || round.Drafts == 0)
            return new Resumed(status.Phase, null, null);
        var stored = await context.CallActivityAsync<StoredDraft?>(nameof(LoadDraft), new DraftRequest(plan.RoundId, round.Drafts), Retry(plan));
        return stored is null
            ? new Resumed(RoundPhase.Assembling, null, null)
            : new Resumed(status.Phase, stored.Draft, stored.SentAt ?? context.CurrentUtcDateTime);
    }

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
