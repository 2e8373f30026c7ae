using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>The contacts list's rules, and how a round's plan takes contacts from it (the list, the definition, or the spec).</summary>
public sealed class ContactListTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly RoundPlanner _planner = new(new DefinitionCatalog());

    private static MinistryContacts Listed(string code, string email) => new()
    {
        Ministry = code, Contacts = [new Contact { Level = 0, Email = email }], AllowedSenders = [$"{code.ToLowerInvariant()}.nl"],
    };

    private static RoundSpec FromList() => SampleRounds.Spec("ima-2027", Now.AddDays(30)) with { Ministries = null };

    [Fact]
    public void A_good_entry_is_trimmed_sorted_by_level_and_its_senders_deduplicated()
    {
        var errors = new ValidationErrors();
        var entry = ContactListValidator.Validate("SZW",
            [new ContactInput(1, " Hoofd ", " hoofd@minszw.nl "), new ContactInput(0, "", "integratie@minszw.nl")],
            [" minszw.nl", "MINSZW.nl", "iemand@elders.nl"], errors);

        Assert.Equal(0, errors.Count);
        Assert.Equal([(0, (string?)null, "integratie@minszw.nl"), (1, "Hoofd", "hoofd@minszw.nl")], entry!.Contacts.Select(c => (c.Level, c.Name, c.Email)));
        Assert.Equal(["minszw.nl", "iemand@elders.nl"], entry.AllowedSenders);
    }

    [Fact]
    public void Every_bad_field_is_named()
    {
        var errors = new ValidationErrors();
        var entry = ContactListValidator.Validate("SZW",
            [new ContactInput(2, new string('x', 201), "niet@"), null, new ContactInput(2, null, "b@minszw.nl")], ["geen domein"], errors);

        Assert.Null(entry);
        var all = errors.ToDictionary();
        Assert.Equal(new[] { "allowedSenders[0]", "contacts", "contacts[0].email", "contacts[0].name", "contacts[1]" }.Order(StringComparer.Ordinal),
            all.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(all["contacts"], m => m.Contains("niveau 0", StringComparison.Ordinal));
        Assert.Contains(all["contacts"], m => m.Contains("Niveau 2 komt meer dan eens voor", StringComparison.Ordinal));
    }

    [Fact]
    public void While_the_list_is_empty_the_definition_contacts_count_and_once_in_use_the_list_alone()
    {
        var ima = new DefinitionCatalog().Find("ima")!;
        var szw = ima.FindMinistry("SZW")!;
        Assert.Equal(ContactOrigin.Definition, ContactChoice.For(szw, []).Origin);
        Assert.Equal(ContactOrigin.None, ContactChoice.For(szw, [Listed("BZK", "a@bzk.nl")]).Origin);
        var listed = ContactChoice.For(szw, [Listed("szw", "integratie@minszw.nl")]);
        Assert.Equal((ContactOrigin.List, "integratie@minszw.nl"), (listed.Origin, listed.Contacts[0].Email));
    }

    [Fact]
    public void A_spec_without_contacts_takes_the_list_and_names_each_ministry_missing_from_it()
    {
        var ima = new DefinitionCatalog().Find("ima")!;
        var full = ima.Ministries.Select(m => Listed(m.Code, $"lijst@{m.Code.ToLowerInvariant()}.nl")).ToList();

        var plan = _planner.Plan(FromList(), Now, full).Plan!;
        Assert.All(plan.Participants, p => Assert.Equal($"lijst@{p.Code.ToLowerInvariant()}.nl", p.ContactFor(0).Email));
        Assert.All(plan.Participants, p => Assert.Equal([$"{p.Code.ToLowerInvariant()}.nl"], p.AllowedSenders));

        var partial = _planner.Plan(FromList(), Now, full.Take(2).ToList());
        Assert.False(partial.IsValid);
        Assert.Equal(ima.Ministries.Count - 2, partial.Errors["ministries"].Length);
        Assert.All(partial.Errors["ministries"], m => Assert.Contains("staat niet in de contactenlijst van 'ima'", m));

        // Contacts in the spec win; a ministry named without contacts takes its entry.
        var spec = SampleRounds.Spec("ima-2027", Now.AddDays(30), null, SampleRounds.Ministry("BZK"), new MinistrySpec { Code = "SZW" });
        var mixed = _planner.Plan(spec, Now, full).Plan!;
        Assert.Equal("officer@bzk.example", mixed.FindParticipant("BZK")!.ContactFor(0).Email);
        Assert.Equal("lijst@szw.nl", mixed.FindParticipant("SZW")!.ContactFor(0).Email);
        Assert.Equal(["szw.nl"], mixed.FindParticipant("SZW")!.AllowedSenders);
        var missing = _planner.Plan(spec, Now, [full[0]]);
        Assert.Contains("SZW staat niet in de contactenlijst", missing.Errors["ministries[1].contacts"][0]);
    }

    [Fact]
    public void Actors_read_as_people_on_the_timeline()
    {
        Assert.Equal("lokaal", AuditActions.ActorLabel("lokaal"));
        Assert.Equal("per e-mail (dg@minjenv.nl)", AuditActions.ActorLabel("mail:dg@minjenv.nl"));
        Assert.Equal("contacten gewijzigd", AuditActions.Label(AuditActions.ContactsChanged));
        Assert.Equal("mail opnieuw verwerkt", AuditActions.Label(AuditActions.MailReprocessed));
    }
}
