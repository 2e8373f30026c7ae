using System.Text.RegularExpressions;

namespace MigrationAgenda.Intake;

/// <summary>
/// A message forwarded inside a reply: the contact's covering note above, the forwarded message below. Recognised by
/// a forward separator (Gmail's "---------- Doorgestuurd bericht ---------" / "Forwarded message", Thunderbird's
/// "-------- Doorgestuurd bericht --------", Apple Mail's "Begin doorgestuurd bericht:" / "Begin forwarded message:"),
/// or by a header block ("Van:/Verzonden:/Aan:/Onderwerp:", any order, with or without a rule above) when the
/// subject is a forward's ("FW:", "Fwd:", "Doorst:") or the covering note says it forwards.
/// </summary>
public sealed record ForwardedMessage
{
    /// <summary>Everything above the forward, unstripped.</summary>
    public required string Cover { get; init; }
    /// <summary>The forwarded message's body without its header block (one level of "&gt;" removed), unstripped.</summary>
    public required string Body { get; init; }
    /// <summary>The forwarded message's sender address as its header block names it, when it does.</summary>
    public string? From { get; init; }
    /// <summary>The forwarded message's sender name ("Els Visser" in "Van: Els Visser &lt;e.visser@…&gt;"), when given.</summary>
    public string? FromName { get; init; }

    private const RegexOptions Opts = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly Regex ForwardSubject = new(@"^\s*(re:\s*)?(fw|fwd|doorst|tr|wg|vs|vb|rv)\s*:", Opts, Timeout);
    private static readonly Regex ForwardPhrase = new(
        @"\b(doorgestuurd|doorsturen|stuur\s+(ik|wij|we)\b[^.?!\n]{0,40}\bdoor|ter\s+info(rmatie)?|fyi|forward(ed|ing)?|onderstaand(e)?\s+(de\s+)?(bijdrage|tekst|input|mail|bericht)|(zie|hieronder)\b[^.?!\n]{0,30}\b(bijdrage|tekst|input)\s+van|(see|below)\b[^.?!\n]{0,30}\b(contribution|input|text)\s+(from|of|by))\b",
        Opts, Timeout);
    private static readonly Regex Address = new(@"[^\s<>""'(),;:]+@[^\s<>""'(),;:]+\.[^\s<>""'(),;:]+", Opts, Timeout);

    /// <summary>The forward in <paramref name="text"/> (a reply body, before stripping), or null when it holds none.</summary>
    public static ForwardedMessage? Find(string text, string subject)
    {
        var lines = ReplyStripper.Normalise(text).Split('\n').ToList();
        var forwardSubject = ForwardSubject.IsMatch(subject);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || ReplyStripper.IsQuoted(line)) continue;
            int? headerAt = null;
            if (ReplyStripper.IsForwardSeparator(line))
                headerAt = ReplyStripper.NextNonEmpty(lines, i);
            else if (ReplyStripper.IsSeparator(line) || ReplyStripper.IsRule(line))
            {
                var header = ReplyStripper.NextNonEmpty(lines, i) is { } n && ReplyStripper.IsHeaderBlock(lines, n) ? n : (int?)null;
                if (header is null && !ReplyStripper.IsSeparator(line)) continue; // a rule inside the text
                if (!Says(lines, i, forwardSubject)) return null; // ordinary history: the reply is above it
                headerAt = header;
            }
            else if (ReplyStripper.IsHeaderBlock(lines, i))
            {
                if (!Says(lines, i, forwardSubject)) return null; // ordinary history: the reply is above it
                headerAt = i;
            }
            else continue;
            return Split(lines, i, headerAt);
        }
        return null;
    }

    /// <summary>Whether this is ours: its forwarded message comes from one of <paramref name="requestSenders"/> (addresses or domains).</summary>
    public bool IsFrom(IReadOnlyList<string> requestSenders)
    {
        if (From is null || requestSenders.Count == 0) return false;
        var address = From.Trim().ToLowerInvariant();
        var domain = address[(address.LastIndexOf('@') + 1)..];
        return requestSenders.Any(s =>
        {
            var entry = s.Trim().ToLowerInvariant();
            return entry.Contains('@', StringComparison.Ordinal) ? entry == address : entry.TrimStart('@', '.') == domain;
        });
    }

    /// <summary>A header block without an explicit forward separator is a forward only when the mail says so.</summary>
    private static bool Says(List<string> lines, int at, bool forwardSubject) =>
        forwardSubject || ForwardPhrase.IsMatch(string.Join('\n', lines.Take(at).Where(l => !ReplyStripper.IsQuoted(l))));

    private static ForwardedMessage Split(List<string> lines, int marker, int? headerAt)
    {
        var rest = lines.Skip(headerAt ?? marker + 1).ToList();
        // Apple Mail quotes the whole forward with "> " in its plain text part.
        if (rest.Count > 0 && rest.Where(l => l.Trim().Length > 0).All(ReplyStripper.IsQuoted))
            rest = rest.Select(Unquote).ToList();

        string? from = null;
        string? fromName = null;
        var start = 0;
        if (rest.Count > 0 && ReplyStripper.HeaderFieldOf(rest[0]) is not null)
        {
            // The header block runs to its first blank line; long To:/Subject: values may wrap.
            while (start < rest.Count && rest[start].Trim().Length > 0)
            {
                if (ReplyStripper.HeaderFieldOf(rest[start]) == "from" && Address.Match(rest[start]) is { Success: true } a)
                {
                    from = a.Value;
                    var value = rest[start][(rest[start].IndexOf(':', StringComparison.Ordinal) + 1)..];
                    var angle = value.IndexOf('<', StringComparison.Ordinal);
                    fromName = angle > 0 ? value[..angle].Trim().Trim('"', '*', ' ', '\t') : null;
                }
                start++;
            }
        }
        return new ForwardedMessage
        {
            Cover = string.Join('\n', lines.Take(marker)),
            Body = string.Join('\n', rest.Skip(start)),
            From = from,
            FromName = string.IsNullOrWhiteSpace(fromName) ? null : fromName,
        };
    }

    private static string Unquote(string line)
    {
        var trimmed = line.TrimStart();
        if (!trimmed.StartsWith('>')) return line;
        trimmed = trimmed[1..];
        return trimmed.StartsWith(' ') ? trimmed[1..] : trimmed;
    }
}
