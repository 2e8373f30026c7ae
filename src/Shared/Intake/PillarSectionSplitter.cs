using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Intake;

public enum SplitOutcome
{
    /// <summary>Sections found (or the single owed pillar took the whole text).</summary>
    Split,
    /// <summary>Nothing left after stripping.</summary>
    Empty,
    /// <summary>Text but no headings, and more than one pillar owed: we cannot tell which text is which.</summary>
    Ambiguous,
}

/// <summary>One pillar's raw section text (footnote definitions still in it).</summary>
public sealed record PillarSection(int Pillar, string Text);

public sealed record SplitResult
{
    public required SplitOutcome Outcome { get; init; }
    public IReadOnlyList<PillarSection> Sections { get; init; } = [];
    /// <summary>Pillars that have a heading but are not owed by this ministry for this request.</summary>
    public IReadOnlyList<int> NotOwed { get; init; } = [];
    /// <summary>Text before the first heading that is more than a greeting or a covering line.</summary>
    public string? Preamble { get; init; }
    public IReadOnlyList<ExtractionWarning> Warnings { get; init; } = [];
    /// <summary>Whether any pillar heading was found (false: the whole text was taken as one pillar, or was ambiguous).</summary>
    public bool HasHeadings { get; init; }
}

/// <summary>
/// Splits a stripped reply into pillar sections by headings. Recognised headings (each a whole line):
/// "Pijler 3", "Pijler 3:", "Pijler 3 – Titel" (also "Pillar", Markdown "#"/"**" decoration);
/// "3. Titel" when 3 is a pillar of the report and the title matches loosely, or 3 is owed and the line stands
/// alone as a short heading-like paragraph; a pillar's title alone on a line. Numbered list items inside a
/// text ("1. Nigeria") are not headings: they neither match a title nor stand alone.
/// </summary>
public static partial class PillarSectionSplitter
{
    private const RegexOptions Opts = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly Regex PijlerHeading = new(@"^(pijler|pillar)\s+(?<n>\d{1,2})\s*(?:(?:[:.\-–—)]|\s)\s*(?<t>.*))?$", Opts, Timeout);
    private static readonly Regex NumberedHeading = new(@"^(?<n>\d{1,2})[.)]\s+(?<t>\S.*)$", Opts, Timeout);

    public static SplitResult Split(string text, IReadOnlyList<int> owed, ReportDefinition definition)
    {
        var lines = ReplyStripper.Normalise(text).Split('\n').Select(l => l.TrimEnd()).ToList();
        var headings = FindHeadings(lines, owed, definition);
        var warnings = new List<ExtractionWarning>();

        if (headings.Count == 0)
        {
            var body = CoveringLines.Drop(Paragraphs(lines));
            if (body.Length == 0) return new SplitResult { Outcome = SplitOutcome.Empty };
            if (owed.Count == 1) return new SplitResult { Outcome = SplitOutcome.Split, Sections = [new PillarSection(owed[0], body)] };
            return new SplitResult { Outcome = SplitOutcome.Ambiguous, Preamble = body };
        }

        var preambleText = CoveringLines.Drop(Paragraphs(lines.Take(headings[0].Line).ToList()));
        var sections = new List<PillarSection>();
        var notOwed = new List<int>();
        for (var h = 0; h < headings.Count; h++)
        {
            var start = headings[h].Line + headings[h].Span;
            var end = h + 1 < headings.Count ? headings[h + 1].Line : lines.Count;
            var body = Paragraphs(lines.Skip(start).Take(end - start).ToList());
            var pillar = headings[h].Pillar;
            if (!owed.Contains(pillar))
            {
                if (!notOwed.Contains(pillar)) notOwed.Add(pillar);
                continue;
            }
            if (body.Length == 0)
            {
                warnings.Add(new(ExtractionWarningKind.HeadingWithoutText, pillar));
                continue;
            }
            sections.Add(new PillarSection(pillar, body));
        }
        return new SplitResult
        {
            Outcome = sections.Count == 0 && notOwed.Count == 0 ? SplitOutcome.Empty : SplitOutcome.Split,
            Sections = sections,
            NotOwed = notOwed,
            Preamble = preambleText.Length == 0 ? null : preambleText,
            Warnings = warnings,
            HasHeadings = true,
        };
    }

