using System.Text;

namespace MigrationAgenda.Letters;

/// <summary>
/// The letter as one self-contained printable HTML page: A4-like sheet, the side column on the right,
/// footnotes at the end. Inline CSS only and no external resources, so it renders the same offline,
/// in a mail client or a browser's print dialog. Every text from the model is HTML-encoded, so nothing
/// a contributor writes can become markup or script.
/// </summary>
public sealed class HtmlLetterRenderer : ILetterRenderer
{
    public string Format => "html";
    public string ContentType => "text/html; charset=utf-8";

    private const string Css = """
        @page { size: A4; margin: 20mm 15mm 20mm 25mm; }
        html { background: #e8e8e8; }
        body { margin: 0; font-family: Verdana, "DejaVu Sans", sans-serif; font-size: 9pt; line-height: 1.5; color: #000; }
        .sheet { box-sizing: border-box; width: 210mm; min-height: 297mm; margin: 10mm auto; padding: 20mm 15mm 20mm 25mm; background: #fff; display: grid; grid-template-columns: 1fr 45mm; column-gap: 10mm; }
        .main { grid-column: 1; min-width: 0; overflow-wrap: anywhere; }
        .side { grid-column: 2; grid-row: 1; font-size: 6.5pt; line-height: 1.5; padding-top: 12mm; overflow-wrap: anywhere; }
        .side p { margin: 0 0 2.5mm 0; }
        .side .label { font-weight: bold; }
        .return { font-size: 6.5pt; margin: 0 0 3mm 0; }
        .addressee { margin: 0 0 15mm 0; }
        .meta { margin: 0 0 10mm 0; }
        .meta td { padding: 0 4mm 0 0; vertical-align: top; }
        .meta td:first-child { font-size: 7pt; }
        h2 { font-size: 9pt; font-weight: bold; margin: 4.5mm 0 0 0; break-after: avoid; }
        p { margin: 0; }
        .body p + p { margin-top: 0; }
        p.placeholder { background: #ffeb3b; font-weight: bold; }
        .body ul, .body ol { margin: 0; padding-left: 6mm; }
        table.data { border-collapse: collapse; margin: 1.5mm 0; }
        table.data th, table.data td { border: 0.5pt solid #000; padding: 0.5mm 1.5mm; text-align: left; vertical-align: top; }
        table.data th { font-weight: bold; }
        sup { font-size: 6.5pt; line-height: 0; }
        sup a { color: inherit; text-decoration: none; }
        .signature { margin-top: 9mm; }
        .signature .name { margin-top: 18mm; }
        .footnotes { margin-top: 10mm; border-top: 0.5pt solid #000; padding-top: 2mm; font-size: 7pt; }
        .footnotes p { margin: 0 0 1mm 0; }
        @media print { html { background: none; } .sheet { margin: 0; padding: 0; width: auto; min-height: 0; } }
        """;

    public RenderedFile Render(Letter letter) =>
        new(Format, ContentType, new UTF8Encoding(false).GetBytes(RenderText(letter)));

    public string RenderText(Letter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var header = letter.Header;
        var html = new StringBuilder(8192);
        html.Append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").AppendEncoded(header.Subject).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n<div class=\"sheet\">\n");

        SideColumn(html, header);

        html.Append("<main class=\"main\">\n");
        if (header.ReturnAddress.Length > 0)
            html.Append("<p class=\"return\">").AppendEncoded(header.ReturnAddress).Append("</p>\n");
        html.Append("<p class=\"addressee\">");
        LinesWithBreaks(html, header.Addressee);
        html.Append("</p>\n");

        html.Append("<table class=\"meta\">\n<tr><td>Datum</td><td>").AppendEncoded(header.DateText).Append("</td></tr>\n")
            .Append("<tr><td>Onderwerp</td><td>").AppendEncoded(header.Subject).Append("</td></tr>\n</table>\n");

        html.Append("<div class=\"body\">\n");
        foreach (var section in letter.Sections)
        {
            html.Append("<section>\n");
            if (section.Heading is not null)
                html.Append("<h2>").AppendEncoded(section.Heading).Append("</h2>\n");
            var lists = new Stack<bool>();
            foreach (var paragraph in section.Paragraphs)
            {
                if (paragraph.Kind == LetterParagraphKind.ListItem)
                {
                    ListItem(html, lists, paragraph);
                    continue;
                }
                CloseLists(html, lists, 0);
                if (paragraph.Kind == LetterParagraphKind.Table)
                {
                    Table(html, paragraph);
                    continue;
                }
                html.Append(paragraph.Kind == LetterParagraphKind.Placeholder ? "<p class=\"placeholder\">" : "<p>");
                Inlines(html, paragraph.Inlines);
                html.Append("</p>\n");
            }
            CloseLists(html, lists, 0);
            html.Append("</section>\n");
        }
        html.Append("</div>\n");

