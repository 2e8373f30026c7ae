using System.Xml;

namespace MigrationAgenda.Rounds;

/// <summary>
/// Reads a posted <see cref="ScheduleSpec"/> (ISO 8601 durations, so a test runs a whole round in seconds) into a
/// <see cref="RoundSchedule"/>, filling in the defaults for what is left out.
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
    public static RoundSchedule? Parse(ScheduleSpec? spec, ValidationErrors errors)
    {
        var reminders = Durations(spec?.Reminders ?? Default.Reminders!, "schedule.reminders", errors);
        var escalations = Durations(spec?.Escalations ?? Default.Escalations!, "schedule.escalations", errors);
        var cutOff = Duration(spec?.CutOff ?? Default.CutOff!, "schedule.cutOff", errors);
        var approvalTimeout = Duration(spec?.ApprovalTimeout ?? Default.ApprovalTimeout!, "schedule.approvalTimeout", errors);
        var reopenPeriod = Duration(spec?.ReopenPeriod ?? Default.ReopenPeriod!, "schedule.reopenPeriod", errors);
        var approvalReminders = spec?.ApprovalReminders ?? Default.ApprovalReminders!.Value;
        if (approvalReminders is < 0 or > 10)
            errors.Add("schedule.approvalReminders", "Tussen 0 en 10.");

        if (escalations is not null && !escalations.SequenceEqual(escalations.Order()))
            errors.Add("schedule.escalations", "Escalatieniveaus volgen elkaar op: elke duur is langer dan de vorige.");
        if (escalations is { Count: > 0 } && cutOff is not null && cutOff < escalations[^1])
            errors.Add("schedule.cutOff", "De sluiting komt na de laatste escalatie.");

        if (reminders is null || escalations is null || cutOff is null || approvalTimeout is null || reopenPeriod is null)
            return null;
        return new RoundSchedule
        {
            Reminders = reminders, Escalations = escalations, CutOff = cutOff.Value, ApprovalTimeout = approvalTimeout.Value,
            ApprovalReminders = approvalReminders, ReopenPeriod = reopenPeriod.Value,
        };
    }

    private static List<TimeSpan>? Durations(IReadOnlyList<string> values, string path, ValidationErrors errors)
    {
        var list = new List<TimeSpan>();
        for (var i = 0; i < values.Count; i++)
        {
            if (Duration(values[i], $"{path}[{i}]", errors) is { } d)
                list.Add(d);
        }
        return list.Count == values.Count ? list : null;
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
