namespace MigrationAgenda.Rounds;

/// <summary>A contact as typed (every field optional, so a missing one is named rather than a JSON error).</summary>
public sealed record ContactInput(int? Level, string? Name, string? Email);

/// <summary>
/// The rules for a ministry's entry in the contacts list, the same a round spec's contacts meet (RoundPlanner):
/// valid addresses (MimeKit, <see cref="EmailAddress"/>), one contact at level 0 who receives the request, each
/// escalation level once, and at least one address or domain whose replies are accepted. Errors per field, in Dutch.
/// </summary>
public static class ContactListValidator
{
    public const int MaxLevel = 9;
    public const int MaxNameLength = 200;
    public const int MaxContacts = 10;
    public const int MaxAllowedSenders = 50;

    /// <summary>The entry as stored (trimmed, senders without duplicates), or null with the errors added.</summary>
    public static MinistryContacts? Validate(string ministry, IReadOnlyList<ContactInput?>? contacts, IReadOnlyList<string?>? allowedSenders, ValidationErrors errors)
    {
        contacts ??= [];
        allowedSenders ??= [];
        if (contacts.Count == 0)
            errors.Add("contacts", "Verplicht: minstens één contactpersoon op niveau 0 (die het verzoek ontvangt).");
        if (contacts.Count > MaxContacts)
            errors.Add("contacts", $"Hoogstens {MaxContacts} contactpersonen per ministerie.");
        for (var i = 0; i < contacts.Count; i++)
        {
            var c = contacts[i];
            var path = $"contacts[{i}]";
            if (c is null)
            {
                errors.Add(path, "Een contactpersoon heeft een niveau, een naam en een e-mailadres.");
                continue;
            }
            if (c.Level is null)
                errors.Add($"{path}.level", "Verplicht: het niveau (0 ontvangt het verzoek, 1 en hoger de escalaties).");
            else if (c.Level is < 0 or > MaxLevel)
                errors.Add($"{path}.level", $"Het niveau is 0 (ontvangt het verzoek) tot en met {MaxLevel} (escalaties).");
            if (string.IsNullOrWhiteSpace(c.Email))
                errors.Add($"{path}.email", "Verplicht: het e-mailadres.");
            else if (!EmailAddress.IsValid(c.Email.Trim()))
                errors.Add($"{path}.email", $"'{c.Email}' is geen geldig e-mailadres (zoals naam@ministerie.nl).");
            if (c.Name?.Trim().Length > MaxNameLength)
                errors.Add($"{path}.name", $"Hoogstens {MaxNameLength} tekens.");
        }
        if (contacts.Count > 0 && contacts.All(c => c?.Level != 0))
            errors.Add("contacts", "Minstens één contactpersoon op niveau 0 (die het verzoek ontvangt).");
        foreach (var level in contacts.OfType<ContactInput>().Where(c => c.Level is not null).GroupBy(c => c.Level).Where(g => g.Count() > 1).Select(g => g.Key))
            errors.Add("contacts", $"Niveau {level} komt meer dan eens voor; geef elk niveau één contactpersoon.");

        if (allowedSenders.Count == 0)
            errors.Add("allowedSenders", "Verplicht: minstens één adres of domein waarvan antwoorden worden geaccepteerd (zoals minszw.nl).");
        if (allowedSenders.Count > MaxAllowedSenders)
            errors.Add("allowedSenders", $"Hoogstens {MaxAllowedSenders} adressen of domeinen.");
        for (var i = 0; i < allowedSenders.Count; i++)
        {
            var a = allowedSenders[i]?.Trim();
            if (!EmailAddress.IsValid(a) && !EmailAddress.IsValidDomain(a))
                errors.Add($"allowedSenders[{i}]", $"'{a}' is geen e-mailadres of domein (zoals naam@minszw.nl of minszw.nl).");
        }
        if (errors.Count > 0)
            return null;
        return new MinistryContacts
        {
            Ministry = ministry,
            Contacts = contacts.Select(c => new Contact
            {
                Level = c!.Level!.Value, Name = string.IsNullOrWhiteSpace(c.Name) ? null : c.Name.Trim(), Email = c.Email!.Trim(),
            }).OrderBy(c => c.Level).ToList(),
            AllowedSenders = allowedSenders.Select(a => a!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        };
    }
}
