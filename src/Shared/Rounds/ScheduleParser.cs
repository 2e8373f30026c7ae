using System.Xml;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Rounds;

/// <summary>
/// Reads a posted <see cref="ScheduleSpec"/> (ISO 8601 durations, so a test runs a whole round in seconds) into a
/// <see cref="RoundSchedule"/>, filling in the defaults for what is left out, and deciding how each step counts:
/// as the step says, else in working days when the schedule (or the definition's calendar) says so and the step is
/// whole days, else as exact elapsed time.
/// </summary>
public static class ScheduleParser
{
    public static readonly ScheduleSpec Default = new()
    {
        Reminders = ["P7D", "P2D"],
        Escalations = ["P1D", "P3D"],
        CutOff = "P5D",
        ApprovalTimeout = "P3D",
        ApprovalReminders = 3,
        ReopenPeriod = "P5D",
    };

    /// <summary>The schedule, or null with every bad field under "schedule.…" in <paramref name="errors"/>.</summary>
    /// <param name="calendar">The report definition's calendar: whether whole-day steps count working days by default, and the time of day.</param>
    public static RoundSchedule? Parse(ScheduleSpec? spec, ValidationErrors errors, CalendarDefinition? calendar = null)
    {
        var workingDays = spec?.WorkingDays ?? calendar?.WorkingDays ?? false;
        var reminders = Steps(spec?.Reminders ?? Default.Reminders!, "schedule.reminders", workingDays, errors);
        var escalations = Steps(spec?.Escalations ?? Default.Escalations!, "schedule.escalations", workingDays, errors);
        var cutOff = Step(spec?.CutOff ?? Default.CutOff!, "schedule.cutOff", workingDays, errors);
        var approvalTimeout = Duration(spec?.ApprovalTimeout ?? Default.ApprovalTimeout!, "schedule.approvalTimeout", errors);
        var reopenPeriod = Step(spec?.ReopenPeriod ?? Default.ReopenPeriod!, "schedule.reopenPeriod", workingDays, errors);
        var approvalReminders = spec?.ApprovalReminders ?? Default.ApprovalReminders!.Value;
        if (approvalReminders is < 0 or > 10)
            errors.Add("schedule.approvalReminders", "Tussen 0 en 10.");
        var timeOfDay = CalendarDefinition.ParseTimeOfDay(spec?.TimeOfDay ?? calendar?.TimeOfDay);
        if (spec?.TimeOfDay is { } time && timeOfDay is null)
            errors.Add("schedule.timeOfDay", CalendarDefinition.TimeOfDayProblem(time));

        var escalationOffsets = escalations?.Select(e => e.Offset).ToList();
        if (escalationOffsets is not null && !escalationOffsets.SequenceEqual(escalationOffsets.Order()))
            errors.Add("schedule.escalations", "Escalatieniveaus volgen elkaar op: elke duur is langer dan de vorige.");
        if (escalationOffsets is { Count: > 0 } && cutOff is not null && cutOff.Offset < escalationOffsets[^1])
            errors.Add("schedule.cutOff", "De sluiting komt na de laatste escalatie.");

        if (reminders is null || escalations is null || cutOff is null || approvalTimeout is null || reopenPeriod is null)
            return null;
        return new RoundSchedule
        {
            Reminders = reminders.Select(r => r.Offset).ToList(), Escalations = escalationOffsets!, CutOff = cutOff.Offset,
            ApprovalTimeout = approvalTimeout.Value, ApprovalReminders = approvalReminders, ReopenPeriod = reopenPeriod.Offset,
            ReminderCounting = reminders.Select(r => r.Counting).ToList(), EscalationCounting = escalations.Select(e => e.Counting).ToList(),
            CutOffCounting = cutOff.Counting, ReopenCounting = reopenPeriod.Counting, TimeOfDay = timeOfDay,
        };
    }

    private static List<ScheduleStep>? Steps(IReadOnlyList<ScheduleStepSpec?> values, string path, bool workingDays, ValidationErrors errors)
    {
        var list = new List<ScheduleStep>();
        for (var i = 0; i < values.Count; i++)
        {
            if (Step(values[i], $"{path}[{i}]", workingDays, errors) is { } step)
                list.Add(step);
        }
        return list.Count == values.Count ? list : null;
    }

    private static ScheduleStep? Step(ScheduleStepSpec? spec, string path, bool workingDays, ValidationErrors errors)
    {
        if (Duration(spec?.Offset ?? "", path, errors) is not { } offset)
            return null;
        DayCounting counting;
        if (spec!.Counting is null)
            counting = workingDays && offset.Ticks % TimeSpan.TicksPerDay == 0 ? DayCounting.WorkingDays : DayCounting.Elapsed;
        else if (spec.Counting.Any(char.IsDigit) || !Enum.TryParse(spec.Counting, ignoreCase: true, out counting))
        {
            errors.Add($"{path}.counting", $"'{spec.Counting}' kennen we niet. Kies 'workingDays' (werkdagen), 'calendarDays' " +
                "(kalenderdagen, op een gesloten dag verschoven naar een werkdag) of 'elapsed' (precies zoveel tijd).");
            return null;
        }
        var step = new ScheduleStep(offset, counting);
        if (step.Problem is { } problem)
        {
            errors.Add(path, problem);
            return null;
        }
        return step;
    }

    private static TimeSpan? Duration(string value, string path, ValidationErrors errors)
    {
        try
        {
            var duration = XmlConvert.ToTimeSpan(value);
            if (duration > TimeSpan.Zero)
                return duration;
            errors.Add(path, $"'{value}' is geen positieve duur.");
        }
        catch (FormatException)
        {
            errors.Add(path, $"'{value}' is geen ISO 8601-duur (bijvoorbeeld P7D voor zeven dagen, PT30S voor dertig seconden).");
        }
        return null;
    }
}
