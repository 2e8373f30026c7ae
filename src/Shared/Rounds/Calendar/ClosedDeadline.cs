using System.Globalization;

namespace MigrationAgenda.Rounds.Calendar;

/// <summary>
/// A deadline that falls on a closed day, with the working days around it to suggest instead. Refused (400 on the
/// field "deadline") when the round's schedule counts days, because then the coordinator has asked for the calendar
/// and a deadline on Koningsdag or a Saturday is a typing error; only a warning in the status for an elapsed
/// schedule, which keeps today's behaviour (tests start rounds seconds away, on any day of the week).
/// </summary>
public sealed record ClosedDeadline(DateTimeOffset Deadline, ClosedDay Day, DateOnly WorkingDayBefore, DateOnly WorkingDayAfter)
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    /// <summary>The deadline's problem, or null when it falls on a working day.</summary>
    public static ClosedDeadline? Check(DateTimeOffset deadline, WorkingDayCalendar calendar)
    {
        var date = AmsterdamTime.DateOf(deadline);
        return calendar.WhyClosed(date) is { } closed
            ? new ClosedDeadline(deadline, closed, calendar.OnOrBefore(date), calendar.OnOrAfter(date))
            : null;
    }

    /// <summary>
    /// "De deadline zaterdag 26 april 2025 valt op Koningsdag; dan zijn de ministeries gesloten. Kies een werkdag,
    /// bijvoorbeeld vrijdag 25 april 2025 of maandag 28 april 2025."
    /// </summary>
    public string Message =>
        $"De deadline {Format(Day.Date)} valt op {Reason}; dan zijn de ministeries gesloten. " +
        $"Kies een werkdag, bijvoorbeeld {Format(WorkingDayBefore)} of {Format(WorkingDayAfter)}.";

    private string Reason => Day.Reason is "zaterdag" or "zondag" ? $"een {Day.Reason}" : Day.Reason;

    private static string Format(DateOnly date) => date.ToString("dddd d MMMM yyyy", Dutch);
}
