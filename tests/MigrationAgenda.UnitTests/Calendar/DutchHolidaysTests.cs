using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.UnitTests.Calendar;

public sealed class DutchHolidaysTests
{
    /// <summary>
    /// The official Dutch public holidays (Rijksoverheid, "Officiële feestdagen") for 2021 to 2030, written out by hand
    /// as data rather than computed, so the computus is checked against something independent of it.
    /// Per year: Nieuwjaarsdag, Goede Vrijdag, Eerste en Tweede Paasdag, Koningsdag, Bevrijdingsdag, Hemelvaartsdag,
    /// Eerste en Tweede Pinksterdag, Eerste en Tweede Kerstdag.
    /// </summary>
    public static readonly TheoryData<int, string[]> Official = new()
    {
        { 2021, ["01-01", "04-02", "04-04", "04-05", "04-27", "05-05", "05-13", "05-23", "05-24", "12-25", "12-26"] },
        { 2022, ["01-01", "04-15", "04-17", "04-18", "04-27", "05-05", "05-26", "06-05", "06-06", "12-25", "12-26"] },
        { 2023, ["01-01", "04-07", "04-09", "04-10", "04-27", "05-05", "05-18", "05-28", "05-29", "12-25", "12-26"] },
        { 2024, ["01-01", "03-29", "03-31", "04-01", "04-27", "05-05", "05-09", "05-19", "05-20", "12-25", "12-26"] },
        // 27 April 2025 is a Sunday: Koningsdag is Saturday 26 April.
        { 2025, ["01-01", "04-18", "04-20", "04-21", "04-26", "05-05", "05-29", "06-08", "06-09", "12-25", "12-26"] },
        { 2026, ["01-01", "04-03", "04-05", "04-06", "04-27", "05-05", "05-14", "05-24", "05-25", "12-25", "12-26"] },
        { 2027, ["01-01", "03-26", "03-28", "03-29", "04-27", "05-05", "05-06", "05-16", "05-17", "12-25", "12-26"] },
        { 2028, ["01-01", "04-14", "04-16", "04-17", "04-27", "05-05", "05-25", "06-04", "06-05", "12-25", "12-26"] },
        { 2029, ["01-01", "03-30", "04-01", "04-02", "04-27", "05-05", "05-10", "05-20", "05-21", "12-25", "12-26"] },
        { 2030, ["01-01", "04-19", "04-21", "04-22", "04-27", "05-05", "05-30", "06-09", "06-10", "12-25", "12-26"] },
    };

    private static readonly string[] Names =
    [
        "Nieuwjaarsdag", "Goede Vrijdag", "Eerste Paasdag", "Tweede Paasdag", "Koningsdag", "Bevrijdingsdag",
        "Hemelvaartsdag", "Eerste Pinksterdag", "Tweede Pinksterdag", "Eerste Kerstdag", "Tweede Kerstdag",
    ];

    [Theory]
    [MemberData(nameof(Official))]
    public void Every_holiday_falls_on_its_official_date(int year, string[] monthDays)
    {
        var expected = monthDays.Select((md, i) => (Date: DateOnly.Parse($"{year}-{md}"), Name: Names[i])).ToList();

        var actual = DutchHolidays.Of(year).Select(h => (h.Date, h.Name)).ToList();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Official))]
    public void Every_official_weekday_holiday_closes_the_ministries(int year, string[] monthDays)
    {
        var calendar = WorkingDayCalendar.Dutch;
        foreach (var date in monthDays.Select(md => DateOnly.Parse($"{year}-{md}")))
            Assert.False(calendar.IsWorkingDay(date), $"{date:yyyy-MM-dd ddd} is an official holiday");
    }

    [Fact]
    public void Koningsdag_on_a_Sunday_moves_to_the_Saturday_before()
    {
        Assert.Equal(DayOfWeek.Sunday, new DateOnly(2025, 4, 27).DayOfWeek);
        Assert.Contains(new DutchHoliday(new DateOnly(2025, 4, 26), "Koningsdag"), DutchHolidays.Of(2025));
        Assert.DoesNotContain(DutchHolidays.Of(2025), h => h.Date == new DateOnly(2025, 4, 27));
        // The next time: 2031.
        Assert.Contains(new DutchHoliday(new DateOnly(2031, 4, 26), "Koningsdag"), DutchHolidays.Of(2031));
        // Before 2014 it was Koninginnedag on 30 April, with the same rule (2006: Saturday 29 April).
        Assert.Contains(new DutchHoliday(new DateOnly(2006, 4, 29), "Koninginnedag"), DutchHolidays.Of(2006));
    }

    [Fact]
    public void Bevrijdingsdag_is_closed_every_year_by_default_and_only_in_lustrum_years_on_request()
    {
        Assert.All(Enumerable.Range(2021, 10), year =>
            Assert.Contains(DutchHolidays.Of(year), h => h.Date == new DateOnly(year, 5, 5) && h.Name == "Bevrijdingsdag"));

        var lustrum = Enumerable.Range(2021, 10)
            .Where(year => DutchHolidays.Of(year, LiberationDayRule.LustrumYears).Any(h => h.Name == "Bevrijdingsdag"))
            .ToList();
        Assert.Equal([2025, 2030], lustrum);

        // Wednesday 5 May 2027 is a working day only under the lustrum rule.
        Assert.False(WorkingDayCalendar.Dutch.IsWorkingDay(new DateOnly(2027, 5, 5)));
        Assert.True(new WorkingDayCalendar(liberationDay: LiberationDayRule.LustrumYears).IsWorkingDay(new DateOnly(2027, 5, 5)));
    }

    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2049, "2049-04-18")]
    [InlineData(2100, "2100-03-28")]
    public void Easter_is_right_at_the_edges_of_its_range(int year, string easter)
    {
        // 2008 and 2038/2011 are near the earliest (22 March) and latest (25 April) possible dates.
        Assert.Equal(DateOnly.Parse(easter), DutchHolidays.EasterSunday(year));
    }
}
