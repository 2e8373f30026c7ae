namespace MigrationAgenda.Rounds;

/// <summary>Where a ministry's contacts come from when a round starts without its own.</summary>
public enum ContactOrigin
{
    /// <summary>The coordinator's contacts list.</summary>
    List,
    /// <summary>The definition file's defaults (the shipped ones are example addresses), only while the list is empty.</summary>
    Definition,
    /// <summary>Nowhere: the round cannot start until the list has this ministry.</summary>
    None,
}

/// <summary>
/// The one rule for the contacts a round takes when its spec brings none (the planner at start, the start form's
/// preview): the ministry's entry in the contacts list; while the list has no entry at all, the definition's own
/// contacts; once the list is in use, a ministry missing from it has none (real and example addresses never mix).
/// </summary>
public sealed record ContactChoice(ContactOrigin Origin, IReadOnlyList<Contact> Contacts, IReadOnlyList<string> AllowedSenders)
{
    public static ContactChoice For(MinistryDefinition ministry, IReadOnlyList<MinistryContacts> list)
    {
        var entry = list.FirstOrDefault(c => string.Equals(c.Ministry, ministry.Code, StringComparison.OrdinalIgnoreCase));
        if (entry is not null)
            return new(ContactOrigin.List, entry.Contacts, entry.AllowedSenders);
        if (list.Count == 0 && ministry.Contacts.Any(c => c.Level == 0))
            return new(ContactOrigin.Definition, ministry.Contacts, ministry.AllowedSenders);
        return new(ContactOrigin.None, [], []);
    }
}
