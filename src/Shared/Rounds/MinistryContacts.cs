namespace MigrationAgenda.Rounds;

/// <summary>
/// One ministry's entry in the coordinator's contacts list of a report definition: who receives the request (level
/// 0) and each escalation (level k), and whose replies are accepted. A round that starts without its own contacts
/// copies these into its plan, so a later edit never changes a running round.
/// </summary>
public sealed record MinistryContacts
{
    public required string Ministry { get; init; }
    public required IReadOnlyList<Contact> Contacts { get; init; }
    /// <summary>Addresses ("a@b.nl") or domains ("b.nl") whose replies are accepted.</summary>
    public required IReadOnlyList<string> AllowedSenders { get; init; }
    /// <summary>Who changed it last (an actor) and when; set by the store, never by the caller.</summary>
    public string? ChangedBy { get; init; }
    public string? ChangedByName { get; init; }
    public DateTimeOffset? ChangedAt { get; init; }
    /// <summary>The stored version, for the next change (If-Match).</summary>
    public string? ETag { get; init; }
}
