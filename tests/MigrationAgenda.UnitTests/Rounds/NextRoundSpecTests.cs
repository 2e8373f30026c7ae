using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>Next year's round made from this year's: its id, its deadline a year later on a working day, and what it keeps.</summary>
public sealed class NextRoundSpecTests
{
    private static DateTimeOffset Local(int year, int month, int day, int hour) => AmsterdamTime.At(new DateOnly(year, month, day), new TimeOnly(hour, 0));

    [Theory]
    [InlineData("ima", 2028, "ima-2028")]
    [InlineData("IMA", 2028, "ima-2028")]
    [InlineData("Integrale Migratieagenda", 2028, "integrale-migratiea-2028")]
    [InlineData("  Jaarverslag & co  ", 2031, "jaarverslag---co-2031")]
    [InlineData("***", 2028, "ronde-2028")]
    public void The_round_id_comes_from_definition_and_year(string definition, int year, string expected)
    {
        var id = NextRoundSpec.Id(definition, year);
        Assert.Equal(expected, id);
        Assert.InRange(id.Length, 1, 24);
    }

    [Fact]
    public void The_deadline_is_a_year_later_at_the_same_hour_on_the_first_working_day()
    {
        // Friday 15 January 2027 17:00; 15 January 2028 is a Saturday: Monday 17 January 17:00.
        Assert.Equal(Local(2028, 1, 17, 17), NextRoundSpec.Deadline(Local(2027, 1, 15, 17), WorkingDayCalendar.Dutch));
        // Across the change to summer time the Dutch wall-clock hour stays.
        Assert.Equal(Local(2028, 3, 30, 10), NextRoundSpec.Deadline(Local(2027, 3, 30, 10), WorkingDayCalendar.Dutch));
        // 29 February becomes 28 February.
        Assert.Equal(Local(2029, 2, 28, 12), NextRoundSpec.Deadline(Local(2028, 2, 29, 12), WorkingDayCalendar.Dutch));
    }

    [Fact]
    public void Next_year_keeps_definition_schedule_approver_and_texts_and_takes_the_contacts_list_when_there_is_one()
    {
        var plan = SamplePlans.Ima("ima-2027", 2027) with { Texts = new CoordinatorTexts { Aanleiding = "Zoals ieder jaar." } };
        var deadline = Local(2028, 1, 17, 17);

        var ownContacts = NextRoundSpec.From(plan, plan.Definition, named: true, "ima-2028", deadline, []);
        Assert.Equal((plan.Year + 1, "ima", "ima-2028", deadline), (ownContacts.Year, ownContacts.DefinitionName, ownContacts.RoundId, ownContacts.Deadline));
        Assert.Null(ownContacts.Definition);
        Assert.Equal(plan.Approver, ownContacts.Approver);
        Assert.Equal("Zoals ieder jaar.", ownContacts.Texts!.Aanleiding);
        Assert.Equal(plan.Participants.Select(p => (p.Code, string.Join(",", p.Pillars))), ownContacts.Ministries!.Select(m => (m.Code!, string.Join(",", m.Pillars!))));
        Assert.All(ownContacts.Ministries!, m => Assert.NotEmpty(m.Contacts!));

        var fromList = NextRoundSpec.From(plan, plan.Definition, named: true, "ima-2028", deadline,
            [new MinistryContacts { Ministry = "SZW", Contacts = [new Contact { Level = 0, Email = "nieuw@szw.example" }], AllowedSenders = ["szw.example"] }]);
        Assert.All(fromList.Ministries!, m => Assert.Null(m.Contacts));
    }
}
