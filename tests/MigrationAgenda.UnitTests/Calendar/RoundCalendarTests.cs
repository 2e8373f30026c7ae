using System.Globalization;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Activities;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Calendar;

/// <summary>A round's calendar: the due times of a changed deadline, the default reopen deadline, the calendar reminder.</summary>
public sealed class RoundCalendarTests
{
    private static readonly RoundPlan Elapsed = SamplePlans.Ima("ima-2027", 2027);
    private static readonly RoundPlan Counting = Elapsed with
    {
        Schedule = Elapsed.Schedule with
        {
            Reminders = [TimeSpan.FromDays(2)], ReminderCounting = [DayCounting.WorkingDays],
            Escalations = [TimeSpan.FromDays(1)], EscalationCounting = [DayCounting.WorkingDays],
            CutOff = TimeSpan.FromDays(3), CutOffCounting = DayCounting.WorkingDays,
            ReopenPeriod = TimeSpan.FromDays(5), ReopenCounting = DayCounting.WorkingDays,
        },
    };

    private static DateTimeOffset T(string moment) => DateTimeOffset.Parse(moment, CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset moment) => AmsterdamTime.ToLocal(moment).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private static Task<DeadlinePlan> PlanDeadline(RoundPlan plan, DateTimeOffset? deadline, DateTimeOffset now, DateTimeOffset current) =>
        new PlanDeadline().RunAsync(null!, DeadlineRequest.For(plan, deadline, now, current));

    [Fact]
    public async Task An_extension_is_planned_with_the_round_s_calendar()
    {
        var friday = T("2027-04-09T17:00:00+02:00");

        var planned = await PlanDeadline(Counting, friday, T("2027-03-31T08:00:00Z"), T("2027-03-30T17:00:00+02:00"));

        Assert.Equal(friday, planned.Deadline);
        Assert.Equal(["2027-04-07 09:00 +02:00"], planned.Due.Reminders.Select(Local));
        Assert.Equal(["2027-04-12 09:00 +02:00"], planned.Due.Escalations.Select(Local));
        Assert.Equal("2027-04-14 09:00 +02:00", Local(planned.Due.CutOff));
        Assert.Null(planned.Warning);
    }

    [Fact]
    public async Task A_reopen_without_a_deadline_gets_the_reopen_period_in_working_days_at_the_round_s_hour()
    {
        // Reopened on Wednesday 31 March 2027 at 14:12; five working days on (Good Friday and Easter are behind us) is
        // Wednesday 7 April, at 17:00 like the round's deadline.
        var planned = await PlanDeadline(Counting, null, T("2027-03-31T14:12:00+02:00"), T("2027-03-30T17:00:00+02:00"));
        Assert.Equal("2027-04-07 17:00 +02:00", Local(planned.Deadline));
        Assert.Equal(["2027-04-05 09:00 +02:00"], planned.Due.Reminders.Select(Local));

        // Elapsed, as before: exactly the reopen period from now.
        var now = T("2027-03-31T14:12:00+02:00");
        var elapsed = await PlanDeadline(Elapsed, null, now, T("2027-03-30T17:00:00+02:00"));
        Assert.Equal(now + Elapsed.Schedule.ReopenPeriod, elapsed.Deadline);
        Assert.Equal(elapsed.Deadline - TimeSpan.FromDays(7), elapsed.Due.Reminders[0]);

        // Counted in calendar days, a reopen period ending on a Saturday moves to the Monday.
        var calendarDays = Counting with { Schedule = Counting.Schedule with { ReopenCounting = DayCounting.CalendarDays } };
        Assert.Equal("2027-04-05 17:00 +02:00", Local(new RoundCalendar(calendarDays.Schedule, null).ReopenDeadline(T("2027-03-29T10:00:00+02:00"), T("2027-03-30T17:00:00+02:00"))));
    }

    [Fact]
    public void The_calendar_reminder_is_one_working_day_before_the_deadline_at_the_round_s_hour()
    {
        var calendar = RoundCalendar.Of(Counting);
        Assert.Equal("2027-03-25 09:00 +01:00", Local(calendar.CalendarReminder(T("2027-03-30T17:00:00+02:00"))));
        Assert.Equal("2027-01-15 09:00 +01:00", Local(calendar.CalendarReminder(T("2027-01-18T17:00:00+01:00"))));
        var atTen = new RoundCalendar(Counting.Schedule with { TimeOfDay = new TimeOnly(10, 0) }, null);
        Assert.Equal("2027-01-15 10:00 +01:00", Local(atTen.CalendarReminder(T("2027-01-18T17:00:00+01:00"))));
    }

    [Fact]
    public async Task A_closed_day_is_a_refusal_when_the_round_counts_days_and_a_warning_when_it_does_not()
    {
        var kingsDay = T("2027-04-27T17:00:00+02:00");

        var (refusal, warning) = RoundCalendar.Of(Counting).Check(kingsDay);
        Assert.Contains("valt op Koningsdag", refusal);
        Assert.Null(warning);

        (refusal, warning) = RoundCalendar.Of(Elapsed).Check(kingsDay);
        Assert.Null(refusal);
        Assert.Contains("valt op Koningsdag", warning);
        Assert.Contains("valt op Koningsdag", (await PlanDeadline(Elapsed, kingsDay, kingsDay.AddDays(-7), kingsDay.AddDays(-14))).Warning);

        Assert.Equal((null, null), RoundCalendar.Of(Counting).Check(T("2027-04-28T17:00:00+02:00")));
        // Only the reopen period counting days is enough to ask for the calendar.
        Assert.True(new RoundCalendar(Elapsed.Schedule with { ReopenCounting = DayCounting.WorkingDays }, null).UsesCalendar);
    }
}
