using System.Globalization;

namespace MigrationAgenda.Rounds.Calendar;

/// <summary>
/// Extra days the ministries are closed, as data in the report definition: every year ("12-27" to "12-31", the days
/// between Christmas and New Year) or once ("2027-05-07", a bridge day). Strings rather than dates so a coordinator
/// writes the JSON by hand and a mistake gets a Dutch message naming it.
/// </summary>
public sealed record ClosedPeriod
{
    /// <summary>Maximum length of one period: longer would leave a round without working days to count.</summary>
    public const int MaxDays = 31;

    /// <summary>First closed day: "MM-dd" every year, or "yyyy-MM-dd" once.</summary>
    public required string From { get; init; }
    /// <summary>Last closed day, in the same form as <see cref="From"/>; omitted for a single day. An annual period may run over New Year ("12-24" to "01-02").</summary>
    public string? To { get; init; }
    /// <summary>What the period is called in messages, e.g. "kerstsluiting".</summary>
    public string? Name { get; init; }

    /// <summary>What is wrong with this period, in Dutch; empty when it is usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        var from = Parse(From);
        var to = To is null ? from : Parse(To);
        if (from is null)
            problems.Add($"'{From}' is geen datum: gebruik 'MM-dd' voor elk jaar (bijvoorbeeld '12-27') of 'yyyy-MM-dd' voor één keer (bijvoorbeeld '2027-05-07').");
        if (To is not null && to is null)
            problems.Add($"'{To}' is geen datum: gebruik 'MM-dd' voor elk jaar of 'yyyy-MM-dd' voor één keer.");
        if (from is null || to is null)
            return problems;
        if (from.Value.Annual != to.Value.Annual)
            problems.Add("Begin en einde hebben dezelfde vorm: allebei 'MM-dd' (elk jaar) of allebei 'yyyy-MM-dd' (één keer).");
        else if (!from.Value.Annual && to.Value.Date < from.Value.Date)
            problems.Add($"Het einde ({To}) ligt vóór het begin ({From}).");
        else if (Length(from.Value, to.Value) > MaxDays)
            problems.Add($"Een gesloten periode duurt hoogstens {MaxDays} dagen.");
        return problems;
    }

    /// <summary>Whether <paramref name="date"/> falls in this period. Call <see cref="Problems"/> first: an unusable period covers nothing.</summary>
    public bool Covers(DateOnly date)
    {
        if (Parse(From) is not { } from || (To is null ? from : Parse(To)) is not { } to || from.Annual != to.Annual)
            return false;
        if (!from.Annual)
            return date >= from.Date && date <= to.Date;
        var day = MonthDay(date);
        var (first, last) = (MonthDay(from.Date), MonthDay(to.Date));
        // An annual period over New Year ("12-24" to "01-02") is the two ends of the year.
        return first <= last ? day >= first && day <= last : day >= first || day <= last;
    }

    /// <summary>How messages name a day in this period: its name, or "een extra gesloten dag".</summary>
    public string Description => string.IsNullOrWhiteSpace(Name) ? "een extra gesloten dag" : Name.Trim();

    private static int MonthDay(DateOnly date) => date.Month * 100 + date.Day;

    private static int Length((DateOnly Date, bool Annual) from, (DateOnly Date, bool Annual) to)
    {
        if (!from.Annual)
            return to.Date.DayNumber - from.Date.DayNumber + 1;
        // Annual dates are parsed into leap year 2000; a period over New Year ends in the next one.
        var end = MonthDay(to.Date) >= MonthDay(from.Date) ? to.Date : to.Date.AddYears(1);
        return end.DayNumber - from.Date.DayNumber + 1;
    }

    private static (DateOnly Date, bool Annual)? Parse(string? value)
    {
        var text = value?.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var once))
            return (once, false);
        // A leap year, so "02-29" is a valid annual day (it then only matters in leap years).
        if (DateOnly.TryParseExact($"2000-{text}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var annual))
            return (annual, true);
        return null;
    }
}
