using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>The schedule as the page shows it, in Dutch local time.</summary>
public sealed class DueStepViewTests
{
    [Fact]
    public void The_next_step_reads_as_a_Dutch_line_and_the_plan_lists_every_step_in_order()
    {
        var reminder = new DateTimeOffset(2027, 3, 24, 8, 0, 0, TimeSpan.Zero);

        Assert.Equal("volgende herinnering: woensdag 24 maart 2027 09:00", DueStepView.Next(new DueStep(DueKind.Reminder, reminder)).Label);
        Assert.Equal("volgende escalatie (niveau 2): vrijdag 2 april 2027 09:00",
            DueStepView.Next(new DueStep(DueKind.Escalation, new DateTimeOffset(2027, 4, 2, 7, 0, 0, TimeSpan.Zero), 2)).Label);

        var planned = DueStepView.Planned(new DueTimes
        {
            Deadline = new DateTimeOffset(2027, 3, 30, 15, 0, 0, TimeSpan.Zero),
            Reminders = [reminder],
            Escalations = [new DateTimeOffset(2027, 3, 31, 7, 0, 0, TimeSpan.Zero)],
            CutOff = new DateTimeOffset(2027, 4, 6, 7, 0, 0, TimeSpan.Zero),
        });
        Assert.Equal(
            ["herinnering: woensdag 24 maart 2027 09:00", "escalatie (niveau 1): woensdag 31 maart 2027 09:00", "sluiting: dinsdag 6 april 2027 09:00"],
            planned.Select(s => s.Label));
        Assert.Equal([DueKind.Reminder, DueKind.Escalation, DueKind.CutOff], planned.Select(s => s.Kind));
        Assert.Empty(DueStepView.Planned(null));
    }
}
