namespace MigrationAgenda.Rounds.Calendar;

/// <summary>
/// The calendar of one round: its schedule's steps as counting rules, the working days of its report definition
/// (Dutch holidays, the definition's closed days) and the local time counted steps land at. The one place a deadline
/// becomes due times, a closed-day deadline is judged, and the reopen deadline and the calendar reminder are found.
/// Evaluates time-zone and holiday rules: call it in the planner, an endpoint or an activity, never in the orchestrator.
/// </summary>
public sealed class RoundCalendar
{
    private static readonly ScheduleStep OneWorkingDay = new(TimeSpan.FromDays(1), DayCounting.WorkingDays);

    public RoundCalendar(RoundSchedule schedule, CalendarDefinition? calendar)
    {
        Steps = RoundScheduleSteps.From(schedule);
        ReopenStep = new ScheduleStep(schedule.ReopenPeriod, schedule.ReopenCounting);
        Calculator = new DueTimeCalculator(calendar?.ToWorkingDayCalendar() ?? WorkingDayCalendar.Dutch,
            schedule.TimeOfDay ?? CalendarDefinition.ParseTimeOfDay(calendar?.TimeOfDay));
    }

    public static RoundCalendar Of(RoundPlan plan) => new(plan.Schedule, plan.Definition.Calendar);

    public RoundScheduleSteps Steps { get; }
    public ScheduleStep ReopenStep { get; }
    public DueTimeCalculator Calculator { get; }

    /// <summary>True when any step counts days: then the coordinator has asked for the calendar, and a closed-day deadline is refused.</summary>
    public bool UsesCalendar => Steps.UsesCalendar || ReopenStep.Counting != DayCounting.Elapsed;

    /// <summary>The deadline with its due times, and the warning for a closed day when that is not refused.</summary>
    public DeadlinePlan Plan(DateTimeOffset deadline) => new(deadline, Calculator.Compute(deadline, Steps), Check(deadline).Warning);

    /// <summary>
    /// A deadline on a closed day: refused (the Dutch message for the field "deadline") when the schedule counts days,
    /// only a warning for an elapsed one, whose reminders and escalations follow the deadline to the minute anyway.
    /// </summary>
    public (string? Refusal, string? Warning) Check(DateTimeOffset deadline)
    {
        if (ClosedDeadline.Check(deadline, Calculator.Calendar) is not { } closed)
            return (null, null);
        return UsesCalendar
            ? (closed.Message, null)
            : (null, closed.Message + " Het schema telt niet in werkdagen: herinneringen en escalaties kunnen dan ook op een gesloten dag vallen.");
    }

    /// <summary>
    /// The deadline of a reopened pillar when the approver gives none: the reopen period from <paramref name="now"/>,
    /// exactly as elapsed time, or counted in days to a working day at the local time of the round's deadline (a round
    /// due at 17:00 gives a reopened pillar until 17:00 too).
    /// </summary>
    public DateTimeOffset ReopenDeadline(DateTimeOffset now, DateTimeOffset roundDeadline)
    {
        var today = AmsterdamTime.DateOf(now);
        var date = ReopenStep.Counting switch
        {
            DayCounting.Elapsed => (DateOnly?)null,
            DayCounting.WorkingDays => Calculator.Calendar.AddWorkingDays(today, ReopenStep.Days),
            _ => Calculator.Calendar.OnOrAfter(today.AddDays(ReopenStep.Days)),
        };
        return date is { } day
            ? AmsterdamTime.At(day, TimeOnly.FromTimeSpan(AmsterdamTime.ToLocal(roundDeadline).TimeOfDay))
            : now + ReopenStep.Offset;
    }

    /// <summary>When the .ics reminds its reader: one working day before the deadline, at the round's time of day.</summary>
    public DateTimeOffset CalendarReminder(DateTimeOffset deadline) => Calculator.Before(deadline, OneWorkingDay);
}
