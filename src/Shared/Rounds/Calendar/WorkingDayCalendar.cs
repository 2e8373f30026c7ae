using System.Collections.Concurrent;

namespace MigrationAgenda.Rounds.Calendar;

/// <summary>
/// The days the ministries work: Monday to Friday, except the Dutch public holidays (<see cref="DutchHolidays"/>)
/// and the extra closed periods of the report definition. Pure and immutable: the same inputs give the same days on
/// every machine, so due times computed from it replay identically.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>How far a search for a working day may go; the periods are at most 31 days, so this is never reached by valid data.</summary>
    private const int SearchLimitDays = 366;

    private readonly IReadOnlyList<ClosedPeriod> _closedPeriods;
    private readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, string>> _closedByYear = new();

    /// <param name="closedPeriods">Extra closed days; each must have no <see cref="ClosedPeriod.Problems"/>.</param>
    /// <param name="liberationDay">Whether 5 May is closed every year or only in lustrum years.</param>
    public WorkingDayCalendar(IEnumerable<ClosedPeriod>? closedPeriods = null, LiberationDayRule liberationDay = LiberationDayRule.EveryYear)
    {
        _closedPeriods = closedPeriods?.ToList() ?? [];
        foreach (var period in _closedPeriods)
            if (period.Problems() is { Count: > 0 } problems)
                throw new ArgumentException($"Gesloten periode {period.From}{(period.To is null ? "" : $" tot en met {period.To}")}: {string.Join(" ", problems)}", nameof(closedPeriods));
        LiberationDay = liberationDay;
    }

    /// <summary>Weekends and Dutch public holidays only, 5 May every year.</summary>
    public static WorkingDayCalendar Dutch { get; } = new();

    public LiberationDayRule LiberationDay { get; }
    public IReadOnlyList<ClosedPeriod> ClosedPeriods => _closedPeriods;

    public bool IsWorkingDay(DateOnly date) => WhyClosed(date) is null;

    /// <summary>Why <paramref name="date"/> is closed (a holiday or closed period before the weekend), or null on a working day.</summary>
    public ClosedDay? WhyClosed(DateOnly date)
    {
        if (ClosedDays(date.Year).TryGetValue(date, out var reason))
            return new ClosedDay(date, reason);
        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => new ClosedDay(date, "zaterdag"),
            DayOfWeek.Sunday => new ClosedDay(date, "zondag"),
            _ => null,
        };
    }

    /// <summary><paramref name="date"/> itself when it is a working day, else the last working day before it.</summary>
    public DateOnly OnOrBefore(DateOnly date) => Search(date, -1);

    /// <summary><paramref name="date"/> itself when it is a working day, else the first working day after it.</summary>
    public DateOnly OnOrAfter(DateOnly date) => Search(date, +1);

    /// <summary>
    /// The working day <paramref name="days"/> working days after (positive) or before (negative) <paramref name="date"/>,
    /// which itself does not count: two working days before Tuesday 30 March 2027, with Good Friday and Easter Monday
    /// closed, is Wednesday 24 March.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var step = Math.Sign(days);
        var result = date;
        for (var left = Math.Abs(days); left > 0; left--)
            result = Search(result.AddDays(step), step);
        return result;
    }

    private DateOnly Search(DateOnly start, int step)
    {
        var date = start;
        for (var i = 0; i < SearchLimitDays; i++, date = date.AddDays(step))
            if (IsWorkingDay(date))
                return date;
        throw new InvalidOperationException($"Geen werkdag gevonden binnen {SearchLimitDays} dagen vanaf {start:yyyy-MM-dd}.");
    }

    // Holidays and periods of one year, computed once: a schedule walks the same weeks many times.
    private IReadOnlyDictionary<DateOnly, string> ClosedDays(int year) => _closedByYear.GetOrAdd(year, y =>
    {
        var days = new Dictionary<DateOnly, string>();
        foreach (var holiday in DutchHolidays.Of(y, LiberationDay))
            days.TryAdd(holiday.Date, holiday.Name);
        if (_closedPeriods.Count > 0)
            for (var day = new DateOnly(y, 1, 1); day.Year == y; day = day.AddDays(1))
                if (_closedPeriods.FirstOrDefault(p => p.Covers(day)) is { } period)
                    days.TryAdd(day, period.Description);
        return days;
    });
}
