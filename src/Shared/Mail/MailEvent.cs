using System.Globalization;
using System.Text.Json;

namespace MigrationAgenda.Mail;

/// <summary>
/// One event of SendGrid's Event Webhook, with the custom args our mail carries (round, ministry, kind, version, level,
/// sent_at: SendGrid returns them as top-level fields of every event).
/// </summary>
public sealed record MailEvent
{
    public const string Bounce = "bounce";
    public const string Blocked = "blocked";
    public const string Dropped = "dropped";
    public const string Deferred = "deferred";
    public const string SpamReport = "spamreport";

    /// <summary>sg_event_id: SendGrid's unique id of this event; a retried post repeats it.</summary>
    public required string EventId { get; init; }
    /// <summary>The event as SendGrid names it (bounce, dropped, deferred, delivered, spamreport, …).</summary>
    public required string Event { get; init; }
    /// <summary>For a bounce, SendGrid's <c>type</c>: <c>bounce</c> or <c>blocked</c>; else the event.</summary>
    public required string Type { get; init; }
    public string? Email { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? SendGridMessageId { get; init; }
    public string? RoundId { get; init; }
    public string? Ministry { get; init; }
    public MailKind? Kind { get; init; }
    public int? Level { get; init; }
    public int? Version { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    /// <summary>SendGrid's reason or the receiving server's response, as given.</summary>
    public string? Reason { get; init; }

    /// <summary>The mail did not reach its recipient and will not: bounce, blocked or dropped.</summary>
    public bool IsUndeliverable => Event is Bounce or Blocked or Dropped;

    /// <summary>Undeliverable for a message that asks a ministry's contact for its text: the round escalates past them.</summary>
    public bool ChasesAContact =>
        IsUndeliverable && Kind is (MailKind.Request or MailKind.Reminder or MailKind.Escalation) && RoundId is not null && Ministry is not null;

    /// <summary>The escalation level of the contact the mail went to: 0 for requests and reminders, the level for escalations.</summary>
    public int ContactLevel => Kind == MailKind.Escalation ? Level ?? 1 : 0;

    /// <summary>The SendGrid name of what went wrong: bounce, blocked, dropped, deferred, spamreport.</summary>
    public string BounceType => Event == Bounce && Type == Blocked ? Blocked : Event;

    /// <summary>
    /// The events of one post (a JSON array). Events without an sg_event_id or event name cannot be stored once and
    /// are left out; <paramref name="skipped"/> counts them.
    /// </summary>
    /// <exception cref="JsonException">The body is not a JSON array.</exception>
    public static IReadOnlyList<MailEvent> ParseBatch(ReadOnlySpan<byte> json, out int skipped)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
            throw new JsonException("The Event Webhook posts a JSON array of events.");
        var list = new List<MailEvent>();
        skipped = 0;
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object || Text(e, "sg_event_id") is not { Length: > 0 } id || Text(e, "event") is not { Length: > 0 } name)
            {
                skipped++;
                continue;
            }
            var ev = name.ToLowerInvariant();
            list.Add(new MailEvent
            {
                EventId = id,
                Event = ev,
                Type = Text(e, "type")?.ToLowerInvariant() ?? ev,
                Email = Text(e, "email"),
                At = Number(e, "timestamp") is { } ts ? DateTimeOffset.FromUnixTimeSeconds(ts) : DateTimeOffset.UnixEpoch,
                SendGridMessageId = Text(e, "sg_message_id"),
                RoundId = Text(e, "round"),
                Ministry = Text(e, "ministry") is { } m && m != "all" ? m : null,
                Kind = Enum.TryParse<MailKind>(Text(e, "kind"), ignoreCase: true, out var kind) ? kind : null,
                Level = (int?)Number(e, "level"),
                Version = (int?)Number(e, "version"),
                SentAt = Number(e, SendGridMailSender.SentAtArg) is { } sent ? DateTimeOffset.FromUnixTimeSeconds(sent) : null,
                Reason = Text(e, "reason") ?? Text(e, "response"),
            });
        }
        return list;
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        } : null;

    // Custom args come back as strings, SendGrid's own numbers as numbers: read both.
    private static long? Number(JsonElement e, string name) =>
        Text(e, name) is { } s && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            && n >= 0 && n <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? n : null;
}
