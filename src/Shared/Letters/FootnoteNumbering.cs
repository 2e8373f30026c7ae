using MigrationAgenda.Intake;

namespace MigrationAgenda.Letters;

/// <summary>
/// Gives every footnote one letter-wide number, 1..N in order of first reference. Each contribution
/// is its own scope: its markers resolve only to its own texts, so two ministries that both write
/// "[^1]" get two distinct numbers and neither can pick up the other's text. Nothing is dropped: a
/// reference without text keeps its number with a visible "[voetnoottekst ontbreekt]", and a text
/// nobody references is appended at the end of its contribution; both produce a warning.
/// Sections must be numbered in reading order for the numbers to run in order.
/// </summary>
internal sealed class FootnoteNumbering
{
    private readonly List<LetterFootnote> footnotes = [];
    private readonly List<string> warnings;

    public FootnoteNumbering(List<string> warnings) => this.warnings = warnings;

    public IReadOnlyList<LetterFootnote> Footnotes => footnotes;

    /// <param name="scope">How warnings name the source, e.g. "BHOS, pijler 2".</param>
    /// <param name="listed">Footnotes submitted next to the text; they win over inline definitions.</param>
    public List<LetterParagraph> Number(string scope, string? ministry, ParsedText parsed, IReadOnlyList<Footnote> listed)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var definitionOrder = new List<string>();
        foreach (var footnote in listed.Concat(parsed.Definitions))
        {
            var marker = footnote.Marker.Trim();
            if (marker.StartsWith("[^", StringComparison.Ordinal) && marker.EndsWith(']'))
                marker = marker[2..^1];
            if (texts.TryAdd(marker, LetterTextParser.CleanFootnote(footnote.Text)))
                definitionOrder.Add(marker);
            else
                warnings.Add($"{scope}: voetnoot [^{marker}] is meer dan eens opgegeven; de eerste tekst is gebruikt.");
        }

        var assigned = new Dictionary<string, int>(StringComparer.Ordinal);
        List<LetterInline> Inlines(IReadOnlyList<ParsedPiece> pieces)
        {
            var inlines = new List<LetterInline>(pieces.Count);
            foreach (var piece in pieces)
            {
                if (piece.Marker is null)
                {
                    inlines.Add(new LetterText(piece.Text!));
                    continue;
                }
                if (!assigned.TryGetValue(piece.Marker, out var number))
                {
                    number = Add(texts, piece.Marker, scope);
                    assigned.Add(piece.Marker, number);
                }
                inlines.Add(new LetterFootnoteRef(number));
            }
            return inlines;
        }

        // In reading order: a table's cells row by row, left to right.
        var paragraphs = new List<LetterParagraph>(parsed.Paragraphs.Count);
        foreach (var paragraph in parsed.Paragraphs)
        {
            paragraphs.Add(paragraph.Kind switch
            {
                ParsedKind.Table => new LetterParagraph
                {
                    Kind = LetterParagraphKind.Table,
                    Inlines = [],
                    Ministry = ministry,
                    Rows = paragraph.Rows.Select(row => new LetterTableRow(row.Select(cell => new LetterTableCell(Inlines(cell))).ToList())).ToList(),
                },
                ParsedKind.ListItem => new LetterParagraph
                {
                    Kind = LetterParagraphKind.ListItem,
                    Inlines = Inlines(paragraph.Pieces),
                    Ministry = ministry,
                    ListLevel = paragraph.Level,
                    Ordered = paragraph.Ordered,
                    Number = paragraph.Number,
                },
                _ => new LetterParagraph { Inlines = Inlines(paragraph.Pieces), Ministry = ministry },
            });
        }

        // Texts nobody referenced: keep them where the reviewer will see them, at the end of the contribution.
        var orphans = new List<LetterInline>();
        foreach (var marker in definitionOrder)
        {
            if (assigned.ContainsKey(marker))
                continue;
            var number = footnotes.Count + 1;
            footnotes.Add(new LetterFootnote(number, NonEmpty(texts[marker])));
            assigned.Add(marker, number);
            orphans.Add(new LetterFootnoteRef(number));
            warnings.Add($"{scope}: voetnoot [^{marker}] wordt in de tekst niet gebruikt; achter de bijdrage geplaatst als voetnoot {number}.");
        }
        if (orphans.Count > 0)
        {
            if (paragraphs.Count == 0 || paragraphs[^1].Kind == LetterParagraphKind.Table)
                paragraphs.Add(new LetterParagraph { Inlines = orphans, Ministry = ministry });
            else
                paragraphs[^1] = paragraphs[^1] with { Inlines = [.. paragraphs[^1].Inlines, .. orphans] };
        }
        return paragraphs;
    }

    private int Add(Dictionary<string, string> texts, string marker, string scope)
    {
        var number = footnotes.Count + 1;
        if (texts.TryGetValue(marker, out var text) && text.Length > 0)
        {
            footnotes.Add(new LetterFootnote(number, text));
        }
        else
        {
            footnotes.Add(new LetterFootnote(number, LetterFootnote.MissingText, TextMissing: true));
            warnings.Add($"{scope}: voetnoot [^{marker}] heeft geen tekst (voetnoot {number}).");
        }
        return number;
    }

    private static string NonEmpty(string text) => text.Length > 0 ? text : LetterFootnote.MissingText;
}
