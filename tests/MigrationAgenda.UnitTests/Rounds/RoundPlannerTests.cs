using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Rounds;

public sealed class RoundPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = new(2027, 1, 15, 17, 0, 0, TimeSpan.FromHours(1));
    private readonly RoundPlanner _planner = new(new DefinitionCatalog());

    private static RoundSpec Spec(params MinistrySpec[] ministries) => SampleRounds.Spec("ima-2027", Deadline, null, ministries);

    [Fact]
    public void A_good_spec_becomes_a_plan_with_its_ministries_schedule_and_hash()
    {
        var spec = Spec(SampleRounds.Ministry("SZW"), SampleRounds.Ministry("BHOS", 2)) with { Schedule = null };

        var result = _planner.Plan(spec, Now);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        var plan = result.Plan!;
        Assert.Equal(("ima-2027", 2027, "ima", Deadline, Now), (plan.RoundId, plan.Year, plan.Definition.Name, plan.Deadline, plan.CreatedAt));
        Assert.Equal(["SZW", "BHOS"], plan.Participants.Select(p => p.Code));
        Assert.Equal([5, 6], plan.FindParticipant("szw")!.Pillars);
        Assert.Equal([2], plan.FindParticipant("BHOS")!.Pillars);
        Assert.Equal("officer@szw.example", plan.FindParticipant("SZW")!.ContactFor(0).Email);
        Assert.Equal([TimeSpan.FromDays(7), TimeSpan.FromDays(2)], plan.Schedule.Reminders);
        Assert.Equal(SampleRounds.Coordinator, plan.Coordinator);
        Assert.Equal(RoundPlanner.HashOf(spec), plan.SpecHash);
        Assert.NotEqual(RoundPlanner.HashOf(spec with { Year = 2028 }), plan.SpecHash);
    }

    [Fact]
    public void Without_ministries_every_writing_ministry_of_the_definition_takes_part_with_its_default_contacts()
    {
        var spec = Spec() with { Ministries = null, Coordinator = null };

        var plan = _planner.Plan(spec, Now).Plan!;

        Assert.Equal(["JenV", "BZ", "BHOS", "SZW", "BZK"], plan.Participants.Select(p => p.Code));
        Assert.Equal([1, 3, 4, 5], plan.FindParticipant("JenV")!.Pillars);
        // No coordinator given: the coordinating ministry's (JenV) first contact.
        Assert.Equal("migratieagenda@jenv.example", plan.Coordinator.Email);
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var spec = Spec(
                SampleRounds.Ministry("EZK"),
                SampleRounds.Ministry("BZK", 2) with { AllowedSenders = ["not a domain"] },
                SampleRounds.Ministry("SZW") with { Contacts = [new Contact { Level = 1, Email = "head@szw" }] },
                SampleRounds.Ministry("szw"))
            with
            {
                RoundId = "Bad Id!", Year = 1999, Deadline = Now.AddMinutes(-1), Approver = new Contact { Email = "not-an-address" },
                Schedule = new ScheduleSpec { CutOff = "soon" },
            };

        var errors = _planner.Plan(spec, Now).Errors;

        Assert.Contains("2 tot 24 kleine letters", Assert.Single(errors["roundId"]));
        Assert.Contains("tussen 2000 en 2100", Assert.Single(errors["year"]));
        Assert.Contains("ligt in het verleden", Assert.Single(errors["deadline"]));
        Assert.Contains("geen ISO 8601-duur", Assert.Single(errors["schedule.cutOff"]));
        Assert.Contains("Onbekend ministerie 'EZK'", Assert.Single(errors["ministries[0].code"]));
        Assert.Equal(["Pijler 2 hoort niet bij BZK (die schrijft 6)."], errors["ministries[1].pillars"]);
        Assert.Equal(["'not a domain' is geen e-mailadres of domein."], errors["ministries[1].allowedSenders[0]"]);
        Assert.Equal(["'head@szw' is geen geldig e-mailadres."], errors["ministries[2].contacts[0].email"]);
        Assert.Contains("niveau 0", Assert.Single(errors["ministries[2].contacts"]));
        Assert.Equal(["SZW staat er meer dan eens in."], errors["ministries"]);
        Assert.Equal(["'not-an-address' is geen geldig e-mailadres."], errors["approver.email"]);
    }

    [Fact]
    public void A_definition_is_named_or_given_never_both_and_never_unknown()
    {
        var unknown = _planner.Plan(Spec() with { DefinitionName = "nope" }, Now).Errors;
        Assert.Equal(["Onbekende definitie 'nope'. Beschikbaar: ima."], unknown["definitionName"]);

        var both = _planner.Plan(Spec() with { Definition = SamplePlans.ImaDefinition() }, Now).Errors;
        Assert.Equal(["Geef een definitie bij naam óf volledig mee, niet allebei."], both["definitionName"]);

        var none = _planner.Plan(Spec() with { DefinitionName = null }, Now).Errors;
        Assert.Contains("Verplicht", Assert.Single(none["definitionName"]));
    }

    [Fact]
    public void An_inline_definition_is_checked_by_the_same_rules_as_a_file()
    {
        var ima = SamplePlans.ImaDefinition();
        var ownerless = ima with { Pillars = [.. ima.Pillars, new PillarDefinition { Number = 7, Title = "Zonder schrijver" }] };

        var refused = _planner.Plan(Spec() with { DefinitionName = null, Definition = ownerless }, Now);
        var accepted = _planner.Plan(Spec() with { DefinitionName = null, Definition = ima with { Name = "ima-eigen" } }, Now);

        Assert.False(refused.IsValid);
        Assert.Contains("Pijler 7 wordt door geen ministerie geschreven", Assert.Single(refused.Errors["definition.pillars[6]"]));
        Assert.True(accepted.IsValid, string.Join("; ", accepted.Errors.SelectMany(e => e.Value)));
        Assert.Equal("ima-eigen", accepted.Plan!.Definition.Name);
    }
}
