using System.Text;

namespace MigrationAgenda.Letters;

/// <summary>
/// The letter as Markdown (GFM with footnotes): readable in mail and in review tools. Every piece
/// of text from the model is escaped; the only Markdown syntax in the file is what this class writes.
/// </summary>
public sealed class MarkdownLetterRenderer : ILetterRenderer
{
    public string Format => "md";
    public string ContentType => "text/markdown; charset=utf-8";

    public RenderedFile Render(Letter letter) =>
        new(Format, ContentType, new UTF8Encoding(false).GetBytes(RenderText(letter)));

    public string RenderText(Letter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var md = new StringBuilder(4096);
        var header = letter.Header;

        if (header.ReturnAddress.Length > 0)
            Line(md, header.ReturnAddress).Append('\n');
        Lines(md, header.Addressee);

        var side = new List<string>();
        side.AddRange(header.SenderOrganisation);
        side.AddRange(header.SenderAddress);
        if (header.Website.Length > 0)
            side.Add(header.Website);
        if (header.Reference.Length > 0)
            side.Add($"Ons kenmerk {header.Reference}");
        Lines(md, side);

        Lines(md, [$"Datum {header.DateText}", $"Onderwerp {header.Subject}"]);

        foreach (var section in letter.Sections)
        {
            if (section.Heading is not null)
            {
                md.Append("## ");
                MarkdownText.AppendEscaped(md, section.Heading, atLineStart: false);
                md.Append("\n\n");
            }
            for (var i = 0; i < section.Paragraphs.Count; i++)
            {
                var paragraph = section.Paragraphs[i];
                switch (paragraph.Kind)
                {
                    case LetterParagraphKind.ListItem:
                        ListItem(md, paragraph);
                        // Items of one list stand on consecutive lines; a blank line ends the list.
                        var next = i + 1 < section.Paragraphs.Count ? section.Paragraphs[i + 1] : null;
                        md.Append(next?.Kind == LetterParagraphKind.ListItem ? "\n" : "\n\n");
                        continue;
                    case LetterParagraphKind.Table:
                        Table(md, paragraph);
                        md.Append('\n');
                        continue;
                }
                var emphasis = paragraph.Kind == LetterParagraphKind.Placeholder;
                if (emphasis)
                    md.Append("**");
                Inlines(md, paragraph.Inlines, atLineStart: !emphasis);
                if (emphasis)
                    md.Append("**");
                md.Append("\n\n");
            }
        }

        Line(md, letter.Signature.Title);
        if (letter.Signature.Name.Length > 0)
        {
            md.Append('\n');
            Line(md, letter.Signature.Name);
        }

        if (letter.Footnotes.Count > 0)
        {
            md.Append('\n');
            foreach (var footnote in letter.Footnotes)
            {
                md.Append("[^").Append(footnote.Number).Append("]: ");
                MarkdownText.AppendEscaped(md, footnote.Text, atLineStart: false);
                md.Append('\n');
            }
        }
        return md.ToString();
    }

    private static void Inlines(StringBuilder md, IReadOnlyList<LetterInline> inlines, bool atLineStart)
    {
        var first = true;
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case LetterText text:
                    MarkdownText.AppendEscaped(md, text.Text, atLineStart: first && atLineStart);
                    break;
                case LetterFootnoteRef reference:
                    md.Append("[^").Append(reference.Number).Append(']');
                    break;
            }
            first = false;
        }
    }

    /// <summary>"- item" or "3. item", four spaces of indent per level (deep enough under "10. " too).</summary>
    private static void ListItem(StringBuilder md, LetterParagraph item)
    {
        md.Append(' ', 4 * item.ListLevel);
        md.Append(item.Ordered ? $"{item.Number}. " : "- ");
        // The item's own text starts a line as far as Markdown is concerned: "1. " inside it must not nest a list.
        Inlines(md, item.Inlines, atLineStart: true);
    }

    /// <summary>A GFM pipe table; cell text is escaped, so a "|" in it stays text.</summary>
    private static void Table(StringBuilder md, LetterParagraph table)
    {
        var columns = table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Cells.Count);
        if (columns == 0)
            return;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            md.Append('|');
            for (var c = 0; c < columns; c++)
            {
                md.Append(' ');
                if (c < table.Rows[r].Cells.Count)
                    Inlines(md, table.Rows[r].Cells[c].Inlines, atLineStart: false);
                md.Append(" |");
            }
            md.Append('\n');
            if (r == 0)
                md.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", columns))).Append('\n');
        }
    }

    private static StringBuilder Line(StringBuilder md, string text)
    {
        MarkdownText.AppendEscaped(md, text, atLineStart: true);
        return md.Append('\n');
    }

    /// <summary>A block of short lines kept apart with hard line breaks (a trailing backslash).</summary>
    private static void Lines(StringBuilder md, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
            return;
        for (var i = 0; i < lines.Count; i++)
        {
            MarkdownText.AppendEscaped(md, lines[i], atLineStart: true);
            md.Append(i < lines.Count - 1 ? "\\\n" : "\n");
        }
        md.Append('\n');
    }
}
