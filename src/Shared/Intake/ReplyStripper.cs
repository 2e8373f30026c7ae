using System.Text.RegularExpressions;

namespace MigrationAgenda.Intake;

/// <summary>
/// Removes what a reply carries besides the new text: quoted history and what mail clients and servers add below
/// the text (<see cref="MailFooters"/>: signature, mobile footer, list footer, disclaimer). Works on plain text
/// lines (HTML is converted first). History comes in two shapes:
/// <list type="bullet">
/// <item>Unquoted, below a marker (Outlook's "Van:/Verzonden:/Aan:/Onderwerp:" block in any order, with or without
/// a dashed or underscored rule above it; "-----Oorspronkelijk bericht-----"; an attribution followed by unquoted
/// text): everything from the marker on goes.</item>
/// <item>Quoted with "&gt;" (Gmail, Apple Mail, Thunderbird): only the quoted lines and their attribution go, so
/// text written below the quote (bottom-posting) or between quoted lines (inline answers) is kept.</item>
/// </list>
/// Every rule is anchored to a whole line, so words like "groet" or "schreef" inside a paragraph never cut anything.
/// </summary>
public static class ReplyStripper
{
    private const RegexOptions Opts = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // Separators that start forwarded or quoted history ("-----Oorspronkelijk bericht-----", Android's
    // "-------- Original message --------", Gmail's "---------- Forwarded message ---------", Apple's
    // "Begin forwarded message:").
    private static readonly Regex Separator = new(
        @"^\s*(-{2,}|_{2,}|\*{2,})\s*(Oorspronkelijk bericht|Origineel bericht|Original Message|Doorgestuurd bericht|Forwarded message|Ursprüngliche Nachricht|Message d'origine)\s*(-{2,}|_{2,}|\*{2,})\s*$", Opts, Timeout);
    private static readonly Regex ForwardSeparator = new(
        @"^\s*((-{2,}\s*(Doorgestuurd bericht|Forwarded message|Weitergeleitete Nachricht)\s*-{2,})|Begin (doorgestuurd bericht|forwarded message)\s*:)\s*$", Opts, Timeout);
    private static readonly Regex Rule = new(@"^\s*(-{5,}|_{5,}|={5,}|\*{5,}|\.{5,}|—{3,}|–{3,}|~{5,})\s*$", Opts, Timeout);

    // Attribution lines. Gmail/Thunderbird: "Op ma 4 jan. 2027 om 10:12 schreef Jan <jan@x>:"; Apple Mail:
    // "Op 3 jan. 2027 om 10:12 heeft Jan <jan@x> het volgende geschreven:" or the short "… heeft Jan geschreven:";
    // English: "On … wrote:"; older clients: "Jan de Vries schreef op 4-1-2027 10:12:".
    // They must carry a time or an address, so a sentence like "Op 3 juli schreef de Kamer:" survives.
    private static readonly Regex Attribution = new(
        @"^\s*(Op\s.{4,250}?\bschreef\b.{0,250}:|Op\s.{4,250}?\bheeft\b.{1,250}\bgeschreven\s*:|On\s.{4,250}?\bwrote\s*:|.{1,150}\b(schreef|wrote)\s+(op|on)\s.{4,100}:|.{1,150}<[^>\s]+@[^>\s]+>\s*(schreef|wrote)\s*:|Am\s.{4,250}?\bschrieb\b.{0,250}:|Le\s.{4,250}?\ba écrit\s*:)\s*$",
        Opts, Timeout);
    private static readonly Regex TimeOrAddress = new(@"\d{1,2}[:.]\d{2}|@", Opts, Timeout);

    // Outlook's header block fields, Dutch and English, plain or bold ("*Van:*" from HTML converted by some tools).
    private static readonly Regex HeaderField = new(
        @"^\s*\*?(?<f>Van|From|Verzonden|Sent|Datum|Date|Aan|To|CC|BCC|Onderwerp|Subject|Beantwoorden aan|Antwoord aan|Reply-To|Urgentie|Prioriteit|Importance|Bijlagen|Attachments)\s*:\*?(\s|$)",
        Opts, Timeout);

    /// <param name="senderName">The From display name, when known: a last line with only that name is a sign-off.</param>
    public static string Strip(string text, string? senderName = null)
    {
        var lines = Normalise(text).Split('\n').ToList();
        RemoveHistory(lines);
        lines.RemoveAll(IsQuoted);
        MailFooters.Strip(lines, senderName);
        lines.RemoveAll(IsRule); // a line of dashes, dots or underscores is decoration, never letter text
        return Trim(lines);
    }

