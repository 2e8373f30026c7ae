using MigrationAgenda.Rounds;

namespace MigrationAgenda.UnitTests.Rounds;

public sealed class ScheduleParserTests
{
    [Fact]
    public void Without_a_schedule_the_defaults_apply()
    {
        var errors = new ValidationErrors();

        var schedule = ScheduleParser.Parse(null, errors)!;

        Assert.Equal(0, errors.Count);
        Assert.Equal([TimeSpan.FromDays(7), TimeSpan.FromDays(2)], schedule.Reminders);
        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromDays(3)], schedule.Escalations);
        Assert.Equal(TimeSpan.FromDays(5), schedule.CutOff);
        Assert.Equal(TimeSpan.FromDays(3), schedule.ApprovalTimeout);
        Assert.Equal(3, schedule.ApprovalReminders);
        Assert.Equal(TimeSpan.FromDays(5), schedule.ReopenPeriod);
    }

    [Fact]
    public void Given_fields_win_and_missing_ones_take_the_default()
    {
        var errors = new ValidationErrors();

        var schedule = ScheduleParser.Parse(new ScheduleSpec { Reminders = ["PT30S"], Escalations = [], CutOff = "PT1M" }, errors)!;

        Assert.Equal(0, errors.Count);
        Assert.Equal([TimeSpan.FromSeconds(30)], schedule.Reminders);
        Assert.Empty(schedule.Escalations);
        Assert.Equal(TimeSpan.FromMinutes(1), schedule.CutOff);
        Assert.Equal(TimeSpan.FromDays(3), schedule.ApprovalTimeout);
    }

    [Fact]
    public void Bad_durations_and_orders_are_named_per_field()
    {
        var errors = new ValidationErrors();

        var schedule = ScheduleParser.Parse(new ScheduleSpec
        {
            Reminders = ["P7D", "seven days"], Escalations = ["P3D", "P1D"], CutOff = "PT12H", ApprovalTimeout = "PT0S", ApprovalReminders = 11,
        }, errors);

        Assert.Null(schedule);
        var all = errors.ToDictionary();
        Assert.Contains("geen ISO 8601-duur", Assert.Single(all["schedule.reminders[1]"]));
        Assert.Equal(["Escalatieniveaus volgen elkaar op: elke duur is langer dan de vorige."], all["schedule.escalations"]);
        Assert.Equal(["De sluiting komt na de laatste escalatie."], all["schedule.cutOff"]);
        Assert.Equal(["'PT0S' is geen positieve duur."], all["schedule.approvalTimeout"]);
        Assert.Equal(["Tussen 0 en 10."], all["schedule.approvalReminders"]);
        Assert.DoesNotContain("schedule.reminders[0]", all.Keys);
    }
}
