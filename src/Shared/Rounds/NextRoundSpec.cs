using System.Xml;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Rounds;

/// <summary>
/// Next year's round spec made from this year's round: the year one up, the same definition, participants, pillars,
/// schedule (each step as it counted), approver, coordinator and the coordinator's texts (a starting point to edit);
/// the deadline one year later on a working day. Contacts: from the definition's contacts list, as a new start takes
/// them; while that list is empty, the round's own contacts (real addresses, where the definition has examples).
/// Pure: the caller reads the round, the list and the catalog.
/// </summary>
public static class NextRoundSpec
{
    /// <summary>The round id of a definition's year, "ima-2028": lower case, other characters as '-', at most 24 characters.</summary>
    public static string Id(string definition, int year)
    {
        var suffix = $"-{year}";
        var name = new string(definition.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        if (name.Length == 0)
            name = "ronde";
        return (name.Length > 24 - suffix.Length ? name[..(24 - suffix.Length)].TrimEnd('-') : name) + suffix;
    }

    /// <summary>
    /// One year after <paramref name="previous"/>, at the same Dutch wall-clock time (29 February becomes 28 February),
    /// on the first working day on or after that date: a Friday deadline that falls on a Saturday next year moves to
    /// Monday, as the Algemene termijnenwet moves a statutory term.
    /// </summary>
    public static DateTimeOffset Deadline(DateTimeOffset previous, WorkingDayCalendar days)
    {
        var local = AmsterdamTime.ToLocal(previous);
        var date = DateOnly.FromDateTime(local.DateTime).AddYears(1);
        return AmsterdamTime.At(days.OnOrAfter(date), TimeOnly.FromTimeSpan(local.TimeOfDay));
    }

    /// <summary>The schedule as the round ran it, each step with its counting written out, so next year counts alike whatever the defaults are then.</summary>
    public static ScheduleSpec Schedule(RoundSchedule schedule) => new()
    {
        TimeOfDay = schedule.TimeOfDay?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        Reminders = schedule.Reminders.Select((r, i) => Step(r, schedule.ReminderCounting?.ElementAtOrDefault(i))).ToList(),
        Escalations = schedule.Escalations.Select((e, i) => Step(e, schedule.EscalationCounting?.ElementAtOrDefault(i))).ToList(),
        CutOff = Step(schedule.CutOff, schedule.CutOffCounting),
        ApprovalTimeout = XmlConvert.ToString(schedule.ApprovalTimeout),
        ApprovalReminders = schedule.ApprovalReminders,
        ReopenPeriod = Step(schedule.ReopenPeriod, schedule.ReopenCounting),
    };

    /// <param name="previous">The approved round as stored (its texts as last edited).</param>
    /// <param name="definition">The definition as the catalog has it now (it may have changed since), or the round's own inline one.</param>
    /// <param name="named">Whether the catalog has the definition: then the spec names it, otherwise it carries it inline.</param>
    /// <param name="contactList">The definition's contacts list now; empty when it has none.</param>
    public static RoundSpec From(RoundPlan previous, ReportDefinition definition, bool named, string roundId, DateTimeOffset deadline,
        IReadOnlyList<MinistryContacts> contactList, string? reference = null) => new()
    {
        RoundId = roundId,
        Year = previous.Year + 1,
        DefinitionName = named ? definition.Name : null,
        Definition = named ? null : definition,
        Deadline = deadline,
        Schedule = Schedule(previous.Schedule),
        Ministries = Participants(previous, definition, contactList.Count == 0),
        Approver = previous.Approver,
        Coordinator = previous.Coordinator,
        Reference = reference,
        Texts = previous.Texts,
    };

    /// <summary>A round of <paramref name="year"/> from the definition alone (no approved round the year before): every ministry, contacts from the list.</summary>
    public static RoundSpec FromDefinition(ReportDefinition definition, AnnualStart annual, string roundId, int year, DateTimeOffset deadline) => new()
    {
        RoundId = roundId,
        Year = year,
        DefinitionName = definition.Name,
        Deadline = deadline,
        Schedule = annual.Schedule,
        Approver = annual.Approver,
        Coordinator = annual.Coordinator,
    };

    /// <summary>
    /// Last year's participants that the definition still has, with the pillars they still write; their own contacts
    /// only when the contacts list is empty (otherwise the planner takes the list's, and names a ministry missing from it).
    /// </summary>
    private static IReadOnlyList<MinistrySpec> Participants(RoundPlan previous, ReportDefinition definition, bool ownContacts) =>
        previous.Participants
            .Select(p => (Participant: p, Ministry: definition.FindMinistry(p.Code)))
            .Where(x => x.Ministry is not null && x.Participant.Pillars.Any(x.Ministry.Pillars.Contains))
            .Select(x => new MinistrySpec
            {
                Code = x.Ministry!.Code,
                Pillars = x.Participant.Pillars.Where(x.Ministry.Pillars.Contains).ToList(),
                Contacts = ownContacts ? x.Participant.Contacts : null,
                AllowedSenders = ownContacts ? x.Participant.AllowedSenders : null,
            })
            .ToList();

    private static ScheduleStepSpec Step(TimeSpan offset, DayCounting? counting) => new()
    {
        Offset = XmlConvert.ToString(offset),
        Counting = counting switch
        {
            DayCounting.WorkingDays => "workingDays",
            DayCounting.CalendarDays => "calendarDays",
            _ => "elapsed",
        },
    };
}
