using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.UnitTests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static DateOnly D(string date) => DateOnly.Parse(date);

    private static readonly ClosedPeriod ChristmasWeek = new() { From = "12-27", To = "12-31", Name = "kerstsluiting" };

    [Fact]
    public void Weekends_and_holidays_are_closed_with_their_reason()
    {
        var calendar = WorkingDayCalendar.Dutch;
        Assert.Equal("zaterdag", calendar.WhyClosed(D("2027-01-16"))!.Reason);
        Assert.Equal("zondag", calendar.WhyClosed(D("2027-01-17"))!.Reason);
        Assert.Equal("Goede Vrijdag", calendar.WhyClosed(D("2027-03-26"))!.Reason);
        // A holiday on a Saturday is named as the holiday.
        Assert.Equal("Koningsdag", calendar.WhyClosed(D("2025-04-26"))!.Reason);
        Assert.Null(calendar.WhyClosed(D("2027-01-15")));
        Assert.True(calendar.IsWorkingDay(D("2027-03-25")));
    }

    [Fact]
    public void Counting_working_days_skips_Easter_from_Good_Friday_to_Easter_Monday()
    {
        var calendar = WorkingDayCalendar.Dutch;
        var tuesdayAfterEaster = D("2027-03-30");
        Assert.Equal(D("2027-03-25"), calendar.AddWorkingDays(tuesdayAfterEaster, -1));
        Assert.Equal(D("2027-03-24"), calendar.AddWorkingDays(tuesdayAfterEaster, -2));
        Assert.Equal(D("2027-03-30"), calendar.AddWorkingDays(D("2027-03-25"), 1));
        Assert.Equal(tuesdayAfterEaster, calendar.AddWorkingDays(tuesdayAfterEaster, 0));
        Assert.Equal(D("2027-03-25"), calendar.OnOrBefore(D("2027-03-28")));
        Assert.Equal(D("2027-03-30"), calendar.OnOrAfter(D("2027-03-26")));
        Assert.Equal(D("2027-03-25"), calendar.OnOrBefore(D("2027-03-25")));
    }

    [Fact]
    public void An_annual_closed_period_closes_the_days_between_Christmas_and_New_Year_every_year()
    {
        var calendar = new WorkingDayCalendar([ChristmasWeek]);
        foreach (var year in new[] { 2026, 2027, 2030 })
            for (var day = 27; day <= 31; day++)
            {
                var date = new DateOnly(year, 12, day);
                if (date.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
                    Assert.Equal("kerstsluiting", calendar.WhyClosed(date)!.Reason);
            }
        Assert.True(calendar.IsWorkingDay(D("2027-12-24")));
        Assert.True(WorkingDayCalendar.Dutch.IsWorkingDay(D("2027-12-28")));
        // From Monday 4 January 2027 two working days back: not 31 and 30 December but 24 and 23 December.
        Assert.Equal(D("2026-12-23"), calendar.AddWorkingDays(D("2027-01-04"), -2));
        Assert.Equal(D("2026-12-30"), WorkingDayCalendar.Dutch.AddWorkingDays(D("2027-01-04"), -2));
    }

    [Fact]
    public void A_period_over_New_Year_and_a_one_off_bridge_day_are_closed()
    {
        var calendar = new WorkingDayCalendar(
        [
            new ClosedPeriod { From = "12-24", To = "01-02", Name = "jaarwisseling" },
            new ClosedPeriod { From = "2027-05-07", Name = "brugdag" },
        ]);
        Assert.Equal("jaarwisseling", calendar.WhyClosed(D("2027-12-24"))!.Reason);
        Assert.Equal("jaarwisseling", calendar.WhyClosed(D("2027-12-31"))!.Reason);
        Assert.Equal("Nieuwjaarsdag", calendar.WhyClosed(D("2029-01-01"))!.Reason);
        Assert.Equal("jaarwisseling", calendar.WhyClosed(D("2029-01-02"))!.Reason);
        Assert.True(calendar.IsWorkingDay(D("2029-01-03")));
        Assert.Equal("brugdag", calendar.WhyClosed(D("2027-05-07"))!.Reason);
        Assert.True(calendar.IsWorkingDay(D("2028-05-08")));
    }

    [Theory]
    [InlineData("27-12", null, "geen datum")]
    [InlineData("12-27", "2027-12-31", "dezelfde vorm")]
    [InlineData("2027-12-31", "2027-12-27", "vóór het begin")]
    [InlineData("2027-07-01", "2027-08-31", "hoogstens 31 dagen")]
    [InlineData("11-01", "01-31", "hoogstens 31 dagen")]
    [InlineData("12-27", "31 december", "geen datum")]
    public void A_bad_closed_period_is_named_in_Dutch_and_refused_by_the_calendar(string from, string? to, string expected)
    {
        var period = new ClosedPeriod { From = from, To = to };
        Assert.Contains(period.Problems(), p => p.Contains(expected, StringComparison.Ordinal));
        var refused = Assert.Throws<ArgumentException>(() => new WorkingDayCalendar([period]));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12-27", "12-31")]
    [InlineData("12-24", "01-02")]
    [InlineData("02-29", null)]
    [InlineData("2027-05-07", null)]
    [InlineData("2027-07-19", "2027-08-13")]
    public void A_good_closed_period_has_no_problems(string from, string? to) =>
        Assert.Empty(new ClosedPeriod { From = from, To = to }.Problems());

    [Fact]
    public void A_deadline_on_a_closed_day_is_named_with_working_days_to_choose_instead()
    {
        var koningsdag = ClosedDeadline.Check(DateTimeOffset.Parse("2025-04-26T12:00:00+02:00"), WorkingDayCalendar.Dutch)!;
        Assert.Equal("Koningsdag", koningsdag.Day.Reason);
        Assert.Equal((D("2025-04-25"), D("2025-04-28")), (koningsdag.WorkingDayBefore, koningsdag.WorkingDayAfter));
        Assert.Equal("De deadline zaterdag 26 april 2025 valt op Koningsdag; dan zijn de ministeries gesloten. " +
            "Kies een werkdag, bijvoorbeeld vrijdag 25 april 2025 of maandag 28 april 2025.", koningsdag.Message);

        var sunday = ClosedDeadline.Check(DateTimeOffset.Parse("2027-01-17T17:00:00+01:00"), WorkingDayCalendar.Dutch)!;
        Assert.StartsWith("De deadline zondag 17 januari 2027 valt op een zondag;", sunday.Message, StringComparison.Ordinal);

        // The Dutch date counts: 23:30 UTC on Friday is already Saturday in Amsterdam.
        Assert.NotNull(ClosedDeadline.Check(DateTimeOffset.Parse("2027-01-15T23:30:00Z"), WorkingDayCalendar.Dutch));
        Assert.Null(ClosedDeadline.Check(DateTimeOffset.Parse("2027-01-15T17:00:00+01:00"), WorkingDayCalendar.Dutch));
    }
}
