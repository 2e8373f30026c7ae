using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Rounds;

public sealed class ReportDefinitionValidatorTests
{
    private static readonly ReportDefinition Ima = SamplePlans.ImaDefinition();

    private static IReadOnlyDictionary<string, string[]> Errors(ReportDefinition definition, string prefix = "")
    {
        var errors = new ValidationErrors();
        ReportDefinitionValidator.Validate(definition, errors, prefix);
        return errors.ToDictionary();
    }

    [Fact]
    public void The_shipped_IMA_definition_is_valid()
    {
        var errors = new ValidationErrors();
        Assert.True(ReportDefinitionValidator.Validate(Ima, errors), errors.ToString());
        Assert.Equal(0, errors.Count);
    }

    [Fact]
    public void A_pillar_no_ministry_writes_is_refused()
    {
        // Pillar 2 is BHOS's only: without BHOS nobody writes it.
        var definition = Ima with
        {
            Ministries = Ima.Ministries.Where(m => m.Code != "BHOS").ToList(),
            Pillars = Ima.Pillars.Select(p => p with { LeadMinistry = null }).ToList(),
        };

        var errors = Errors(definition);

        var message = Assert.Single(Assert.Contains("pillars[1]", errors));
        Assert.Contains("Pijler 2 wordt door geen ministerie geschreven", message);
        Assert.Single(errors);
    }

    [Fact]
    public void Every_fault_is_named_at_once_under_the_prefix()
    {
        var definition = Ima with
        {
            Name = "",
            Pillars = [.. Ima.Pillars, new PillarDefinition { Number = 3, Title = " " }, new PillarDefinition { Number = 0, Title = "Nul" }],
            Ministries = [.. Ima.Ministries, Ima.Ministries[0] with { Code = "9x", Minister = "", Pillars = [8] }, Ima.Ministries[1]],
            Letter = Ima.Letter with { Subject = "", CoordinatingMinistry = "EZK" },
        };

        var errors = Errors(definition, "definition");

        Assert.Equal(["Verplicht."], errors["definition.name"]);
        Assert.Contains("Pijler 3 komt meer dan eens voor.", errors["definition.pillars"]);
        Assert.Equal(["Verplicht."], errors["definition.pillars[6].title"]);
        Assert.Equal(["Een pijlernummer is 1 of hoger."], errors["definition.pillars[7].number"]);
        Assert.Contains("Pijler 0 wordt door geen ministerie geschreven", Assert.Single(errors["definition.pillars[7]"]));
        Assert.Contains("beginnend met een letter", Assert.Single(errors["definition.ministries[5].code"]));
        Assert.Contains("Verplicht", Assert.Single(errors["definition.ministries[5].minister"]));
        Assert.Equal(["Pijler 8 staat niet in de definitie."], errors["definition.ministries[5].pillars"]);
        Assert.Equal(["Ministerie BZ komt meer dan eens voor."], errors["definition.ministries"]);
        Assert.Equal(["Verplicht."], errors["definition.letter.subject"]);
        Assert.Equal(["Ministerie EZK staat niet in de definitie."], errors["definition.letter.coordinatingMinistry"]);
    }

    [Fact]
    public void A_lead_ministry_must_write_the_pillar_it_leads()
    {
        var definition = Ima with { Pillars = Ima.Pillars.Select(p => p.Number == 6 ? p with { LeadMinistry = "BHOS" } : p).ToList() };

        var errors = Errors(definition);

        Assert.Equal(["BHOS schrijft pijler 6 niet (dat doen SZW, BZK)."], errors["pillars[5].leadMinistry"]);
    }

    [Fact]
    public void Null_lists_from_a_file_are_faults_not_crashes()
    {
        var definition = Ima with { Pillars = null!, Ministries = null!, Letter = null! };

        var errors = Errors(definition);

        Assert.Equal(["Een definitie heeft minstens één pijler."], errors["pillars"]);
        Assert.Equal(["Een definitie heeft minstens één ministerie."], errors["ministries"]);
        Assert.Contains("Verplicht", Assert.Single(errors["letter"]));
    }
}
