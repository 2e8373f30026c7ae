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

    public IEnumerable<ScheduleStep> All => Reminders.Concat(Escalations).Append(CutOff);

    /// <summary>True when any step counts days, so the calendar matters (and a deadline on a closed day is refused).</summary>
    public bool UsesCalendar => All.Any(s => s.Counting != DayCounting.Elapsed);
}
