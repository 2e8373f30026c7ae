using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MigrationAgenda.Access;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Retention;

/// <summary>
/// What purging a round's personal data does to one stored value, written once for the route and the retention timer.
/// Addresses become the <see cref="AddressHasher"/> hash the logs use (<c>addr:3f9a2c1b7e</c>): an operator can still
/// tell whether a known address was involved (<c>hash-address</c>), nobody can read one back. Names, subjects and
/// mail bodies are removed. Every rule is idempotent: a value already purged stays as it is.
/// </summary>
public static partial class PersonalData
{
    /// <summary>What stands where a subject or a name was.</summary>
    public const string Removed = "[verwijderd]";

    /// <summary>An address as its hash; empty and already hashed values as they are.</summary>
    public static string? Address(string? address, AddressHasher hasher) =>
        string.IsNullOrWhiteSpace(address) || address.StartsWith(AddressHasher.Prefix, StringComparison.Ordinal) ? address : hasher.Hash(address);

    /// <summary>
    /// An audit actor: the system's own (<c>system</c>, <c>coordinator</c>, <c>lokaal</c>, …) as they are; a signed-in
    /// user's UPN or object id and a mail actor's address as their hash (<c>mail:addr:…</c>).
    /// </summary>
    public static string Actor(string actor, AddressHasher hasher)
    {
        if (actor is AuditActions.System or AuditActions.Coordinator or AuditActions.Approver or "api" or Caller.LocalActor or "onbekend" || actor.Length == 0)
            return actor;
        if (actor.StartsWith(Caller.MailPrefix, StringComparison.Ordinal))
            return Caller.MailPrefix + Address(actor[Caller.MailPrefix.Length..], hasher);
        return Address(actor, hasher)!;
    }

    /// <summary>
    /// A sender as a mail header gives it (<c>Jan Jansen &lt;jan@bzk.example&gt;</c> or the bare address): the address's
    /// hash, the name gone; <see cref="Removed"/> when there is no address in it.
    /// </summary>
    public static string? Sender(string? from, AddressHasher hasher)
    {
        if (string.IsNullOrWhiteSpace(from) || from.StartsWith(AddressHasher.Prefix, StringComparison.Ordinal) || from == Removed)
            return from;
        var match = LooseAddress().Match(from);
        return match.Success ? hasher.Hash(match.Value) : Removed;
    }

    /// <summary>Free text that may name addresses (a reason, a provider's answer): every address replaced by its hash.</summary>
    public static string? Text(string? text, AddressHasher hasher) => text is null ? null : hasher.Redact(text);

    /// <summary>
    /// An audit entry's detail: addresses hashed, and the subject of a quarantined message (the only mail text an entry
    /// quotes) removed. The action, the ministry, the message id and the Dutch reason stay.
    /// </summary>
    public static string AuditDetail(string action, string detail, AddressHasher hasher)
    {
        var text = hasher.Redact(detail);
        return action == AuditActions.MailQuarantined ? QuarantinedSubject().Replace(text, $"bericht {Removed} in quarantaine ($1)") : text;
    }

    /// <summary>
    /// A round's stored plan (JSON): every contact's address hashed and name removed (participants, approver, coordinator,
    /// the definition's default contacts), addresses among the allowed senders hashed (domains stay), who started it
    /// hashed and their name removed, any other address hashed. The coordinator's texts and the letter's fields are
    /// letter text and stay as they are.
    /// </summary>
    public static string Plan(string planJson, AddressHasher hasher)
    {
        var root = JsonNode.Parse(planJson) ?? throw new InvalidDataException("A stored round plan is empty.");
        Walk(root, hasher);
        return root.ToJsonString(JsonDefaults.Options);
    }

    private static void Walk(JsonNode node, AddressHasher hasher)
    {
        switch (node)
        {
            case JsonObject obj:
                var isContact = obj.ContainsKey("email");
                foreach (var (key, value) in obj.ToList())
                {
                    if (key is "texts" or "letter")
                        continue;
                    if (key == "email" && value is JsonValue email)
                        obj[key] = Address(email.ToString(), hasher);
                    else if (isContact && key == "name" && value is JsonValue)
                        obj[key] = null;
                    else if (key == "startedBy" && value is JsonValue startedBy)
                        obj[key] = Actor(startedBy.ToString(), hasher);
                    else if (key == "startedByName" && value is JsonValue)
                        obj[key] = null;
                    else if (value is JsonValue text && text.GetValueKind() == System.Text.Json.JsonValueKind.String)
                        obj[key] = Redacted(text.ToString(), hasher);
                    else if (value is not null)
                        Walk(value, hasher);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue item && item.GetValueKind() == System.Text.Json.JsonValueKind.String)
                        array[i] = Redacted(item.ToString(), hasher);
                    else if (array[i] is { } child)
                        Walk(child, hasher);
                }
                break;
        }
    }

    // An allowed sender that is a whole address becomes its hash; a domain ("minszw.nl") is no personal data.
    private static string Redacted(string value, AddressHasher hasher) =>
        value.Contains('@') && !value.Contains(' ') && AddressPattern().IsMatch(value) ? Address(value, hasher)! : hasher.Redact(value);

    [GeneratedRegex(@"[^\s<>""'@,;:()]+@[^\s<>""'@,;:()]+")]
    private static partial Regex LooseAddress();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex AddressPattern();

    // "SZW: bericht 'Re: Verzoek' in quarantaine (3f9a2c1b7e4d): …" (InboundProcessor); greedy, so a quote in the subject stays inside.
    [GeneratedRegex(@"bericht '.*' in quarantaine \(([0-9a-f]{12})\)", RegexOptions.Singleline)]
    private static partial Regex QuarantinedSubject();
}
