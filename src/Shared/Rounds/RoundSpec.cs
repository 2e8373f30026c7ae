using System.Text.Json.Serialization;

namespace MigrationAgenda.Rounds;

/// <summary>
/// What a coordinator posts to start a round. Either names a shipped definition or carries one inline.
/// Durations are ISO 8601 ("P7D", "PT5S") so a test can run a whole round in seconds.
/// </summary>
public sealed record RoundSpec
{
    public string? RoundId { get; init; }
    public int Year { get; init; }
    public string? DefinitionName { get; init; }
    public ReportDefinition? Definition { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public ScheduleSpec? Schedule { get; init; }
    /// <summary>Participating ministries; when omitted, every ministry of the definition with its default contacts.</summary>
    public IReadOnlyList<MinistrySpec>? Ministries { get; init; }
    public Contact? Approver { get; init; }
    public Contact? Coordinator { get; init; }
    /// <summary>Reference number for "Ons kenmerk".</summary>
    public string? Reference { get; init; }
    public CoordinatorTexts? Texts { get; init; }
}

public sealed record ScheduleSpec
{
    /// <summary>
    /// Count steps written in whole days ("P2D") as Dutch working days (true) or as exact elapsed time (false); steps
    /// with hours, minutes or seconds are always elapsed. Null: as the report definition's calendar says.
    /// </summary>
    // Left out of the JSON when not given, so the hash of a spec from before working days stays the same.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? WorkingDays { get; init; }
    /// <summary>Dutch local time ("09:00") counted steps land at; null: the definition's, else 09:00.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TimeOfDay { get; init; }
    /// <summary>Reminders, each a duration before the deadline ("P7D", "P1D", or { "offset": "P2D", "counting": "workingDays" }).</summary>
    public IReadOnlyList<ScheduleStepSpec>? Reminders { get; init; }
    /// <summary>Escalations, level 1, 2, … each a duration after the deadline.</summary>
    public IReadOnlyList<ScheduleStepSpec>? Escalations { get; init; }
    /// <summary>After this duration past the deadline the letter is assembled with what is in.</summary>
    public ScheduleStepSpec? CutOff { get; init; }
    /// <summary>How long the approver has before a reminder.</summary>
    public string? ApprovalTimeout { get; init; }
    /// <summary>How many approval reminders at most; after that the round waits quietly.</summary>
    public int? ApprovalReminders { get; init; }
    /// <summary>Deadline given to a ministry whose pillar is reopened, counted from the reopen.</summary>
    public ScheduleStepSpec? ReopenPeriod { get; init; }
}

public sealed record MinistrySpec
{
    public string? Code { get; init; }
    public IReadOnlyList<Contact>? Contacts { get; init; }
    public IReadOnlyList<string>? AllowedSenders { get; init; }
    /// <summary>Optional subset of the ministry's pillars for this round.</summary>
    public IReadOnlyList<int>? Pillars { get; init; }
}

/// <summary>The parts of the letter the coordinating ministry writes itself.</summary>
public sealed record CoordinatorTexts
{
    public string? Aanleiding { get; init; }
    public string? Context { get; init; }
    public string? Overkoepelend { get; init; }
    public string? TenSlotte { get; init; }
}