        html.Append("<div class=\"signature\">\n<p>").AppendEncoded(letter.Signature.Title).Append("</p>\n");
        if (letter.Signature.Name.Length > 0)
            html.Append("<p class=\"name\">").AppendEncoded(letter.Signature.Name).Append("</p>\n");
        html.Append("</div>\n");

        if (letter.Footnotes.Count > 0)
        {
            html.Append("<section class=\"footnotes\">\n");
            foreach (var footnote in letter.Footnotes)
            {
                html.Append("<p id=\"fn").Append(footnote.Number).Append("\"><sup>").Append(footnote.Number)
                    .Append("</sup> ").AppendEncoded(footnote.Text).Append("</p>\n");
            }
            html.Append("</section>\n");
        }
        html.Append("</main>\n</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Inlines(StringBuilder html, IReadOnlyList<LetterInline> inlines)
    {
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case LetterText text:
                    html.AppendEncoded(text.Text);
                    break;
                case LetterFootnoteRef reference:
                    html.Append("<sup><a href=\"#fn").Append(reference.Number).Append("\">")
                        .Append(reference.Number).Append("</a></sup>");
                    break;
            }
        }
    }

    /// <summary>
    /// Consecutive list items as nested &lt;ul&gt;/&lt;ol&gt;: a deeper item opens a list inside the open &lt;li&gt;,
    /// a shallower one closes lists down to its level. <paramref name="lists"/> holds the open lists (ordered or not).
    /// </summary>
    private static void ListItem(StringBuilder html, Stack<bool> lists, LetterParagraph item)
    {
        var level = Math.Min(item.ListLevel, lists.Count);
        if (level < lists.Count)
        {
            CloseLists(html, lists, level + 1);
            html.Append("</li>\n");
            if (lists.Peek() != item.Ordered)
                CloseLists(html, lists, level, closeItem: false);
        }
        if (level == lists.Count)
        {
            lists.Push(item.Ordered);
            html.Append(item.Ordered ? (item.Number == 1 ? "<ol>" : $"<ol start=\"{item.Number}\">") : "<ul>").Append('\n');
        }
        html.Append("<li>");
        Inlines(html, item.Inlines);
    }

    /// <summary>Closes open lists until <paramref name="depth"/> remain, each with the item it sits in.</summary>
    private static void CloseLists(StringBuilder html, Stack<bool> lists, int depth, bool closeItem = true)
    {
        while (lists.Count > depth)
        {
            if (closeItem)
                html.Append("</li>\n");
            html.Append(lists.Pop() ? "</ol>" : "</ul>").Append('\n');
            closeItem = true;
        }
    }

    private static void Table(StringBuilder html, LetterParagraph table)
    {
        var columns = table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Cells.Count);
        if (columns == 0)
            return;
        html.Append("<table class=\"data\">\n");
        for (var r = 0; r < table.Rows.Count; r++)
        {
            if (r == 0)
                html.Append("<thead>\n");
            if (r == 1)
                html.Append("<tbody>\n");
            html.Append("<tr>");
            var cell = r == 0 ? "th" : "td";
            for (var c = 0; c < columns; c++)
            {
                html.Append('<').Append(cell).Append('>');
                if (c < table.Rows[r].Cells.Count)
                    Inlines(html, table.Rows[r].Cells[c].Inlines);
                html.Append("</").Append(cell).Append('>');
            }
            html.Append("</tr>\n");
            if (r == 0)
                html.Append("</thead>\n");
        }
        if (table.Rows.Count > 1)
            html.Append("</tbody>\n");
        html.Append("</table>\n");
    }

    private static void SideColumn(StringBuilder html, LetterHeader header)
    {
        html.Append("<aside class=\"side\">\n");
        if (header.SenderOrganisation.Count > 0)
        {
            html.Append("<p class=\"label\">");
            LinesWithBreaks(html, header.SenderOrganisation);
            html.Append("</p>\n");
        }
        if (header.SenderAddress.Count > 0)
        {
            html.Append("<p>");
            LinesWithBreaks(html, header.SenderAddress);
            html.Append("</p>\n");
        }
        if (header.Website.Length > 0)
            html.Append("<p>").AppendEncoded(header.Website).Append("</p>\n");
        html.Append("<p><span class=\"label\">Datum</span><br>").AppendEncoded(header.DateText).Append("</p>\n");
        if (header.Reference.Length > 0)
            html.Append("<p><span class=\"label\">Ons kenmerk</span><br>").AppendEncoded(header.Reference).Append("</p>\n");
        if (header.ReplyInstruction.Length > 0)
            html.Append("<p>").AppendEncoded(header.ReplyInstruction).Append("</p>\n");
        html.Append("</aside>\n");
    }

    private static void LinesWithBreaks(StringBuilder html, IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
                html.Append("<br>");
            html.AppendEncoded(lines[i]);
        }
    }
}
