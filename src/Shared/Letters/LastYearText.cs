using System.Globalization;
using System.Text.RegularExpressions;
using MigrationAgenda.Intake;

namespace MigrationAgenda.Letters;

/// <summary>
/// One ministry's text of last year for the pillars it is asked for now: what the previous round's final letter used
/// (its manifest names the version per ministry and pillar), as it was stored.
/// </summary>
/// <param name="PreviousRoundId">The round whose final letter it comes from.</param>
/// <param name="Pillars">The texts, by pillar number, as stored last year (footnote markers as their writers chose them).</param>
/// <param name="Without">Pillars asked for now that have no text of this ministry in last year's letter.</param>
public sealed partial record LastYearText(string PreviousRoundId, IReadOnlyList<PillarText> Pillars, IReadOnlyList<int> Without)
{
    [GeneratedRegex(@"\[\^(?<m>[A-Za-z0-9_-]{1,20})\]", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerPattern();

    /// <summary>
    /// The texts with footnote markers numbered 1, 2, … through all pillars in reading order: the form of the .docx
    /// attachment (Word numbers its notes through the document, and intake reads them back so) and of the texts in the
    /// mail, where two pillars' "[^1]" copied into one reply would otherwise collide.
    /// </summary>
    public IReadOnlyList<PillarText> Numbered()
    {
        var next = 1;
        var result = new List<PillarText>();
        foreach (var pillar in Pillars.OrderBy(p => p.Pillar))
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            var notes = pillar.Footnotes.ToDictionary(f => Bare(f.Marker), f => f.Text, StringComparer.Ordinal);
            // Referenced notes in the order of their first reference, then any the text does not reference.
            foreach (var marker in FootnoteParser.MarkersIn(pillar.Text).Where(notes.ContainsKey).Concat(notes.Keys))
                if (!map.ContainsKey(marker))
                    map[marker] = (next++).ToString(CultureInfo.InvariantCulture);
            var text = MarkerPattern().Replace(pillar.Text, m => map.TryGetValue(m.Groups["m"].Value, out var n) ? $"[^{n}]" : m.Value);
            result.Add(pillar with
            {
                Text = text,
                Footnotes = map.Select(e => new Footnote { Marker = e.Value, Text = notes[e.Key] }).ToList(),
            });
        }
        return result;
    }

    /// <summary>A marker as stored, "1" or "[^1]", without its brackets.</summary>
    private static string Bare(string marker)
    {
        var m = marker.Trim();
        return m.StartsWith("[^", StringComparison.Ordinal) && m.EndsWith(']') ? m[2..^1] : m;
    }
}
