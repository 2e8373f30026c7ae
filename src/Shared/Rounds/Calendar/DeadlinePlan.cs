namespace MigrationAgenda.Rounds.Calendar;

/// <summary>
/// A round's deadline with the moments of its schedule and, when the deadline falls on a closed day but is accepted
/// (an elapsed schedule), the Dutch warning the status shows. Made by <see cref="RoundCalendar.Plan"/>: by the planner
/// at start, by the PlanDeadline activity on extend and reopen; the orchestrator only carries it.
/// </summary>
public sealed record DeadlinePlan(DateTimeOffset Deadline, DueTimes Due, string? Warning = null);