    private sealed record Heading(int Line, int Span, int Pillar);

    private static List<Heading> FindHeadings(List<string> lines, IReadOnlyList<int> owed, ReportDefinition definition)
    {
        var result = new List<Heading>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = Undecorate(lines[i]);
            if (line.Length == 0 || line.Length > 200) continue;
            var standsAlone = (i == 0 || lines[i - 1].Trim().Length == 0) && (i + 1 >= lines.Count || lines[i + 1].Trim().Length == 0);

            var m = PijlerHeading.Match(line);
            if (m.Success)
            {
                var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                var title = m.Groups["t"].Value.Trim();
                var pillarTitle = definition.FindPillar(n)?.Title;
                // "Pijler 3 is dit jaar vertraagd." is a sentence, not a heading: a title needs a separator
                // ("Pijler 3: …", "Pijler 3 – …") and a heading's shape, or must match the pillar's title.
                var separated = SeparatedPijlerHeading().IsMatch(line);
                if (title.Length == 0 || TitleMatches(title, pillarTitle) || separated && LooksLikeHeading(title))
                {
                    result.Add(new Heading(i, 1 + WrappedTitleLines(lines, i, title, pillarTitle), n));
                    continue;
                }
            }

            m = NumberedHeading.Match(line);
            if (m.Success)
            {
                var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
                var pillarTitle = definition.FindPillar(n)?.Title;
                var title = m.Groups["t"].Value.Trim();
                if (pillarTitle is not null && (TitleMatches(title, pillarTitle) || TitleStartsLine(title, pillarTitle, lines, i)
                        || owed.Contains(n) && standsAlone && LooksLikeHeading(title)))
                {
                    result.Add(new Heading(i, 1 + WrappedTitleLines(lines, i, title, pillarTitle), n));
                    continue;
                }
            }

            var byTitle = definition.Pillars.FirstOrDefault(p => Normalise(p.Title) == Normalise(line));
            if (byTitle is not null) result.Add(new Heading(i, 1, byTitle.Number));
        }
        return result;
    }

    /// <summary>A title wrapped over two lines ("… ontheemden in de" / "regio") is consumed whole.</summary>
    private static int WrappedTitleLines(List<string> lines, int i, string title, string? pillarTitle)
    {
        if (pillarTitle is null || title.Length == 0 || i + 1 >= lines.Count) return 0;
        var t = Normalise(title);
        var full = Normalise(pillarTitle);
        if (t == full || !full.StartsWith(t, StringComparison.Ordinal)) return 0;
        var joined = Normalise(title + " " + lines[i + 1]);
        return joined == full ? 1 : 0;
    }

    private static bool TitleStartsLine(string title, string pillarTitle, List<string> lines, int i) =>
        WrappedTitleLines(lines, i, title, pillarTitle) == 1;

    /// <summary>
    /// Loose title match: equal after normalising case and punctuation, one a prefix of the other (at least 3 words),
    /// or most of the title's significant words present.
    /// </summary>
    internal static bool TitleMatches(string candidate, string? title)
    {
        if (title is null) return false;
        var a = Normalise(candidate);
        var b = Normalise(title);
        if (a.Length == 0) return false;
        if (a == b) return true;
        if ((b.StartsWith(a, StringComparison.Ordinal) || a.StartsWith(b, StringComparison.Ordinal)) && (a.Length <= b.Length ? a : b).Split(' ').Length >= 3) return true;
        var wa = a.Split(' ').Where(w => w.Length >= 4).ToHashSet();
        var wb = b.Split(' ').Where(w => w.Length >= 4).ToHashSet();
        if (wb.Count == 0 || wa.Count == 0) return false;
        var common = wa.Intersect(wb).Count();
        return common >= 2 && common >= 0.6 * wb.Count && wa.Count <= wb.Count * 2;
    }

    private static bool LooksLikeHeading(string title) =>
        title.Length <= 80 && !EndPunctuation().IsMatch(title) && title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 12
        && (title.Length == 0 || !char.IsLower(title[0]));

    private static string Undecorate(string line)
    {
        var s = line.Trim();
        s = s.TrimStart('#').Trim();
        if (s.StartsWith("**", StringComparison.Ordinal) && s.EndsWith("**", StringComparison.Ordinal) && s.Length > 4) s = s[2..^2].Trim();
        if (s.StartsWith("__", StringComparison.Ordinal) && s.EndsWith("__", StringComparison.Ordinal) && s.Length > 4) s = s[2..^2].Trim();
        return s;
    }

    internal static string Normalise(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s.Normalize(NormalizationForm.FormD))
        {
            var cat = CharUnicodeInfo.GetUnicodeCategory(c);
            if (cat == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// Paragraphs separated by one blank line. Inside a paragraph, hard-wrapped lines from plain-text mail are joined:
    /// a line (at least 40 characters, no sentence punctuation at its end) followed by one starting lower-case, a digit
    /// or an opening bracket/quote; or every line when the paragraph is uniformly wrapped (all lines but the last
    /// 45–80 characters, as a client wrapping at 72–78 leaves them). Anything else keeps its line break, since it may
    /// be a list or an address; list lines ("- ", "1. ") are never joined onto.
    /// </summary>
    internal static string Paragraphs(IReadOnlyList<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var raw in lines.Append(""))
        {
            var line = raw.TrimEnd();
            if (line.Trim().Length > 0)
            {
                current.Add(line);
                continue;
            }
            if (current.Count > 0) paragraphs.Add(JoinWrapped(current));
            current.Clear();
        }
        return string.Join("\n\n", paragraphs);
    }

    // List items, footnote definitions and table rows keep their own lines.
    private static readonly Regex ListLine = new(@"^\s*([-*•–]\s|\d{1,3}[.)]\s|\[\^|\|)", Opts, Timeout);

    private static string JoinWrapped(List<string> lines)
    {
        var uniform = lines.Count >= 2
            && lines.Take(lines.Count - 1).All(l => l.Length is >= 45 and <= 80 && !ListLine.IsMatch(l))
            && lines.Skip(1).All(l => !ListLine.IsMatch(l));
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (result.Count > 0 && (uniform || IsWrapped(result[^1], line))) result[^1] = result[^1] + " " + line.TrimStart();
            else result.Add(line);
        }
        return string.Join('\n', result);
    }

    private static bool IsWrapped(string previous, string next)
    {
        var p = previous.TrimEnd();
        var n = next.TrimStart();
        if (p.Length < 40 || n.Length == 0 || ListLine.IsMatch(n)) return false;
        if (".!?:;".Contains(p[^1], StringComparison.Ordinal)) return false;
        return char.IsLower(n[0]) || char.IsDigit(n[0]) || "(‘“\"'".Contains(n[0], StringComparison.Ordinal);
    }

    /// <summary>The text as paragraphs without its salutation and covering lines; empty when nothing else is there.</summary>
    public static string WithoutCovering(string text) =>
        CoveringLines.Drop(Paragraphs(ReplyStripper.Normalise(text).Split('\n').Select(l => l.TrimEnd()).ToList()));

    [GeneratedRegex(@"^(pijler|pillar)\s+\d{1,2}\s*[:.\-–—)]", Opts, 1000)]
    private static partial Regex SeparatedPijlerHeading();

    [GeneratedRegex(@"[.;,!?]$", Opts, 1000)]
    private static partial Regex EndPunctuation();
}
