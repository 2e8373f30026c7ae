using System.Text.Json;
using System.Text.RegularExpressions;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds;

/// <summary>The outcome of checking a spec: a plan, or the errors per field (JSON path → messages).</summary>
public sealed record PlanResult(RoundPlan? Plan, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Plan is not null;
}

/// <summary>
/// Turns a posted <see cref="RoundSpec"/> into a <see cref="RoundPlan"/>: resolves the definition (by name from the
/// <see cref="DefinitionCatalog"/>, or inline through <see cref="ReportDefinitionValidator"/>), the schedule
/// (<see cref="ScheduleParser"/>) and the participants, and names every bad field at once.
/// </summary>
public sealed partial class RoundPlanner(DefinitionCatalog catalog)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,23}$")]
    private static partial Regex RoundIdPattern();

    /// <summary>The hash that makes a repeated start of the same spec idempotent.</summary>
    public static string HashOf(RoundSpec spec) => ContributionStore.Hash(JsonSerializer.Serialize(spec, JsonDefaults.Options));

    /// <param name="contactList">
    /// The coordinator's contacts list of the named definition (<see cref="MinistryContacts"/>): a ministry without
    /// contacts in the spec takes them from it; only while the list is empty do the definition's own (example)
    /// contacts count, so real and example addresses never mix in one round.
    /// </param>
    public PlanResult Plan(RoundSpec spec, DateTimeOffset now, IReadOnlyList<MinistryContacts>? contactList = null)
    {
        var errors = new ValidationErrors();

        if (string.IsNullOrWhiteSpace(spec.RoundId))
            errors.Add("roundId", "Verplicht: een korte naam voor de ronde, bijvoorbeeld 'ima-2027'.");
        else if (!RoundIdPattern().IsMatch(spec.RoundId))
            errors.Add("roundId", "Gebruik 2 tot 24 kleine letters, cijfers of streepjes, beginnend met een letter of cijfer (bijvoorbeeld 'ima-2027').");

        if (spec.Year is < 2000 or > 2100)
            errors.Add("year", "Verplicht: het verslagjaar, tussen 2000 en 2100.");

        var definition = ResolveDefinition(spec, errors);

        if (spec.Deadline is null)
            errors.Add("deadline", "Verplicht: de uiterste datum en tijd voor de bijdragen (ISO 8601, bijvoorbeeld 2027-01-15T17:00:00+01:00).");
        else if (spec.Deadline <= now)
            errors.Add("deadline", $"De deadline {spec.Deadline:yyyy-MM-dd HH:mm zzz} ligt in het verleden.");

        var schedule = ScheduleParser.Parse(spec.Schedule, errors, definition?.Calendar);
        var deadlinePlan = PlanDeadline(spec.Deadline, now, schedule, definition, errors);
        var participants = definition is null ? [] : ResolveParticipants(spec.Ministries, definition, errors, contactList ?? []);

        var approver = CheckContact(spec.Approver, "approver", errors, required: true);
        var coordinator = CheckContact(spec.Coordinator, "coordinator", errors, required: false);

        if (errors.Count > 0 || definition is null || approver is null || schedule is null || deadlinePlan is null)
            return new PlanResult(null, errors.ToDictionary());

        var coordinating = definition.Letter.CoordinatingMinistry is { } code
            ? participants.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase))
            : null;
        return new PlanResult(new RoundPlan
        {
            RoundId = spec.RoundId!,
            Year = spec.Year,
            Definition = definition,
            Deadline = spec.Deadline!.Value,
            Schedule = schedule,
            Participants = participants,
            Approver = approver,
            Coordinator = coordinator ?? coordinating?.ContactFor(0) ?? approver,
            Reference = spec.Reference,
            Texts = spec.Texts ?? new CoordinatorTexts(),
            CreatedAt = now,
            SpecHash = HashOf(spec),
            Due = deadlinePlan.Due,
            DeadlineWarning = deadlinePlan.Warning,
        }, errors.ToDictionary());
    }

    /// <summary>
    /// The deadline's due times from the round's calendar, computed here once so the orchestrator only waits for them;
    /// a deadline on a closed day is refused under a schedule that counts days (<see cref="RoundCalendar.Check"/>).
    /// </summary>
    private static DeadlinePlan? PlanDeadline(DateTimeOffset? deadline, DateTimeOffset now, RoundSchedule? schedule, ReportDefinition? definition, ValidationErrors errors)
    {
        if (deadline is not { } at || at <= now || schedule is null || definition is null)
            return null;
        var calendar = new RoundCalendar(schedule, definition.Calendar);
        if (calendar.Check(at).Refusal is { } refusal)
        {
            errors.Add("deadline", refusal);
            return null;
        }
        return calendar.Plan(at);
    }

    private ReportDefinition? ResolveDefinition(RoundSpec spec, ValidationErrors errors)
    {
        if (spec.Definition is not null && !string.IsNullOrEmpty(spec.DefinitionName))
        {
            errors.Add("definitionName", "Geef een definitie bij naam óf volledig mee, niet allebei.");
            return null;
        }
        if (spec.Definition is null)
        {
            if (string.IsNullOrWhiteSpace(spec.DefinitionName))
            {
                errors.Add("definitionName", $"Verplicht: de naam van een rapportdefinitie ({string.Join(", ", catalog.Names)}) of een volledige 'definition'.");
                return null;
            }
            var found = catalog.Find(spec.DefinitionName);
            if (found is null)
                errors.Add("definitionName", $"Onbekende definitie '{spec.DefinitionName}'. Beschikbaar: {string.Join(", ", catalog.Names)}.");
            return found;
        }

        return ReportDefinitionValidator.Validate(spec.Definition, errors, "definition") ? spec.Definition : null;
    }

    private static IReadOnlyList<Participant> ResolveParticipants(IReadOnlyList<MinistrySpec>? specs, ReportDefinition definition, ValidationErrors errors,
        IReadOnlyList<MinistryContacts> contactList)
    {
        if (specs is null)
        {
            var defaults = definition.Ministries.Where(m => m.Pillars.Count > 0).ToList();
            var chosen = defaults.Select(m => (Ministry: m, Choice: ContactChoice.For(m, contactList))).ToList();
            foreach (var (m, _) in chosen.Where(c => c.Choice.Origin == ContactOrigin.None))
                errors.Add("ministries", contactList.Count > 0
                    ? NotListed(m.Code, definition.Name)
                    : $"{m.Code} heeft in de definitie geen contactpersoon (niveau 0); geef 'ministries' mee met contacten.");
            return chosen.Select(c => new Participant
            {
                Code = c.Ministry.Code, Name = c.Ministry.Name, Pillars = c.Ministry.Pillars.Order().ToList(),
                Contacts = c.Choice.Contacts, AllowedSenders = c.Choice.AllowedSenders,
            }).ToList();
        }
        if (specs.Count == 0)
        {
            errors.Add("ministries", "Noem minstens één ministerie, of laat 'ministries' weg om alle ministeries van de definitie te vragen.");
            return [];
        }

        var participants = new List<Participant>();
        for (var i = 0; i < specs.Count; i++)
        {
            var s = specs[i];
            var path = $"ministries[{i}]";
            var m = string.IsNullOrEmpty(s.Code) ? null : definition.FindMinistry(s.Code);
            if (m is null)
            {
                errors.Add($"{path}.code", string.IsNullOrEmpty(s.Code)
                    ? "Verplicht: de code van het ministerie."
                    : $"Onbekend ministerie '{s.Code}'. De definitie kent: {string.Join(", ", definition.Ministries.Select(x => x.Code))}.");
                continue;
            }
            var pillars = s.Pillars ?? m.Pillars;
            foreach (var p in pillars.Where(p => !m.Pillars.Contains(p)))
                errors.Add($"{path}.pillars", $"Pijler {p} hoort niet bij {m.Code} (die schrijft {string.Join(", ", m.Pillars)}).");
            if (pillars.Count == 0)
                errors.Add($"{path}.pillars", $"{m.Code} heeft geen pijlers in deze ronde.");

            var choice = s.Contacts is null ? ContactChoice.For(m, contactList) : null;
            if (choice?.Origin == ContactOrigin.None && contactList.Count > 0)
            {
                errors.Add($"{path}.contacts", NotListed(m.Code, definition.Name));
                continue;
            }
            var contacts = s.Contacts ?? choice!.Contacts;
            for (var c = 0; c < contacts.Count; c++)
                if (!EmailAddress.IsValid(contacts[c].Email))
                    errors.Add($"{path}.contacts[{c}].email", $"'{contacts[c].Email}' is geen geldig e-mailadres.");
            if (contacts.All(c => c.Level != 0))
                errors.Add($"{path}.contacts", "Minstens een contactpersoon op niveau 0 (die de uitvraag ontvangt).");
            foreach (var dup in contacts.GroupBy(c => c.Level).Where(g => g.Count() > 1))
                errors.Add($"{path}.contacts", $"Niveau {dup.Key} komt meer dan eens voor.");

            var senders = s.AllowedSenders ?? (choice?.Origin == ContactOrigin.List ? choice.AllowedSenders : m.AllowedSenders);
            for (var a = 0; a < senders.Count; a++)
                if (!EmailAddress.IsValid(senders[a]) && !EmailAddress.IsValidDomain(senders[a]))
                    errors.Add($"{path}.allowedSenders[{a}]", $"'{senders[a]}' is geen e-mailadres of domein.");

            participants.Add(new Participant
            {
                Code = m.Code, Name = m.Name, Pillars = pillars.Distinct().Order().ToList(), Contacts = contacts, AllowedSenders = senders,
            });
        }
        foreach (var dup in participants.GroupBy(p => p.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add("ministries", $"{dup.Key} staat er meer dan eens in.");
        return participants;
    }

    private static string NotListed(string ministry, string definition) =>
        $"{ministry} staat niet in de contactenlijst van '{definition}'. Voeg op de pagina Contacten een contactpersoon voor {ministry} toe, " +
        "of geef 'ministries' mee met contacten.";

    private static Contact? CheckContact(Contact? contact, string path, ValidationErrors errors, bool required)
    {
        if (contact is null)
        {
            if (required)
                errors.Add(path, "Verplicht: { \"email\": \"…\", \"name\": \"…\" }.");
            return null;
        }
        if (!EmailAddress.IsValid(contact.Email))
        {
            errors.Add($"{path}.email", $"'{contact.Email}' is geen geldig e-mailadres.");
            return null;
        }
        return contact;
    }
}
