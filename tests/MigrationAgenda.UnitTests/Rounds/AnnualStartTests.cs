using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>A definition's annual start: which round is due when, on working days in Dutch local time, and its checks in Dutch.</summary>
public sealed class AnnualStartTests
{
    private static AnnualStart Start(int month, int day, int deadlineMonth, int deadlineDay, string? time = null) => new()
    {
        Month = month, Day = day, Time = time, Deadline = new AnnualDeadline { Month = deadlineMonth, Day = deadlineDay },
    };

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        AmsterdamTime.At(new DateOnly(year, month, day), new TimeOnly(hour, minute));

    private static IReadOnlyDictionary<string, string[]> Errors(AnnualStart start)
    {
        var errors = new ValidationErrors();
        var valid = ReportDefinitionValidator.Validate(SamplePlans.ImaDefinition() with { AnnualStart = start }, errors, "definition");
        Assert.Equal(errors.Count == 0, valid);
        return errors.ToDictionary();
    }

    [Fact]
    public void A_January_deadline_belongs_to_the_round_that_starts_the_November_before()
    {
        var annual = Start(11, 15, 1, 15);
        // Monday 15 November 2027 at 09:00 opens the round of 2028; its deadline, Saturday 15 January 2028, moves to Monday.
        Assert.Equal(Local(2027, 11, 15, 9), annual.StartOf(2028, WorkingDayCalendar.Dutch));
        Assert.Equal(Local(2028, 1, 17, 17), annual.DeadlineOf(2028, WorkingDayCalendar.Dutch));
        Assert.Equal(2027, annual.RoundYearAt(Local(2027, 11, 15, 8, 59), WorkingDayCalendar.Dutch));
        Assert.Equal(2028, annual.RoundYearAt(Local(2027, 11, 15, 9), WorkingDayCalendar.Dutch));
        Assert.Equal(2028, annual.RoundYearAt(Local(2028, 6, 1, 12), WorkingDayCalendar.Dutch));
    }

    [Fact]
    public void A_deadline_later_in_the_year_belongs_to_the_round_of_the_start_year()
    {
        var annual = Start(3, 1, 6, 1, "10:30");
        Assert.Equal(Local(2027, 3, 1, 10, 30), annual.StartOf(2027, WorkingDayCalendar.Dutch));
        Assert.Equal(Local(2027, 6, 1, 17), annual.DeadlineOf(2027, WorkingDayCalendar.Dutch));
        Assert.Equal(2026, annual.RoundYearAt(Local(2027, 2, 28, 12), WorkingDayCalendar.Dutch));
        Assert.Equal(2027, annual.RoundYearAt(Local(2027, 3, 1, 10, 30), WorkingDayCalendar.Dutch));
    }

    [Fact]
    public void A_start_on_Christmas_moves_past_the_holidays_and_the_weekend()
    {
        // Friday 25 and Saturday 26 December 2026 are holidays, Sunday 27 a weekend day: Monday 28 December at 09:00.
        Assert.Equal(Local(2026, 12, 28, 9), Start(12, 25, 2, 1).StartOf(2027, WorkingDayCalendar.Dutch));
    }

    [Fact]
    public void A_usable_annual_start_has_no_errors()
    {
        Assert.Empty(Errors(Start(11, 15, 1, 15, "09:00")));
    }

    [Fact]
    public void Faults_are_named_per_field_in_Dutch()
    {
        Assert.Equal("Kies voor februari een dag van 1 tot en met 28: 29 februari is er niet elk jaar.",
            Assert.Single(Errors(Start(2, 29, 4, 1))["definition.annualStart.day"]));
        Assert.Equal("13 is geen maand: kies 1 (januari) tot en met 12 (december).",
            Assert.Single(Errors(Start(13, 1, 4, 1))["definition.annualStart.month"]));
        Assert.Equal("April heeft 30 dagen: kies een dag van 1 tot en met 30.",
            Assert.Single(Errors(Start(1, 10, 4, 31))["definition.annualStart.deadline.day"]));
        Assert.Equal("De deadline valt op hetzelfde moment als de start; kies een latere dag.",
            Assert.Single(Errors(Start(1, 10, 1, 10, "17:00"))["definition.annualStart.deadline"]));
        Assert.StartsWith("Verplicht", Assert.Single(Errors(new AnnualStart { Month = 11, Day = 15 })["definition.annualStart.deadline"]));
        Assert.True(Errors(Start(11, 15, 1, 15, "25:00")).ContainsKey("definition.annualStart.time"));
        Assert.True(Errors(Start(11, 15, 1, 15) with { Approver = new Contact { Email = "geen-adres" } }).ContainsKey("definition.annualStart.approver.email"));
    }
}
