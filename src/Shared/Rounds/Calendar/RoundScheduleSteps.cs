namespace MigrationAgenda.Rounds.Calendar;

/// <summary>A round's collecting schedule as rules: the input of <see cref="DueTimeCalculator.Compute"/>.</summary>
public sealed record RoundScheduleSteps
{
    /// <summary>Each a step before the deadline.</summary>
    public IReadOnlyList<ScheduleStep> Reminders { get; init; } = [];
    /// <summary>Level 1, 2, … each a step after the deadline.</summary>
    public IReadOnlyList<ScheduleStep> Escalations { get; init; } = [];
    /// <summary>After this step past the deadline the letter is assembled with what is in.</summary>
    public required ScheduleStep CutOff { get; init; }

    /// <summary>The same schedule with every step counted as <paramref name="counting"/> (the spec's "workingDays": true).</summary>
    public static RoundScheduleSteps From(RoundSchedule schedule, DayCounting counting) => new()
    {
        Reminders = schedule.Reminders.Select(r => new ScheduleStep(r, counting)).ToList(),
        Escalations = schedule.Escalations.Select(e => new ScheduleStep(e, counting)).ToList(),
        CutOff = new ScheduleStep(schedule.CutOff, counting),
    };

    /// <summary>The schedule of a plan, each step counted as the plan says (elapsed where it says nothing).</summary>
    public static RoundScheduleSteps From(RoundSchedule schedule) => new()
    {
        Reminders = schedule.Reminders.Select((r, i) => new ScheduleStep(r, CountingAt(schedule.ReminderCounting, i))).ToList(),
        Escalations = schedule.Escalations.Select((e, i) => new ScheduleStep(e, CountingAt(schedule.EscalationCounting, i))).ToList(),
        CutOff = new ScheduleStep(schedule.CutOff, schedule.CutOffCounting),
    };

    public IEnumerable<ScheduleStep> All => Reminders.Concat(Escalations).Append(CutOff);

    /// <summary>True when any step counts days, so the calendar matters (and a deadline on a closed day is refused).</summary>
    public bool UsesCalendar => All.Any(s => s.Counting != DayCounting.Elapsed);

    private static DayCounting CountingAt(IReadOnlyList<DayCounting>? counting, int index) =>
        counting is not null && index < counting.Count ? counting[index] : DayCounting.Elapsed;
}
