using System.Text.RegularExpressions;

namespace MigrationAgenda.Intake;

/// <summary>The text with its footnote definitions taken out, and those definitions.</summary>
public sealed record FootnoteParseResult(string Text, IReadOnlyList<Footnote> Definitions)
{
    /// <summary>Markers referenced in <see cref="Text"/>, in order of first appearance.</summary>
    public IReadOnlyList<string> Markers => FootnoteParser.MarkersIn(Text);
}

/// <summary>
/// Footnotes as contributors write them in mail. Two forms are recognised, both with <c>[^n]</c> markers in the
/// text (the form the letter pipeline uses, so a contributor's text survives unchanged):
/// <list type="bullet">
/// <item>Markdown definitions: a line <c>[^n]: text</c> anywhere (indented lines after it continue it).</item>
/// <item>A trailing block headed "Voetnoten:", "Noten:" or "Footnotes:", whose lines are <c>[^n] text</c>,
/// <c>[n] text</c>, <c>n. text</c> or <c>n text</c>, each defining marker n.</item>
/// </list>
/// Plain "[1]" or superscript-style numbers in the text are not treated as markers: they are too common in
/// ordinary prose ("artikel 3 lid 1") to guess at.
/// </summary>
public static class FootnoteParser
{
    private const RegexOptions Opts = RegexOptions.CultureInvariant;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // A marker anywhere, except "[^n]:" at the start of a line, which is a definition ("… motie Bisschop[^11]:" is a reference).
    private static readonly Regex Marker = new(@"(?<!^[ \t]{0,3})\[\^(?<m>[A-Za-z0-9_-]{1,20})\]|\[\^(?<m>[A-Za-z0-9_-]{1,20})\](?!:)", Opts | RegexOptions.Multiline, Timeout);
    private static readonly Regex Definition = new(@"^\s{0,3}\[\^(?<m>[A-Za-z0-9_-]{1,20})\]:\s*(?<t>.*)$", Opts, Timeout);
    private static readonly Regex BlockHeading = new(@"^\s*(Voetnoten|Noten|Footnotes|Notes)\s*:?\s*$", Opts | RegexOptions.IgnoreCase, Timeout);
    private static readonly Regex BlockLine = new(@"^\s*(\[\^?(?<m>[A-Za-z0-9_-]{1,20})\]:?|(?<m>\d{1,3})[.):]?)\s+(?<t>\S.*)$", Opts, Timeout);

    public static IReadOnlyList<string> MarkersIn(string text) =>
        Marker.Matches(text).Select(m => m.Groups["m"].Value).Distinct(StringComparer.Ordinal).ToList();

    public static FootnoteParseResult Parse(string text)
    {
        var lines = ReplyStripper.Normalise(text).Split('\n').ToList();
        var definitions = new List<Footnote>();

        // The "Voetnoten:" block must be the last thing: after its heading only footnote lines and blank lines.
        var block = lines.FindLastIndex(l => BlockHeading.IsMatch(l));
        if (block >= 0)
        {
            var entries = new List<Footnote>();
            var ok = true;
            for (var i = block + 1; i < lines.Count && ok; i++)
            {
                if (lines[i].Trim().Length == 0) continue;
                var m = BlockLine.Match(lines[i]);
                if (m.Success) entries.Add(new Footnote { Marker = m.Groups["m"].Value, Text = m.Groups["t"].Value.Trim() });
                else if (entries.Count > 0 && char.IsWhiteSpace(lines[i][0])) entries[^1] = entries[^1] with { Text = entries[^1].Text + " " + lines[i].Trim() };
                else ok = false;
            }
            if (ok && entries.Count > 0)
            {
                lines.RemoveRange(block, lines.Count - block);
                definitions.AddRange(entries);
            }
        }

        var kept = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var m = Definition.Match(lines[i]);
            if (!m.Success)
            {
                kept.Add(lines[i]);
                continue;
            }
            var body = m.Groups["t"].Value.Trim();
            // Markdown continuation: following lines indented by at least two spaces (or a tab).
            while (i + 1 < lines.Count && lines[i + 1].Length > 0 && (lines[i + 1].StartsWith("  ", StringComparison.Ordinal) || lines[i + 1][0] == '\t') && lines[i + 1].Trim().Length > 0)
                body += " " + lines[++i].Trim();
            definitions.Add(new Footnote { Marker = m.Groups["m"].Value, Text = body });
        }

        return new FootnoteParseResult(TrimBlankLines(kept), definitions);
    }

    /// <summary>
    /// The footnotes a text references, in order of first reference, taken from <paramref name="definitions"/>
    /// (the first definition of a marker wins). Markers with no definition are returned in <paramref name="missing"/>.
    /// </summary>
    public static IReadOnlyList<Footnote> Resolve(string text, IEnumerable<Footnote> definitions, out IReadOnlyList<string> missing)
    {
        var byMarker = new Dictionary<string, Footnote>(StringComparer.Ordinal);
        foreach (var d in definitions) byMarker.TryAdd(d.Marker, d);
        var result = new List<Footnote>();
        var notFound = new List<string>();
        foreach (var marker in MarkersIn(text))
        {
            if (byMarker.TryGetValue(marker, out var footnote)) result.Add(footnote);
            else notFound.Add(marker);
        }
        missing = notFound;
        return result;
    }

    private static string TrimBlankLines(List<string> lines)
    {
        var start = 0;
        var end = lines.Count;
        while (start < end && lines[start].Trim().Length == 0) start++;
        while (end > start && lines[end - 1].Trim().Length == 0) end--;
        var result = new List<string>();
        for (var i = start; i < end; i++)
        {
            // A definition removed from between two paragraphs must not leave two blank lines.
            if (lines[i].Trim().Length == 0 && result.Count > 0 && result[^1].Length == 0) continue;
            result.Add(lines[i].Trim().Length == 0 ? "" : lines[i]);
        }
        return string.Join('\n', result);
    }
}
