using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Rounds;

/// <summary>
/// A validated round: the spec with its definition resolved and defaults filled in.
/// It is the orchestration's input, so it carries everything the orchestrator needs and reads nothing else.
/// </summary>
public sealed record RoundPlan
{
    public required string RoundId { get; init; }
    public required int Year { get; init; }
    public required ReportDefinition Definition { get; init; }
    public required DateTimeOffset Deadline { get; init; }
    public required RoundSchedule Schedule { get; init; }
    public required IReadOnlyList<Participant> Participants { get; init; }
    public required Contact Approver { get; init; }
    public required Contact Coordinator { get; init; }
    public string? Reference { get; init; }
    public CoordinatorTexts Texts { get; init; } = new();
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>Hash of the spec as posted; the same spec again is the same round.</summary>
    public required string SpecHash { get; init; }
    /// <summary>Who started the round (an actor, <see cref="MigrationAgenda.Access.Caller.Actor"/>) and their display name; not part of the spec.</summary>
    public string? StartedBy { get; init; }
    public string? StartedByName { get; init; }
    /// <summary>
    /// The concrete moments of the schedule for <see cref="Deadline"/>, computed by the planner with the working-day
    /// calendar, so the orchestrator only waits for them. Null in plans made before these were planned: then every
    /// step is deadline ± offset.
    /// </summary>
    public DueTimes? Due { get; init; }
    /// <summary>Why the deadline is a poor choice although accepted (a closed day under an elapsed schedule), in Dutch.</summary>
    public string? DeadlineWarning { get; init; }
    /// <summary>How the activities wait out outages (configuration, set when the round starts or resumes); null: the defaults.</summary>
    public ActivityRetrySettings? Retry { get; init; }
    /// <summary>Set when this run resumes a failed one: where that one stood. Null for a round's first run.</summary>
    public RoundResume? Resume { get; init; }

    public Participant? FindParticipant(string code) =>
        Participants.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));

    public string PillarTitle(int number) => Definition.FindPillar(number)?.Title ?? $"Pijler {number}";
}

/// <summary>A ministry taking part in a round, with the contacts and senders this round uses.</summary>
public sealed record Participant
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<int> Pillars { get; init; }
    public required IReadOnlyList<Contact> Contacts { get; init; }
    public required IReadOnlyList<string> AllowedSenders { get; init; }

    /// <summary>The contact for an escalation level; a ministry with fewer levels gets its highest.</summary>
    public Contact ContactFor(int level) =>
        Contacts.Where(c => c.Level <= level).OrderByDescending(c => c.Level).FirstOrDefault()
        ?? Contacts.OrderBy(c => c.Level).First();
}

public sealed record RoundSchedule
{
    public required IReadOnlyList<TimeSpan> Reminders { get; init; }
    public required IReadOnlyList<TimeSpan> Escalations { get; init; }
    public required TimeSpan CutOff { get; init; }
    public required TimeSpan ApprovalTimeout { get; init; }
    public required int ApprovalReminders { get; init; }
    public required TimeSpan ReopenPeriod { get; init; }
    /// <summary>How each reminder counts, in the order of <see cref="Reminders"/>; null: every step elapsed.</summary>
    public IReadOnlyList<DayCounting>? ReminderCounting { get; init; }
    /// <summary>How each escalation counts, in the order of <see cref="Escalations"/>; null: every step elapsed.</summary>
    public IReadOnlyList<DayCounting>? EscalationCounting { get; init; }
    public DayCounting CutOffCounting { get; init; }
    public DayCounting ReopenCounting { get; init; }
    /// <summary>Dutch local time counted steps land at; null: 09:00.</summary>
    public TimeOnly? TimeOfDay { get; init; }
}
