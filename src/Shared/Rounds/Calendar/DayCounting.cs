namespace MigrationAgenda.Rounds.Calendar;

/// <summary>How a schedule step's offset from the deadline is counted.</summary>
public enum DayCounting
{
    /// <summary>Exact elapsed time, deadline ± offset: today's behaviour, and what second-long test schedules need.</summary>
    Elapsed,
    /// <summary>
    /// Whole Dutch calendar days at the configured local time; a reminder that lands on a closed day moves to the
    /// working day before, an escalation or cut-off to the working day after. "P7D" is "a week before, on a working day".
    /// </summary>
    CalendarDays,
    /// <summary>Whole working days at the configured local time: "P2D" is two working days before (or after) the deadline's date.</summary>
    WorkingDays,
}