    internal static string Normalise(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    internal static bool IsQuoted(string line) => line.TrimStart().StartsWith('>');

    internal static bool IsRule(string line) => line.Length <= 200 && Rule.IsMatch(line);

    internal static bool IsForwardSeparator(string line) => line.Length <= 200 && ForwardSeparator.IsMatch(line);

    internal static bool IsSeparator(string line) => line.Length <= 200 && (Separator.IsMatch(line) || ForwardSeparator.IsMatch(line));

    /// <summary>The field name of a header-block line ("Van", "Subject" …, normalised to English), or null.</summary>
    internal static string? HeaderFieldOf(string line)
    {
        if (line.Length > 2000) return null;
        var m = HeaderField.Match(line);
        if (!m.Success) return null;
        return m.Groups["f"].Value.ToLowerInvariant() switch
        {
            "van" or "from" => "from",
            "verzonden" or "sent" or "datum" or "date" => "date",
            "aan" or "to" => "to",
            "onderwerp" or "subject" => "subject",
            "cc" or "bcc" => "cc",
            _ => "other",
        };
    }

    /// <summary>
    /// A mail header block starts at <paramref name="start"/>: within the next lines, fields in any order that name a
    /// sender and at least two of date, recipient and subject (so "Aan: de gemeenten" in a text is not one).
    /// </summary>
    internal static bool IsHeaderBlock(IReadOnlyList<string> lines, int start)
    {
        if (start >= lines.Count || HeaderFieldOf(lines[start]) is null) return false;
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var misses = 0;
        for (var i = start; i < Math.Min(lines.Count, start + 12) && misses <= 2; i++)
        {
            if (lines[i].Trim().Length == 0) break;
            if (HeaderFieldOf(lines[i]) is { } field) fields.Add(field);
            else misses++; // a wrapped To: or Subject: line
        }
        return fields.Contains("from") && new[] { "date", "to", "subject" }.Count(fields.Contains) >= 2;
    }

    /// <summary>
    /// How many lines an attribution ("Op … schreef …:") starting at <paramref name="i"/> spans (clients wrap long
    /// ones); 0 when there is none. <paramref name="hasAddress"/>: it names an e-mail address.
    /// </summary>
    internal static int AttributionSpan(IReadOnlyList<string> lines, int i, out bool hasAddress)
    {
        hasAddress = false;
        var line = lines[i];
        if (line.Length > 600 || line.Trim().Length == 0 || IsQuoted(line)) return 0;
        var joined = line;
        for (var k = 0; k < 3 && i + k < lines.Count; k++)
        {
            if (k > 0)
            {
                if (lines[i + k].Trim().Length == 0 || IsQuoted(lines[i + k])) break;
                joined += " " + lines[i + k].Trim();
            }
            if (joined.Length < 600 && Attribution.IsMatch(joined) && TimeOrAddress.IsMatch(joined))
            {
                hasAddress = joined.Contains('@', StringComparison.Ordinal);
                return k + 1;
            }
        }
        return 0;
    }

    internal static int? NextNonEmpty(IReadOnlyList<string> lines, int i)
    {
        for (var j = i + 1; j < lines.Count; j++)
            if (lines[j].Trim().Length > 0) return j;
        return null;
    }

    /// <summary>
    /// Cuts unquoted history from its marker to the end; drops attributions whose history is quoted (the quoted lines
    /// themselves go afterwards), so the text around the quote stays.
    /// </summary>
    private static void RemoveHistory(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0 || IsQuoted(line)) continue;
            var cut = -1;
            if (IsSeparator(line)) cut = i;
            else if (IsRule(line) && NextNonEmpty(lines, i) is { } n && (IsHeaderBlock(lines, n) || IsSeparator(lines[n]))) cut = i;
            else if (IsHeaderBlock(lines, i)) cut = i;
            else if (AttributionSpan(lines, i, out var hasAddress) is > 0 and var span)
            {
                if (NextNonEmpty(lines, i + span - 1) is { } next && IsQuoted(lines[next]))
                {
                    lines.RemoveRange(i, span);
                    i--;
                    continue;
                }
                // Unquoted history below an attribution: only when it names an address, since a sentence such as
                // "Op 3 juli 2020 om 10.00 uur schreef de minister:" may be followed by the text it introduces.
                if (hasAddress) cut = i;
            }
            if (cut < 0) continue;
            lines.RemoveRange(cut, lines.Count - cut);
            return;
        }
    }

    private static string Trim(List<string> lines)
    {
        var result = new List<string>();
        foreach (var line in lines.Select(l => l.TrimEnd()))
        {
            var blank = line.Trim().Length == 0;
            if (blank && (result.Count == 0 || result[^1].Length == 0)) continue; // leading and doubled blank lines
            result.Add(blank ? "" : line);
        }
        while (result.Count > 0 && result[^1].Length == 0) result.RemoveAt(result.Count - 1);
        return string.Join('\n', result);
    }
}
