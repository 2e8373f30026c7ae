using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Rounds;

/// <summary>
/// The orchestration's custom status: small (a few hundred bytes per ministry, far below 16 KB),
/// enough for a status query without reading any table.
/// </summary>
public sealed record RoundStatus
{
    public required string Phase { get; init; }
    public required DateTimeOffset Deadline { get; init; }
    public required DateTimeOffset CutOffAt { get; init; }
    public int Draft { get; init; }
    public int RemindersSent { get; init; }
    public int ApprovalRemindersSent { get; init; }
    /// <summary>Since when a mail of the round has been waiting out a mail or storage outage ("mail vertraagd"); null when none is.</summary>
    public DateTimeOffset? MailDelayedSince { get; init; }
    /// <summary>Where the schedule stands (reminders and escalation steps done), so a resumed round carries on from there.</summary>
    public int? NextReminder { get; init; }
    public int? NextEscalation { get; init; }
    public required IReadOnlyList<MinistryProgress> Ministries { get; init; }
    /// <summary>While collecting: the step the round waits for next (reminder, escalation level, cut-off) and when.</summary>
    public DueStep? NextDue { get; init; }
    /// <summary>Every planned moment of the schedule for the current deadline.</summary>
    public DueTimes? Due { get; init; }
    /// <summary>Why the deadline is a poor one although accepted (a closed day under an elapsed schedule), in Dutch.</summary>
    public string? DeadlineWarning { get; init; }
}

public sealed record MinistryProgress
{
    public required string Ministry { get; init; }
    public required IReadOnlyList<int> Received { get; init; }
    public required IReadOnlyList<int> Missing { get; init; }
    public int EscalationLevel { get; init; }
    public int RequestVersion { get; init; }
    /// <summary>How often the ministry's deadline changed: the SEQUENCE of its deadline event (.ics).</summary>
    public int DeadlineRevision { get; init; }
}

/// <summary>What the orchestration returns when it ends.</summary>
public sealed record RoundOutcome
{
    public required string Phase { get; init; }
    public int Draft { get; init; }
    public string? FinalLetter { get; init; }
    public IReadOnlyList<string> MissingAtApproval { get; init; } = [];
}
