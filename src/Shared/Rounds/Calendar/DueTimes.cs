namespace MigrationAgenda.Rounds.Calendar;

/// <summary>
/// The concrete moments of a round's schedule for one deadline, computed once (at start, and again on extend) so the
/// orchestrator only waits for them: reminders in time order without duplicates, escalation level k at index k-1,
/// and the cut-off.
/// </summary>
public sealed record DueTimes
{
    public required DateTimeOffset Deadline { get; init; }
    public required IReadOnlyList<DateTimeOffset> Reminders { get; init; }
    public required IReadOnlyList<DateTimeOffset> Escalations { get; init; }
    public required DateTimeOffset CutOff { get; init; }
}
