using System.Globalization;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Rounds;

/// <summary>
/// When a report's round starts itself, every year (a definition's <c>"annualStart"</c>):
/// <code>"annualStart": { "month": 11, "day": 15, "time": "09:00", "deadline": { "month": 1, "day": 15, "time": "17:00" } }</code>
/// The round's year is the year of its deadline: a deadline that falls before the start in the year (15 January
/// before 15 November) lies in the following year, so the round "ima-2028" starts on 15 November 2027 with its deadline
/// on 15 January 2028. Start and deadline move to the first working day on or after them (the definition's calendar),
/// as a Dutch office would. <see cref="Approver"/>, <see cref="Coordinator"/> and <see cref="Schedule"/> are for the
/// first year only, when there is no approved round of the year before to start from.
/// </summary>
public sealed record AnnualStart
{
    public const string DefaultStartTime = "09:00";
    public const string DefaultDeadlineTime = "17:00";

    public int? Month { get; init; }
    public int? Day { get; init; }
    /// <summary>Dutch local time of the start, "HH:mm"; default 09:00.</summary>
    public string? Time { get; init; }
    public AnnualDeadline? Deadline { get; init; }
    /// <summary>Who approves a round that cannot start from last year's (the first one); otherwise last year's approver.</summary>
    public Contact? Approver { get; init; }
    public Contact? Coordinator { get; init; }
    /// <summary>The schedule of a round that cannot start from last year's; otherwise last year's schedule. Null: the defaults.</summary>
    public ScheduleSpec? Schedule { get; init; }

    /// <summary>True when usable; otherwise every fault is in <paramref name="errors"/> under <paramref name="prefix"/> ("annualStart").</summary>
    public bool Validate(ValidationErrors errors, string prefix, CalendarDefinition? calendar)
    {
        var before = errors.Count;
        string At(string field) => ValidationErrors.Path(prefix, field);

        var start = CheckDay(Month, Day, Time, DefaultStartTime, "de start", prefix, errors);
        if (Deadline is null)
            errors.Add(At("deadline"), "Verplicht: de deadline van elke ronde, bijvoorbeeld { \"month\": 1, \"day\": 15, \"time\": \"17:00\" }.");
        var deadline = Deadline is null ? null : CheckDay(Deadline.Month, Deadline.Day, Deadline.Time, DefaultDeadlineTime, "de deadline", At("deadline"), errors);
        if (start is not null && deadline is not null && start == deadline)
            errors.Add(At("deadline"), "De deadline valt op hetzelfde moment als de start; kies een latere dag.");

        foreach (var (contact, field) in new[] { (Approver, "approver"), (Coordinator, "coordinator") })
            if (contact is not null && !EmailAddress.IsValid(contact.Email))
                errors.Add(At($"{field}.email"), $"'{contact.Email}' is geen geldig e-mailadres.");
        if (Schedule is not null)
        {
            // The parser names fields from "schedule."; here they sit under the annual start.
            var scheduleErrors = new ValidationErrors();
            ScheduleParser.Parse(Schedule, scheduleErrors, calendar);
            foreach (var (field, messages) in scheduleErrors.ToDictionary())
                foreach (var message in messages)
                    errors.Add(At(field), message);
        }
        return errors.Count == before;
    }

    /// <summary>When the round of <paramref name="roundYear"/> starts: on or after the start day, on a working day. Call <see cref="Validate"/> first.</summary>
    public DateTimeOffset StartOf(int roundYear, WorkingDayCalendar days)
    {
        var year = DeadlineInFollowingYear ? roundYear - 1 : roundYear;
        return AmsterdamTime.At(days.OnOrAfter(new DateOnly(year, Month!.Value, Day!.Value)), StartTime);
    }

    /// <summary>The deadline of the round of <paramref name="roundYear"/>, moved to the first working day on or after it.</summary>
    public DateTimeOffset DeadlineOf(int roundYear, WorkingDayCalendar days) =>
        AmsterdamTime.At(days.OnOrAfter(new DateOnly(roundYear, Deadline!.Month!.Value, Deadline.Day!.Value)), DeadlineTime);

    /// <summary>The year of the newest round whose start is at or before <paramref name="now"/>.</summary>
    public int RoundYearAt(DateTimeOffset now, WorkingDayCalendar days)
    {
        var year = AmsterdamTime.ToLocal(now).Year + 1;
        while (StartOf(year, days) > now)
            year--;
        return year;
    }

    private TimeOnly StartTime => CalendarDefinition.ParseTimeOfDay(Time ?? DefaultStartTime)!.Value;
    private TimeOnly DeadlineTime => CalendarDefinition.ParseTimeOfDay(Deadline!.Time ?? DefaultDeadlineTime)!.Value;

    private bool DeadlineInFollowingYear =>
        (Deadline!.Month!.Value, Deadline.Day!.Value, DeadlineTime).CompareTo((Month!.Value, Day!.Value, StartTime)) <= 0;

    private static readonly string[] MonthNames = CultureInfo.GetCultureInfo("nl-NL").DateTimeFormat.MonthNames;

    /// <summary>A month, day and time that exist every year, as (month, day, time) to compare; null with the faults added.</summary>
    private static (int, int, TimeOnly)? CheckDay(int? month, int? day, string? time, string defaultTime, string what, string prefix, ValidationErrors errors)
    {
        string At(string field) => ValidationErrors.Path(prefix, field);
        var before = errors.Count;
        if (month is null)
            errors.Add(At("month"), $"Verplicht: de maand van {what}, 1 (januari) tot en met 12 (december).");
        else if (month is < 1 or > 12)
            errors.Add(At("month"), $"{month} is geen maand: kies 1 (januari) tot en met 12 (december).");
        // 28 in February: a day that exists every year, or the round would skip three years in four.
        var last = month is >= 1 and <= 12 ? (month == 2 ? 28 : DateTime.DaysInMonth(2001, month.Value)) : 31;
        if (day is null)
            errors.Add(At("day"), $"Verplicht: de dag van de maand van {what}.");
        else if (day < 1 || day > last)
            errors.Add(At("day"), month == 2
                ? "Kies voor februari een dag van 1 tot en met 28: 29 februari is er niet elk jaar."
                : $"{(month is >= 1 and <= 12 ? $"{char.ToUpperInvariant(MonthNames[month.Value - 1][0])}{MonthNames[month.Value - 1][1..]} heeft {last} dagen" : "Een maand heeft hoogstens 31 dagen")}: kies een dag van 1 tot en met {last}.");
        var parsed = CalendarDefinition.ParseTimeOfDay(time ?? defaultTime);
        if (time is not null && parsed is null)
            errors.Add(At("time"), CalendarDefinition.TimeOfDayProblem(time));
        return errors.Count == before ? (month!.Value, day!.Value, parsed!.Value) : null;
    }
}

/// <summary>The deadline of every round of an <see cref="AnnualStart"/>: a day of the year and a Dutch local time (default 17:00).</summary>
public sealed record AnnualDeadline
{
    public int? Month { get; init; }
    public int? Day { get; init; }
    public string? Time { get; init; }
}
