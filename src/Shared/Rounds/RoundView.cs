using MigrationAgenda.Letters;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds;

/// <summary>Everything a status query answers: the orchestration's state with the stored detail around it.</summary>
public sealed record RoundView
{
    public required string RoundId { get; init; }
    public required int Year { get; init; }
    public required string Definition { get; init; }
    public required string RuntimeStatus { get; init; }
    public required string Phase { get; init; }
    /// <summary>The phase in Dutch, as the page shows it.</summary>
    public string PhaseLabel => RoundPhase.Dutch(Phase);
    public required DateTimeOffset Deadline { get; init; }
    public DateTimeOffset? CutOffAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public int Drafts { get; init; }
    public int RemindersSent { get; init; }
    public string? FailureMessage { get; init; }
    /// <summary>Since when the round's mail has been waiting out a mail or storage outage ("mail vertraagd"); null when none is.</summary>
    public DateTimeOffset? MailDelayedSince { get; init; }
    public required IReadOnlyList<MinistryView> Ministries { get; init; }
    public required IReadOnlyList<LetterVersionView> Letters { get; init; }
    public IReadOnlyList<HistoryEntryView> History { get; init; } = [];
    /// <summary>Mail received for this round (current and previous month), newest first, with outcome and reason.</summary>
    public IReadOnlyList<InboundMessageView> Messages { get; init; } = [];
    /// <summary>The texts the coordinator writes (Aanleiding, context, Overkoepelend, Ten slotte).</summary>
    public CoordinatorTexts Texts { get; init; } = new();
    /// <summary>Replies that are not letter text (notes the coordinator may count) and covering notes, newest first.</summary>
    public IReadOnlyList<NoteView> Notes { get; init; } = [];
    /// <summary>Automatic replies to the round's mail (out-of-office with its return date, delivery reports), newest first.</summary>
    public IReadOnlyList<AutomaticReplyView> AutomaticReplies { get; init; } = [];
    /// <summary>The newest draft: what is missing, footnote warnings, and per pillar what changed since the draft before.</summary>
    public DraftView? LatestDraft { get; init; }
    /// <summary>Delivery problems SendGrid reported for the round's mail, newest first (<see cref="MailEventViews"/>).</summary>
    public IReadOnlyList<MailEventView> MailEvents { get; init; } = [];
    /// <summary>While collecting: the step the round waits for next, with its Dutch line for the page.</summary>
    public DueStepView? NextStep { get; init; }
    /// <summary>Every planned reminder, escalation and the cut-off for the current deadline.</summary>
    public IReadOnlyList<DueStepView> PlannedSteps { get; init; } = [];
    /// <summary>Why the deadline is a poor one although accepted (a closed day under an elapsed schedule), in Dutch.</summary>
    public string? DeadlineWarning { get; init; }
}

public sealed record DraftView(int Number, IReadOnlyList<MissingPillar> Missing, IReadOnlyList<string> Warnings, IReadOnlyList<PillarChange> Changes);

/// <summary>A received message: <c>Reason</c> is the Dutch text of <c>ReasonCode</c> (an <c>IntakeReasonCode</c>).</summary>
public sealed record InboundMessageView(string Id, DateTimeOffset ReceivedAt, string Outcome, string? Reason, string? Ministry, string? From, string? Subject, string? ReasonCode);

/// <summary>One audit entry: the stored action and actor, and their Dutch labels for the timeline.</summary>
public sealed record HistoryEntryView(DateTimeOffset At, string Actor, string ActorLabel, string Action, string Label, string Detail)
{
    public static HistoryEntryView From(AuditEntry entry) =>
        new(entry.At, entry.Actor, entry.ActorName ?? AuditActions.ActorLabel(entry.Actor), entry.Action, AuditActions.Label(entry.Action), entry.Detail);
}

public sealed record MinistryView
{
    public required string Ministry { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<PillarView> Pillars { get; init; }
    public int EscalationLevel { get; init; }
    public int RequestVersion { get; init; }
    public DateTimeOffset? RequestedAt { get; init; }
    public int Reminders { get; init; }
    public DateTimeOffset? LastReminderAt { get; init; }
    public DateTimeOffset? LastEscalationAt { get; init; }
    /// <summary>Contacts whose request, reminder or escalation could not be delivered (bounce, blocked, dropped).</summary>
    public IReadOnlyList<UndeliverableContactView> Undeliverable { get; init; } = [];
}

public sealed record PillarView(int Pillar, string Title, string State, int? Version, DateTimeOffset? ReceivedAt);

public sealed record LetterVersionView(string Version, IReadOnlyDictionary<string, string> Links);
