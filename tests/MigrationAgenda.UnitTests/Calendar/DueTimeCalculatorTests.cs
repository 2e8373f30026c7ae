using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.UnitTests.Calendar;

public sealed class DueTimeCalculatorTests
{
    private static readonly DueTimeCalculator Dutch = new(WorkingDayCalendar.Dutch);

    private static DateTimeOffset T(string moment) => DateTimeOffset.Parse(moment);

    private static ScheduleStep Working(int days) => new(TimeSpan.FromDays(days), DayCounting.WorkingDays);

    private static ScheduleStep Days(int days) => new(TimeSpan.FromDays(days), DayCounting.CalendarDays);

    /// <summary>The moment as Dutch wall-clock time with its offset, e.g. "2027-03-24 09:00 +01:00".</summary>
    private static string Local(DateTimeOffset moment) => AmsterdamTime.ToLocal(moment).ToString("yyyy-MM-dd HH:mm zzz");

    [Fact]
    public void A_working_day_reminder_before_the_Tuesday_after_Easter_skips_Good_Friday_to_Easter_Monday()
    {
        // Tuesday 30 March 2027, 17:00 summer time; 26 March is Good Friday, 28/29 March Easter, 27/28 March the weekend.
        var deadline = T("2027-03-30T17:00:00+02:00");
        Assert.Equal("2027-03-25 09:00 +01:00", Local(Dutch.Before(deadline, Working(1))));
        Assert.Equal("2027-03-24 09:00 +01:00", Local(Dutch.Before(deadline, Working(2))));
        // Counted in calendar days, two days before is Easter Sunday, which moves back to the Thursday.
        Assert.Equal("2027-03-25 09:00 +01:00", Local(Dutch.Before(deadline, Days(2))));
        // Elapsed, as today: exactly 48 hours earlier, on Easter Sunday.
        Assert.Equal(deadline - TimeSpan.FromDays(2), Dutch.Before(deadline, new ScheduleStep(TimeSpan.FromDays(2))));
    }

    [Fact]
    public void An_escalation_after_a_Friday_deadline_lands_on_Monday_at_nine()
    {
        var friday = T("2027-01-15T17:00:00+01:00");
        Assert.Equal("2027-01-18 09:00 +01:00", Local(Dutch.After(friday, Working(1))));
        Assert.Equal("2027-01-18 09:00 +01:00", Local(Dutch.After(friday, Days(1))));
        Assert.Equal("2027-01-19 09:00 +01:00", Local(Dutch.After(friday, Working(2))));
        // Elapsed, as today: Saturday 17:00.
        Assert.Equal(T("2027-01-16T17:00:00+01:00"), Dutch.After(friday, new ScheduleStep(TimeSpan.FromDays(1))));
    }

    [Fact]
    public void A_week_across_the_last_Sunday_of_October_keeps_nine_o_clock_local()
    {
        // Winter time starts on Sunday 31 October 2027.
        var deadline = T("2027-11-05T17:00:00+01:00");
        var reminder = Dutch.Before(deadline, Days(7));
        Assert.Equal("2027-10-29 09:00 +02:00", Local(reminder));
        Assert.Equal(T("2027-10-29T07:00:00Z"), reminder);
        Assert.Equal("2027-10-29 09:00 +02:00", Local(Dutch.Before(deadline, Working(5))));
        // An elapsed P7D is 168 hours: 18:00 local the Friday before, the hour off that counted steps avoid.
        Assert.Equal("2027-10-29 18:00 +02:00", Local(Dutch.Before(deadline, new ScheduleStep(TimeSpan.FromDays(7)))));

        var octoberDeadline = T("2027-10-29T17:00:00+02:00");
        Assert.Equal("2027-11-05 09:00 +01:00", Local(Dutch.After(octoberDeadline, Working(5))));
        Assert.Equal("2027-11-05 09:00 +01:00", Local(Dutch.After(octoberDeadline, Days(7))));
    }

    [Fact]
    public void A_week_across_the_last_Sunday_of_March_keeps_nine_o_clock_local()
    {
        // Summer time starts on Sunday 29 March 2026; Good Friday is 3 April 2026.
        var deadline = T("2026-04-02T17:00:00+02:00");
        Assert.Equal("2026-03-26 09:00 +01:00", Local(Dutch.Before(deadline, Days(7))));
        Assert.Equal("2026-03-26 09:00 +01:00", Local(Dutch.Before(deadline, Working(5))));

        var friday = T("2026-03-27T17:00:00+01:00");
        var monday = Dutch.After(friday, Working(1));
        Assert.Equal("2026-03-30 09:00 +02:00", Local(monday));
        Assert.Equal(T("2026-03-30T07:00:00Z"), monday);
    }

    [Fact]
    public void Extra_closed_days_between_Christmas_and_New_Year_are_skipped()
    {
        var calculator = new DueTimeCalculator(new WorkingDayCalendar([new ClosedPeriod { From = "12-27", To = "12-31", Name = "kerstsluiting" }]));
        // Deadline Monday 4 January 2027: one and two working days before are 24 and 23 December.
        var deadline = T("2027-01-04T17:00:00+01:00");
        Assert.Equal("2026-12-24 09:00 +01:00", Local(calculator.Before(deadline, Working(1))));
        Assert.Equal("2026-12-23 09:00 +01:00", Local(calculator.Before(deadline, Working(2))));
        // A week before is Monday 28 December, closed: the working day before is Thursday 24 December.
        Assert.Equal("2026-12-24 09:00 +01:00", Local(calculator.Before(deadline, Days(7))));
        // Without the closed period the same steps land between the holidays.
        Assert.Equal("2026-12-31 09:00 +01:00", Local(Dutch.Before(deadline, Working(1))));

        // After a Wednesday 22 December deadline: Christmas, the closed week, New Year on a Saturday, the Sunday.
        var before = T("2027-12-22T17:00:00+01:00");
        Assert.Equal("2027-12-24 09:00 +01:00", Local(calculator.After(before, Working(2))));
        Assert.Equal("2028-01-03 09:00 +01:00", Local(calculator.After(before, Working(3))));
    }

