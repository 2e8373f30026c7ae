using System.Text.RegularExpressions;

namespace MigrationAgenda.Intake;

/// <summary>
/// Removes what a reply carries besides the new text: the quoted request (and older history) and the
/// signature. Works on plain text lines (HTML is converted first). Every rule is anchored to a whole line
/// so that words like "groet" or "schreef" inside a paragraph never cut anything.
/// </summary>
public static class ReplyStripper
{
    private const RegexOptions Opts = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // Separators that start forwarded or quoted history.
    private static readonly Regex Separator = new(@"^\s*-{2,}\s*(Oorspronkelijk bericht|Origineel bericht|Original Message|Doorgestuurd bericht|Forwarded message)\s*-{2,}\s*$", Opts, Timeout);
    private static readonly Regex Underscores = new(@"^\s*_{10,}\s*$", Opts, Timeout);

    // Attribution lines. Gmail: "Op ma 4 jan. 2027 om 10:12 schreef Jan <jan@x>:"; Apple Mail:
    // "Op 3 jan. 2027 om 10:12 heeft Jan <jan@x> het volgende geschreven:"; English: "On … wrote:".
    // They must carry a time or an address, so a sentence like "Op 3 juli schreef de Kamer:" survives.
    private static readonly Regex Attribution = new(
        @"^\s*(Op\s.{4,250}?\bschreef\b.{0,250}:|Op\s.{4,250}?\bheeft\b.{1,250}\bhet volgende geschreven\s*:|On\s.{4,250}?\bwrote\s*:|Am\s.{4,250}?\bschrieb\b.{0,250}:|Le\s.{4,250}?\ba écrit\s*:)\s*$", Opts, Timeout);
    private static readonly Regex TimeOrAddress = new(@"\d{1,2}[:.]\d{2}|@", Opts, Timeout);

    // Outlook's header block: "Van: … / Verzonden: … / Aan: … / Onderwerp: …" (or the English names).
    private static readonly Regex HeaderFrom = new(@"^\s*\*?(Van|From)\s*:\*?\s*\S", Opts, Timeout);
    private static readonly Regex HeaderOther = new(@"^\s*\*?(Verzonden|Sent|Datum|Date|Aan|To|CC|Onderwerp|Subject)\s*:\*?", Opts, Timeout);

    private static readonly Regex SignatureDash = new(@"^--\s?$", Opts, Timeout);
    private static readonly Regex Closing = new(
        @"^\s*((met\s+)?(vriendelijke|hartelijke|collegiale|beste)\s+groet(en)?|groet(en)?|gr\.?|mvg|kind\s+regards|best\s+regards|regards|best\s+wishes|with\s+kind\s+regards)\s*[,.!]?\s*$", Opts, Timeout);
    private static readonly Regex MobileFooter = new(
        @"^\s*((Verzonden|Verstuurd)\s+(vanaf|vanuit|met|via)\s+(mijn\s+)?(iPhone|iPad|Android|Samsung|Outlook|mobiele|BlackBerry|Mail\s+voor\s+Windows).*|Sent\s+from\s+(my\s+)?(iPhone|iPad|Android|mobile|Samsung|Outlook|Mail\s+for\s+Windows).*|Get\s+Outlook\s+for\s+(iOS|Android).*|Download\s+Outlook\s+(voor|for)\s+(iOS|Android).*)$", Opts, Timeout);
    // Government mail ends in a standard disclaimer; it is never contribution text.
    private static readonly Regex Disclaimer = new(
        @"^\s*(Dit bericht kan informatie bevatten die niet voor u is bestemd|This message may contain information that is not intended for you)", Opts, Timeout);

    /// <summary>The longest name block (name, function, department, phone …) that may follow a closing line.</summary>
    public const int MaxSignatureLines = 8;

    public static string Strip(string text)
    {
        var lines = Normalise(text).Split('\n').ToList();
        var cut = FindHistoryStart(lines);
        if (cut >= 0) lines.RemoveRange(cut, lines.Count - cut);

        lines.RemoveAll(l => l.TrimStart().StartsWith('>') || MobileFooter.IsMatch(l));

        var disclaimer = lines.FindIndex(l => Disclaimer.IsMatch(l));
        if (disclaimer >= 0) lines.RemoveRange(disclaimer, lines.Count - disclaimer);

        var dash = lines.FindLastIndex(l => SignatureDash.IsMatch(l));
        if (dash >= 0) lines.RemoveRange(dash, lines.Count - dash);

        StripClosing(lines);
        return Trim(lines);
    }

    internal static string Normalise(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static int FindHistoryStart(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (Separator.IsMatch(line)) return i;
            if (Underscores.IsMatch(line) && NextNonEmpty(lines, i) is { } n && HeaderFrom.IsMatch(lines[n])) return i;
            if (HeaderFrom.IsMatch(line) && IsHeaderBlock(lines, i)) return i;
            if (line.TrimStart().StartsWith("Op ", StringComparison.OrdinalIgnoreCase)
                || line.TrimStart().StartsWith("On ", StringComparison.OrdinalIgnoreCase)
                || line.TrimStart().StartsWith("Am ", StringComparison.Ordinal)
                || line.TrimStart().StartsWith("Le ", StringComparison.Ordinal))
            {
                // Clients wrap long attribution lines; try the line alone and joined with the next one or two.
                var joined = line;
                for (var k = 0; k < 3 && i + k < lines.Count; k++)
                {
                    if (k > 0)
                    {
                        if (lines[i + k].Trim().Length == 0) break;
                        joined += " " + lines[i + k].Trim();
                    }
                    if (joined.Length < 600 && Attribution.IsMatch(joined) && TimeOrAddress.IsMatch(joined)) return i;
                }
            }
        }
        return -1;
    }

    /// <summary>"Van:" starts history only when at least two other header names follow within the next lines.</summary>
    private static bool IsHeaderBlock(List<string> lines, int start)
    {
        var others = 0;
        for (var i = start + 1; i < Math.Min(lines.Count, start + 8); i++)
            if (HeaderOther.IsMatch(lines[i])) others++;
        return others >= 2;
    }

    private static int? NextNonEmpty(List<string> lines, int i)
    {
        for (var j = i + 1; j < lines.Count; j++)
            if (lines[j].Trim().Length > 0) return j;
        return null;
    }

    /// <summary>
    /// A closing line ("Met vriendelijke groet,") counts as the start of the signature only when what follows
    /// it, up to the end, is a short name block: at most <see cref="MaxSignatureLines"/> non-empty short lines.
    /// </summary>
    private static void StripClosing(List<string> lines)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (!Closing.IsMatch(lines[i])) continue;
            var tail = lines.Skip(i + 1).Where(l => l.Trim().Length > 0).ToList();
            if (tail.Count <= MaxSignatureLines && tail.All(l => l.Trim().Length <= 80))
            {
                lines.RemoveRange(i, lines.Count - i);
                return;
            }
            return; // The last closing line is followed by real text: leave everything alone.
        }
    }

    private static string Trim(List<string> lines)
    {
        var trimmed = lines.Select(l => l.TrimEnd()).ToList();
        while (trimmed.Count > 0 && trimmed[0].Trim().Length == 0) trimmed.RemoveAt(0);
        while (trimmed.Count > 0 && trimmed[^1].Trim().Length == 0) trimmed.RemoveAt(trimmed.Count - 1);
        return string.Join('\n', trimmed);
    }
}
