namespace MigrationAgenda.Rounds.Calendar;

/// <summary>
/// Turns a deadline and a schedule of <see cref="ScheduleStep"/>s into concrete moments. Counted steps land at
/// <see cref="TimeOfDay"/> Dutch local time on a working day; all day arithmetic is on Dutch dates, so a step across a
/// daylight-saving change keeps its local time. Elapsed steps are plain deadline ± offset, exactly as before.
/// Pure: call it at start and on extend (planner or activity), never with the clock inside the orchestrator.
/// </summary>
public sealed class DueTimeCalculator(WorkingDayCalendar calendar, TimeOnly? timeOfDay = null)
{
    public static readonly TimeOnly DefaultTimeOfDay = new(9, 0);

    public WorkingDayCalendar Calendar { get; } = calendar;

    /// <summary>The local time counted steps land at (default 09:00).</summary>
    public TimeOnly TimeOfDay { get; } = timeOfDay ?? DefaultTimeOfDay;

    /// <summary>
    /// Every moment of the schedule. Reminders come out sorted and without duplicates (two steps moved onto the same
    /// working day send one reminder). A counted escalation that would not come after the previous level moves to the
    /// next working day, so each level gets a working day of its own; a counted cut-off likewise comes after the last
    /// escalation (never at the same moment). Elapsed steps are never moved.
    /// </summary>
    public DueTimes Compute(DateTimeOffset deadline, RoundScheduleSteps schedule)
    {
        foreach (var step in schedule.All)
            if (step.Problem is { } problem)
                throw new ArgumentException(problem, nameof(schedule));

        var reminders = schedule.Reminders.Select(s => Before(deadline, s)).Distinct().Order().ToList();
        var escalations = new List<DateTimeOffset>();
        foreach (var step in schedule.Escalations)
            escalations.Add(AfterPrevious(After(deadline, step), step, escalations));
        var cutOff = AfterPrevious(After(deadline, schedule.CutOff), schedule.CutOff, escalations);
        return new DueTimes { Deadline = deadline, Reminders = reminders, Escalations = escalations, CutOff = cutOff };
    }

    /// <summary>A reminder: <paramref name="step"/> before the deadline.</summary>
    public DateTimeOffset Before(DateTimeOffset deadline, ScheduleStep step) => step.Counting switch
    {
        DayCounting.Elapsed => deadline - step.Offset,
        DayCounting.CalendarDays => At(Calendar.OnOrBefore(AmsterdamTime.DateOf(deadline).AddDays(-step.Days))),
        DayCounting.WorkingDays => At(Calendar.AddWorkingDays(AmsterdamTime.DateOf(deadline), -step.Days)),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>An escalation or the cut-off: <paramref name="step"/> after the deadline.</summary>
    public DateTimeOffset After(DateTimeOffset deadline, ScheduleStep step) => step.Counting switch
    {
        DayCounting.Elapsed => deadline + step.Offset,
        DayCounting.CalendarDays => At(Calendar.OnOrAfter(AmsterdamTime.DateOf(deadline).AddDays(step.Days))),
        DayCounting.WorkingDays => At(Calendar.AddWorkingDays(AmsterdamTime.DateOf(deadline), step.Days)),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>The moment a reply is due on a working day: <see cref="TimeOfDay"/> on <paramref name="date"/>, Dutch time.</summary>
    public DateTimeOffset At(DateOnly date) => AmsterdamTime.At(date, TimeOfDay);

    private DateTimeOffset AfterPrevious(DateTimeOffset at, ScheduleStep step, List<DateTimeOffset> previous)
    {
        if (step.Counting == DayCounting.Elapsed || previous.Count == 0 || at > previous[^1])
            return at;
        return At(Calendar.AddWorkingDays(AmsterdamTime.DateOf(previous[^1]), 1));
    }
}
