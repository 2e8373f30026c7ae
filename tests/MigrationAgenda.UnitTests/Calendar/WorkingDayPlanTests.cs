using System.Globalization;
using System.Text.Json;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Calendar;

/// <summary>
/// The planner puts the schedule's concrete instants in the plan, from the working-day calendar of the definition and
/// the spec, so the orchestrator only waits for them; a deadline on a closed day is refused or warned.
/// </summary>
public sealed class WorkingDayPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly RoundPlanner _planner = new(new DefinitionCatalog());

    private static DateTimeOffset T(string moment) => DateTimeOffset.Parse(moment, CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset moment) => AmsterdamTime.ToLocal(moment).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private static ScheduleSpec WorkingDays(ScheduleStepSpec[] reminders, ScheduleStepSpec[] escalations, ScheduleStepSpec cutOff) => new()
    {
        WorkingDays = true, Reminders = reminders, Escalations = escalations, CutOff = cutOff,
        ApprovalTimeout = "P3D", ApprovalReminders = 1, ReopenPeriod = "P5D",
    };

    private RoundPlan Plan(DateTimeOffset deadline, ScheduleSpec? schedule)
    {
        var result = _planner.Plan(SampleRounds.Spec("ima-2027", deadline) with { Schedule = schedule }, Now);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        return result.Plan!;
    }

    private IReadOnlyDictionary<string, string[]> Errors(DateTimeOffset deadline, ScheduleSpec? schedule)
    {
        var result = _planner.Plan(SampleRounds.Spec("ima-2027", deadline) with { Schedule = schedule }, Now);
        Assert.False(result.IsValid);
        return result.Errors;
    }

    [Fact]
    public void Two_working_days_before_the_Tuesday_after_Easter_is_Wednesday_24_March_at_nine()
    {
        var deadline = T("2027-03-30T17:00:00+02:00");

        var plan = Plan(deadline, WorkingDays(["P2D", "P1D"], ["P1D", "P3D"], "P5D"));

        var due = plan.Due!;
        Assert.Equal(deadline, due.Deadline);
        // Good Friday 26 March and Easter Monday 29 March are closed; summer time starts on Sunday 28 March.
        Assert.Equal(["2027-03-24 09:00 +01:00", "2027-03-25 09:00 +01:00"], due.Reminders.Select(Local));
        Assert.Equal(["2027-03-31 09:00 +02:00", "2027-04-02 09:00 +02:00"], due.Escalations.Select(Local));
        Assert.Equal("2027-04-06 09:00 +02:00", Local(due.CutOff));
        Assert.Null(plan.DeadlineWarning);
        Assert.Equal([DayCounting.WorkingDays, DayCounting.WorkingDays], plan.Schedule.ReminderCounting);
        Assert.Equal(DayCounting.WorkingDays, plan.Schedule.ReopenCounting);
    }

    [Fact]
    public void An_escalation_after_a_Friday_deadline_is_planned_for_Monday_at_nine()
    {
        var friday = T("2027-01-15T17:00:00+01:00");

        var due = Plan(friday, WorkingDays(["P1D"], ["P1D", "P2D"], "P3D")).Due!;

        Assert.Equal(["2027-01-14 09:00 +01:00"], due.Reminders.Select(Local));
        Assert.Equal(["2027-01-18 09:00 +01:00", "2027-01-19 09:00 +01:00"], due.Escalations.Select(Local));
        Assert.Equal("2027-01-20 09:00 +01:00", Local(due.CutOff));
    }

    [Fact]
    public void A_reminder_across_the_last_Sunday_of_October_keeps_nine_o_clock_local()
    {
        // Winter time starts on Sunday 31 October 2027: five working days before Friday 5 November is Friday 29 October.
        var due = Plan(T("2027-11-05T17:00:00+01:00"), WorkingDays(["P5D"], ["P1D"], "P2D")).Due!;

        Assert.Equal(["2027-10-29 09:00 +02:00"], due.Reminders.Select(Local));
        Assert.Equal(T("2027-10-29T07:00:00Z"), due.Reminders[0]);
        Assert.Equal(["2027-11-08 09:00 +01:00"], due.Escalations.Select(Local));
        Assert.Equal(T("2027-11-08T08:00:00Z"), due.Escalations[0]);
    }

    [Fact]
    public void The_IMA_definition_counts_whole_days_as_working_days_and_a_schedule_may_say_otherwise()
    {
        var deadline = T("2027-03-30T17:00:00+02:00");
        var inherited = new ScheduleSpec { Reminders = ["P2D", "PT30S"], Escalations = ["P1D"], CutOff = "P2D" };

        var plan = Plan(deadline, inherited);

        // "P2D" counts working days (the definition says so); steps with a time part stay exact elapsed time.
        Assert.Equal(["2027-03-24 09:00 +01:00", "2027-03-30 16:59 +02:00"], plan.Due!.Reminders.Select(Local));
        Assert.Equal(deadline - TimeSpan.FromSeconds(30), plan.Due.Reminders[1]);
        Assert.Equal(["2027-03-31 09:00 +02:00"], plan.Due.Escalations.Select(Local));
        Assert.Equal("2027-04-01 09:00 +02:00", Local(plan.Due.CutOff));

        var elapsed = Plan(deadline, inherited with { WorkingDays = false }).Due!;
        Assert.Equal([deadline - TimeSpan.FromDays(2), deadline - TimeSpan.FromSeconds(30)], elapsed.Reminders);
        Assert.Equal([deadline + TimeSpan.FromDays(1)], elapsed.Escalations);
        Assert.Equal(deadline + TimeSpan.FromDays(2), elapsed.CutOff);

        // No schedule at all: the defaults, counted as the definition says.
        var defaults = Plan(T("2027-01-15T17:00:00+01:00"), null).Due!;
        Assert.Equal(["2027-01-06 09:00 +01:00", "2027-01-13 09:00 +01:00"], defaults.Reminders.Select(Local));
    }

    [Fact]
    public void A_step_may_count_its_own_way_and_the_time_of_day_is_the_schedule_s()
    {
        const string json = """
            { "workingDays": false, "timeOfDay": "14:30",
              "reminders": [ { "offset": "P7D", "counting": "calendarDays" }, "P1D" ],
              "escalations": [ { "offset": "P1D", "counting": "workingDays" } ],
              "cutOff": { "offset": "P3D", "counting": "WorkingDays" } }
            """;
        var schedule = JsonSerializer.Deserialize<ScheduleSpec>(json, JsonDefaults.Options)!;
        var friday = T("2027-01-15T17:00:00+01:00");

        var plan = Plan(friday, schedule);

        // A week before is Friday 8 January at 14:30; "P1D" is exactly a day before (the schedule says no working days).
        Assert.Equal(["2027-01-08 14:30 +01:00", "2027-01-14 17:00 +01:00"], plan.Due!.Reminders.Select(Local));
        Assert.Equal(["2027-01-18 14:30 +01:00"], plan.Due.Escalations.Select(Local));
        Assert.Equal("2027-01-20 14:30 +01:00", Local(plan.Due.CutOff));
        Assert.Equal(new TimeOnly(14, 30), plan.Schedule.TimeOfDay);
        Assert.Equal([DayCounting.CalendarDays, DayCounting.Elapsed], plan.Schedule.ReminderCounting);
    }

    [Fact]
    public void A_deadline_on_a_closed_day_is_refused_under_working_days_naming_the_working_days_around_it()
    {
        // Koningsdag, Tuesday 27 April 2027.
        var kingsDay = Errors(T("2027-04-27T17:00:00+02:00"), WorkingDays(["P2D"], ["P1D"], "P3D"));
        Assert.Equal(
            ["De deadline dinsdag 27 april 2027 valt op Koningsdag; dan zijn de ministeries gesloten. Kies een werkdag, bijvoorbeeld maandag 26 april 2027 of woensdag 28 april 2027."],
            kingsDay["deadline"]);

        // The IMA definition's own closed days: the Christmas closure, and a Saturday.
        var christmas = Errors(T("2027-12-29T17:00:00+01:00"), null);
        Assert.Contains("valt op de kerstsluiting", Assert.Single(christmas["deadline"]));
        Assert.Contains("vrijdag 24 december 2027 of maandag 3 januari 2028", christmas["deadline"][0]);
        var saturday = Errors(T("2027-01-16T17:00:00+01:00"), null);
        Assert.StartsWith("De deadline zaterdag 16 januari 2027 valt op een zaterdag;", Assert.Single(saturday["deadline"]));
    }

    [Fact]
    public void A_deadline_on_a_closed_day_is_accepted_with_a_warning_under_an_elapsed_schedule()
    {
        var saturday = T("2027-01-16T17:00:00+01:00");

        var plan = Plan(saturday, new ScheduleSpec { WorkingDays = false, Reminders = ["P1D"], Escalations = [], CutOff = "P2D" });

        Assert.Equal(saturday - TimeSpan.FromDays(1), Assert.Single(plan.Due!.Reminders));
        Assert.StartsWith("De deadline zaterdag 16 januari 2027 valt op een zaterdag;", plan.DeadlineWarning);
        Assert.Contains("telt niet in werkdagen", plan.DeadlineWarning);
    }

    [Fact]
    public void Bad_counting_times_and_part_days_are_named_per_field()
    {
        var schedule = new ScheduleSpec
        {
            TimeOfDay = "9 uur",
            Reminders = [new ScheduleStepSpec { Offset = "P2D", Counting = "werkdagen" }, new ScheduleStepSpec { Offset = "P1DT12H", Counting = "workingDays" }],
            Escalations = [new ScheduleStepSpec { Offset = "P1D", Counting = "1" }],
            CutOff = new ScheduleStepSpec { Offset = "", Counting = "elapsed" },
        };

        var errors = Errors(T("2027-01-15T17:00:00+01:00"), schedule);

        Assert.Contains("'werkdagen' kennen we niet", Assert.Single(errors["schedule.reminders[0].counting"]));
        Assert.Contains("hele dagen", Assert.Single(errors["schedule.reminders[1]"]));
        Assert.Contains("'1' kennen we niet", Assert.Single(errors["schedule.escalations[0].counting"]));
        Assert.Contains("geen ISO 8601-duur", Assert.Single(errors["schedule.cutOff"]));
        Assert.Equal(["'9 uur' is geen tijdstip: gebruik UU:mm in Nederlandse tijd, bijvoorbeeld '09:00'."], errors["schedule.timeOfDay"]);
    }

    [Fact]
    public void A_definition_without_a_calendar_counts_elapsed_time_and_one_with_its_own_closed_days_and_hour_uses_them()
    {
        var ima = SamplePlans.ImaDefinition();
        var deadline = T("2027-05-10T17:00:00+02:00");
        var schedule = new ScheduleSpec { Reminders = ["P2D"], Escalations = [], CutOff = "P1D" };

        var plain = _planner.Plan(SampleRounds.Spec("ima-2027", deadline, schedule) with { DefinitionName = null, Definition = ima with { Name = "kaal", Calendar = null } }, Now);
        Assert.Equal(deadline - TimeSpan.FromDays(2), Assert.Single(plain.Plan!.Due!.Reminders));

        // The bridge day after Ascension (Friday 7 May), with Ascension on the 6th and Bevrijdingsdag on the 5th; at 10:00.
        var own = ima with
        {
            Name = "eigen",
            Calendar = new CalendarDefinition { WorkingDays = true, TimeOfDay = "10:00", ClosedDays = [new ClosedPeriod { From = "2027-05-07", Name = "de brugdag" }] },
        };
        var planned = _planner.Plan(SampleRounds.Spec("ima-2027", deadline, schedule) with { DefinitionName = null, Definition = own }, Now).Plan!;
        Assert.Equal(["2027-05-03 10:00 +02:00"], planned.Due!.Reminders.Select(Local));
        var refused = _planner.Plan(SampleRounds.Spec("ima-2027", T("2027-05-07T17:00:00+02:00"), schedule) with { DefinitionName = null, Definition = own }, Now);
        Assert.Contains("valt op de brugdag", Assert.Single(refused.Errors["deadline"]));
    }

    [Fact]
    public void A_spec_without_the_new_fields_serialises_as_before_so_its_hash_is_unchanged()
    {
        var spec = SampleRounds.Spec("ima-2027", T("2027-01-15T17:00:00+01:00"), new ScheduleSpec { Reminders = ["P7D", "P2D"], CutOff = "P5D" });

        var json = JsonSerializer.Serialize(spec, JsonDefaults.Options);

        Assert.Contains("\"schedule\":{\"reminders\":[\"P7D\",\"P2D\"],\"escalations\":null,\"cutOff\":\"P5D\",", json, StringComparison.Ordinal);
        Assert.DoesNotContain("workingDays", json, StringComparison.Ordinal);
        Assert.DoesNotContain("timeOfDay", json, StringComparison.Ordinal);
        // An object step is written back as an object and read again the same.
        var step = new ScheduleStepSpec { Offset = "P2D", Counting = "workingDays" };
        var written = JsonSerializer.Serialize(step, JsonDefaults.Options);
        Assert.Equal("{\"offset\":\"P2D\",\"counting\":\"workingDays\"}", written);
        Assert.Equal(step, JsonSerializer.Deserialize<ScheduleStepSpec>(written, JsonDefaults.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ScheduleStepSpec>("{\"offset\":\"P2D\",\"days\":2}", JsonDefaults.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ScheduleStepSpec>("2", JsonDefaults.Options));
    }
}
