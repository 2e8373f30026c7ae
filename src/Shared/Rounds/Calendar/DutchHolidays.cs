namespace MigrationAgenda.Rounds.Calendar;

/// <summary>
/// The Dutch national public holidays of any year, as Rijksoverheid lists them: Nieuwjaarsdag, Goede Vrijdag, Eerste
/// en Tweede Paasdag, Koningsdag, Bevrijdingsdag, Hemelvaartsdag, Eerste en Tweede Pinksterdag, Eerste en Tweede
/// Kerstdag. Hand-written on the Easter computus because the NuGet package PublicHoliday (3.17.0) leaves out Goede
/// Vrijdag, Eerste Paasdag and Eerste Pinksterdag for the Netherlands; the dates are checked in a test against the
/// official table for 2021 to 2030.
/// </summary>
public static class DutchHolidays
{
    /// <summary>Every holiday of <paramref name="year"/> in date order; 5 May only when <paramref name="liberationDay"/> closes it that year.</summary>
    public static IReadOnlyList<DutchHoliday> Of(int year, LiberationDayRule liberationDay = LiberationDayRule.EveryYear)
    {
        // Koningsdag's Sunday rule and the list itself hold from 1980 on; earlier years are no round's business.
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1980);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var easter = EasterSunday(year);
        var holidays = new List<DutchHoliday>
        {
            new(new DateOnly(year, 1, 1), "Nieuwjaarsdag"),
            new(easter.AddDays(-2), "Goede Vrijdag"),
            new(easter, "Eerste Paasdag"),
            new(easter.AddDays(1), "Tweede Paasdag"),
            KingsDay(year),
            new(easter.AddDays(39), "Hemelvaartsdag"),
            new(easter.AddDays(49), "Eerste Pinksterdag"),
            new(easter.AddDays(50), "Tweede Pinksterdag"),
            new(new DateOnly(year, 12, 25), "Eerste Kerstdag"),
            new(new DateOnly(year, 12, 26), "Tweede Kerstdag"),
        };
        if (liberationDay == LiberationDayRule.EveryYear || year % 5 == 0)
            holidays.Add(new DutchHoliday(new DateOnly(year, 5, 5), "Bevrijdingsdag"));
        return holidays.OrderBy(h => h.Date).ToList();
    }

    /// <summary>
    /// Easter Sunday in the Gregorian calendar: the anonymous algorithm published by Meeus (Jones/Butcher), exact for
    /// every Gregorian year.
    /// </summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>
    /// 27 April (the King's birthday) since 2014, 30 April (Koninginnedag) from 1980 to 2013; when it falls on a Sunday
    /// it is celebrated the day before (2025: Saturday 26 April).
    /// </summary>
    private static DutchHoliday KingsDay(int year)
    {
        var (day, name) = year >= 2014 ? (new DateOnly(year, 4, 27), "Koningsdag") : (new DateOnly(year, 4, 30), "Koninginnedag");
        return new DutchHoliday(day.DayOfWeek == DayOfWeek.Sunday ? day.AddDays(-1) : day, name);
    }
}