    [Fact]
    public void A_working_day_schedule_computes_every_moment_in_order()
    {
        var deadline = T("2027-01-15T17:00:00+01:00");
        var due = Dutch.Compute(deadline, new RoundScheduleSteps
        {
            Reminders = [Working(5), Working(1)],
            Escalations = [Working(1), Working(3)],
            CutOff = Working(5),
        });

        Assert.Equal(deadline, due.Deadline);
        Assert.Equal(["2027-01-08 09:00 +01:00", "2027-01-14 09:00 +01:00"], due.Reminders.Select(Local));
        Assert.Equal(["2027-01-18 09:00 +01:00", "2027-01-20 09:00 +01:00"], due.Escalations.Select(Local));
        Assert.Equal("2027-01-22 09:00 +01:00", Local(due.CutOff));
        Assert.Equal(new TimeOnly(9, 0), Dutch.TimeOfDay);
    }

    [Fact]
    public void Steps_moved_onto_the_same_day_send_one_reminder_and_give_each_escalation_level_its_own_day()
    {
        // Monday 18 January 2027: two and three days before are Saturday and Friday, both the Friday.
        var monday = T("2027-01-18T17:00:00+01:00");
        var due = Dutch.Compute(monday, new RoundScheduleSteps { Reminders = [Days(2), Days(3)], CutOff = Days(7) });
        Assert.Equal(["2027-01-15 09:00 +01:00"], due.Reminders.Select(Local));

        // Friday: one and two days after are Saturday and Sunday, both Monday; level 2 moves to Tuesday, the cut-off to Wednesday.
        var friday = T("2027-01-15T17:00:00+01:00");
        due = Dutch.Compute(friday, new RoundScheduleSteps { Escalations = [Days(1), Days(2)], CutOff = Days(2) });
        Assert.Equal(["2027-01-18 09:00 +01:00", "2027-01-19 09:00 +01:00"], due.Escalations.Select(Local));
        Assert.Equal("2027-01-20 09:00 +01:00", Local(due.CutOff));
    }

    [Fact]
    public void An_elapsed_schedule_is_exactly_deadline_plus_or_minus_its_offsets_as_today()
    {
        var deadline = T("2027-01-16T17:00:00+01:00"); // a Saturday: elapsed steps do not care
        var schedule = new RoundSchedule
        {
            Reminders = [TimeSpan.FromDays(7), TimeSpan.FromSeconds(2)],
            Escalations = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromDays(3)],
            CutOff = TimeSpan.FromDays(3),
            ApprovalTimeout = TimeSpan.FromDays(3), ApprovalReminders = 0, ReopenPeriod = TimeSpan.FromDays(5),
        };

        var due = Dutch.Compute(deadline, RoundScheduleSteps.From(schedule, DayCounting.Elapsed));

        Assert.Equal([deadline - TimeSpan.FromDays(7), deadline - TimeSpan.FromSeconds(2)], due.Reminders);
        Assert.Equal([deadline + TimeSpan.FromSeconds(1), deadline + TimeSpan.FromSeconds(1), deadline + TimeSpan.FromDays(3)], due.Escalations);
        Assert.Equal(deadline + TimeSpan.FromDays(3), due.CutOff);
        Assert.False(RoundScheduleSteps.From(schedule, DayCounting.Elapsed).UsesCalendar);
        Assert.True(RoundScheduleSteps.From(schedule, DayCounting.WorkingDays).UsesCalendar);
    }

    [Fact]
    public void A_configured_time_of_day_is_used_for_counted_steps()
    {
        var at14 = new DueTimeCalculator(WorkingDayCalendar.Dutch, new TimeOnly(14, 30));
        Assert.Equal("2027-01-18 14:30 +01:00", Local(at14.After(T("2027-01-15T17:00:00+01:00"), Working(1))));
    }

    [Fact]
    public void Counted_steps_must_be_whole_days()
    {
        var step = new ScheduleStep(TimeSpan.FromHours(36), DayCounting.WorkingDays);
        Assert.Contains("hele dagen", step.Problem, StringComparison.Ordinal);
        Assert.Contains("P1DT12H", step.Problem, StringComparison.Ordinal);
        Assert.Null(new ScheduleStep(TimeSpan.FromHours(36)).Problem);
        Assert.NotNull(new ScheduleStep(TimeSpan.Zero).Problem);

        var refused = Assert.Throws<ArgumentException>(() => Dutch.Compute(T("2027-01-15T17:00:00+01:00"), new RoundScheduleSteps { CutOff = step }));
        Assert.Contains("hele dagen", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Local_times_that_do_not_exist_or_occur_twice_resolve_to_one_moment()
    {
        // 02:30 does not exist on 28 March 2027: it is 03:30 summer time.
        Assert.Equal(T("2027-03-28T03:30:00+02:00"), AmsterdamTime.At(new DateOnly(2027, 3, 28), new TimeOnly(2, 30)));
        // 02:30 occurs twice on 31 October 2027: the first, still summer time.
        Assert.Equal(T("2027-10-31T02:30:00+02:00"), AmsterdamTime.At(new DateOnly(2027, 10, 31), new TimeOnly(2, 30)));
        Assert.Equal(new DateOnly(2027, 1, 16), AmsterdamTime.DateOf(T("2027-01-15T23:30:00Z")));
    }
}
