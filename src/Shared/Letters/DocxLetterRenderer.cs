using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MigrationAgenda.Letters;

/// <summary>
/// The letter as a Word document that the coordinator edits and signs: A4, the side column in the
/// first-page header and its short form in the running header (TitlePage), numbered headings as real
/// heading styles, real Word footnotes, "Pagina N van M" from PAGE/NUMPAGES fields, Dutch proofing
/// language. Contribution text only ever goes into w:t elements, so it stays literal text.
/// </summary>
public sealed class DocxLetterRenderer : ILetterRenderer
{
    public string Format => "docx";
    public string ContentType => "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public RenderedFile Render(Letter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            Write(document, letter);
        }
        return new RenderedFile(Format, ContentType, stream.ToArray());
    }

    private static void Write(WordprocessingDocument document, Letter letter)
    {
        var header = letter.Header;
        document.PackageProperties.Title = header.Subject;
        document.PackageProperties.Language = "nl-NL";
        document.PackageProperties.Creator = header.SenderOrganisation.FirstOrDefault() ?? "";
        document.PackageProperties.Created = letter.Header.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = DocxStyles.Create();
        main.AddNewPart<DocumentSettingsPart>().Settings = Settings();

        var footnotesPart = main.AddNewPart<FootnotesPart>();
        footnotesPart.Footnotes = Footnotes(letter.Footnotes);

        var firstHeader = main.AddNewPart<HeaderPart>();
        firstHeader.Header = FirstPageHeader(header);
        var laterHeader = main.AddNewPart<HeaderPart>();
        laterHeader.Header = LaterPageHeader(header);
        var firstFooter = main.AddNewPart<FooterPart>();
        firstFooter.Footer = PageFooter();
        var laterFooter = main.AddNewPart<FooterPart>();
        laterFooter.Footer = PageFooter();

        var body = new Body();
        AppendAddressBlock(body, header);
        var lists = new DocxLists();
        foreach (var section in letter.Sections)
        {
            if (section.Heading is not null)
                body.Append(StyledParagraph("Heading1", section.Heading));
            AppendParagraphs(body, section.Paragraphs, lists);
        }
        main.AddNewPart<NumberingDefinitionsPart>().Numbering = lists.Numbering();
        body.Append(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Signature" }, new KeepNext()),
            TextRun(letter.Signature.Title)));
        if (letter.Signature.Name.Length > 0)
            body.Append(StyledParagraph("SignatureName", letter.Signature.Name));

        body.Append(new SectionProperties(
            new HeaderReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(firstHeader) },
            new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(laterHeader) },
            new FooterReference { Type = HeaderFooterValues.First, Id = main.GetIdOfPart(firstFooter) },
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(laterFooter) },
            new PageSize { Width = DocxLayout.PageWidth, Height = DocxLayout.PageHeight, Orient = PageOrientationValues.Portrait },
            new PageMargin
            {
                Top = DocxLayout.MarginTop,
                Bottom = DocxLayout.MarginBottom,
                Left = DocxLayout.MarginLeft,
                Right = DocxLayout.MarginRight,
                Header = DocxLayout.HeaderDistance,
                Footer = DocxLayout.FooterDistance,
                Gutter = 0,
            },
            new TitlePage()));
        main.Document = new Document(body);
    }

    /// <summary>
    /// A section's blocks: paragraphs, list items on the lists of <paramref name="lists"/> and tables. Shared with the
    /// ministry's .docx of last year's text (<see cref="ContributionDocument"/>), so both read back alike.
    /// </summary>
    internal static void AppendParagraphs(Body body, IReadOnlyList<LetterParagraph> paragraphs, DocxLists lists)
    {
        LetterParagraph? previous = null;
        foreach (var paragraph in paragraphs)
        {
            switch (paragraph.Kind)
            {
                case LetterParagraphKind.ListItem:
                    var item = BodyParagraph(paragraph);
                    item.PrependChild(new ParagraphProperties(
                        new ParagraphStyleId { Val = "ListParagraph" },
                        new NumberingProperties(
                            new NumberingLevelReference { Val = Math.Min(paragraph.ListLevel, DocxLists.Levels - 1) },
                            new NumberingId { Val = lists.NumberingFor(paragraph, previous) })));
                    body.Append(item);
                    break;
                case LetterParagraphKind.Table:
                    // Word merges two tables that touch; a paragraph keeps them apart.
                    if (previous?.Kind == LetterParagraphKind.Table)
                        body.Append(new Paragraph());
                    if (Table(paragraph) is { } table)
                        body.Append(table);
                    break;
                default:
                    body.Append(BodyParagraph(paragraph));
                    break;
            }
            previous = paragraph;
        }
    }

    /// <summary>Return address, addressee, then "Datum" and "Onderwerp" as on page 1 of the real letter.</summary>
    private static void AppendAddressBlock(Body body, LetterHeader header)
    {
        body.Append(new Paragraph(
            new ParagraphProperties(
                new ParagraphStyleId { Val = "ReturnAddress" },
                new SpacingBetweenLines { Before = DocxLayout.AddresseeOffset.ToString() }),
            TextRun(header.ReturnAddress)));
        foreach (var line in header.Addressee)
            body.Append(StyledParagraph("Addressee", line));
        body.Append(MetaLine("Datum", header.DateText, before: 1134, after: 0));
        body.Append(MetaLine("Onderwerp", header.Subject, before: 0, after: 567));
    }

    private static Paragraph MetaLine(string label, string value, int before, int after) =>
        new(
            new ParagraphProperties(
                new ParagraphStyleId { Val = "MetaLine" },
                new SpacingBetweenLines { Before = before.ToString(), After = after.ToString() }),
            new Run(new RunProperties(new RunStyle { Val = "MetaLabel" }), new Text(label)),
            new Run(new TabChar()),
            TextRun(value));

    private static Paragraph BodyParagraph(LetterParagraph paragraph)
    {
        var result = new Paragraph();
        AppendInlines(result, paragraph.Inlines, paragraph.Kind == LetterParagraphKind.Placeholder);
        return result;
    }

    private static void AppendInlines(Paragraph result, IReadOnlyList<LetterInline> inlines, bool placeholder)
    {
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case LetterText text:
                    var run = TextRun(text.Text);
                    if (placeholder)
                        run.PrependChild(new RunProperties(new RunStyle { Val = "Placeholder" }));
                    result.Append(run);
                    break;
                case LetterFootnoteRef reference:
                    result.Append(new Run(
                        new RunProperties(new RunStyle { Val = "FootnoteReference" }),
                        new FootnoteReference { Id = reference.Number }));
                    break;
            }
        }
    }

    /// <summary>
    /// A table in the letter's table style, as wide as the text, the first row its header (repeated on every page).
    /// Cells hold their inline text, footnote references included.
    /// </summary>
    private static Table? Table(LetterParagraph paragraph)
    {
        var columns = paragraph.Rows.Count == 0 ? 0 : paragraph.Rows.Max(r => r.Cells.Count);
        if (columns == 0)
            return null;
        var width = (DocxLayout.PageWidth - DocxLayout.MarginLeft - DocxLayout.MarginRight) / columns;
        var table = new Table(
            new TableProperties(
                new TableStyle { Val = "LetterTable" },
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = false, LastColumn = false, NoHorizontalBand = true, NoVerticalBand = true }),
            new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = width.ToString() })));
        for (var r = 0; r < paragraph.Rows.Count; r++)
        {
            var row = new TableRow();
            if (r == 0)
                row.Append(new TableRowProperties(new TableHeader()));
            for (var c = 0; c < columns; c++)
            {
                var cell = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = r == 0 ? "TableHeading" : "TableText" }));
                if (c < paragraph.Rows[r].Cells.Count)
                    AppendInlines(cell, paragraph.Rows[r].Cells[c].Inlines, placeholder: false);
                row.Append(new TableCell(
                    new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa }),
                    cell));
            }
            table.Append(row);
        }
        return table;
    }

    /// <summary>Word requires the two separator footnotes (-1, 0) before the real ones.</summary>
    internal static Footnotes Footnotes(IReadOnlyList<LetterFootnote> notes)
    {
        var footnotes = new Footnotes(
            new Footnote(
                new Paragraph(
                    new ParagraphProperties(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }),
                    new Run(new SeparatorMark())))
            { Type = FootnoteEndnoteValues.Separator, Id = -1 },
            new Footnote(
                new Paragraph(
                    new ParagraphProperties(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }),
                    new Run(new ContinuationSeparatorMark())))
            { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
        foreach (var note in notes)
        {
            footnotes.Append(new Footnote(
                new Paragraph(
                    new ParagraphProperties(new ParagraphStyleId { Val = "FootnoteText" }),
                    new Run(new RunProperties(new RunStyle { Val = "FootnoteReference" }), new FootnoteReferenceMark()),
                    TextRun(" " + note.Text)))
            { Id = note.Number });
        }
        return footnotes;
    }

    /// <summary>
    /// Document settings. The compatibility mode 15 keeps Word from opening the letter in
    /// "Compatibility Mode"; footnotePr names the two separator footnotes, as Word itself writes them.
    /// </summary>
    internal static Settings Settings() =>
        new(
            new DefaultTabStop { Val = 709 },
            new CharacterSpacingControl { Val = CharacterSpacingValues.DoNotCompress },
            new FootnoteDocumentWideProperties(
                new FootnoteSpecialReference { Id = -1 },
                new FootnoteSpecialReference { Id = 0 }),
            new Compatibility(new CompatibilitySetting
            {
                Name = CompatSettingNameValues.CompatibilityMode,
                Uri = "http://schemas.microsoft.com/office/word",
                Val = "15",
            }),
            new ThemeFontLanguages { Val = "nl-NL" },
            new DecimalSymbol { Val = "," },
            new ListSeparator { Val = ";" });

    /// <summary>Page 1's side column: sender, address, website, reference and the reply instruction.</summary>
    private static Header FirstPageHeader(LetterHeader header)
    {
        var result = new Header();
        var y = DocxLayout.FirstPageColumnY;
        foreach (var line in header.SenderOrganisation)
            result.Append(ColumnParagraph(y, line, bold: true));
        var first = true;
        foreach (var line in header.SenderAddress)
        {
            result.Append(ColumnParagraph(y, line, bold: false, before: first ? 180 : 0));
            first = false;
        }
        if (header.Website.Length > 0)
            result.Append(ColumnParagraph(y, header.Website, bold: false, before: 180));
        if (header.Reference.Length > 0)
        {
            result.Append(ColumnParagraph(y, "Ons kenmerk", bold: true, before: 360));
            result.Append(ColumnParagraph(y, header.Reference, bold: false));
        }
        if (header.ReplyInstruction.Length > 0)
            result.Append(ColumnParagraph(y, header.ReplyInstruction, bold: false, before: 360));
        result.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Header" })));
        return result;
    }

    /// <summary>Later pages repeat the short column: sender, date and reference.</summary>
    private static Header LaterPageHeader(LetterHeader header)
    {
        var result = new Header();
        var y = DocxLayout.LaterPageColumnY;
        foreach (var line in header.SenderOrganisation)
            result.Append(ColumnParagraph(y, line, bold: true));
        result.Append(ColumnParagraph(y, "Datum", bold: true, before: 180));
        result.Append(ColumnParagraph(y, header.DateText, bold: false));
        if (header.Reference.Length > 0)
        {
            result.Append(ColumnParagraph(y, "Ons kenmerk", bold: true, before: 180));
            result.Append(ColumnParagraph(y, header.Reference, bold: false));
        }
        result.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Header" })));
        return result;
    }

    /// <summary>
    /// A paragraph of the side column. Consecutive paragraphs with identical frame properties form one
    /// frame, anchored to the page in the right margin, which Word and LibreOffice both lay out.
    /// </summary>
    private static Paragraph ColumnParagraph(int y, string text, bool bold, int before = 0)
    {
        var properties = new ParagraphProperties(
            new ParagraphStyleId { Val = "SideColumn" },
            new FrameProperties
            {
                Width = DocxLayout.ColumnWidth.ToString(),
                HeightType = HeightRuleValues.Auto,
                Wrap = TextWrappingValues.Around,
                HorizontalPosition = HorizontalAnchorValues.Page,
                VerticalPosition = VerticalAnchorValues.Page,
                X = DocxLayout.ColumnX.ToString(),
                Y = y.ToString(),
                AnchorLock = true,
            });
        if (before > 0)
            properties.Append(new SpacingBetweenLines { Before = before.ToString() });
        var run = TextRun(text);
        if (bold)
            run.PrependChild(new RunProperties(new Bold()));
        return new Paragraph(properties, run);
    }

    /// <summary>"Pagina N van M" with non-breaking spaces, aligned with the side column.</summary>
    private static Footer PageFooter() =>
        new(new Paragraph(
            new ParagraphProperties(
                new ParagraphStyleId { Val = "Footer" },
                new Indentation
                {
                    Left = (DocxLayout.ColumnX - DocxLayout.MarginLeft).ToString(),
                    Right = (DocxLayout.PageWidth - DocxLayout.MarginRight - DocxLayout.ColumnX - DocxLayout.ColumnWidth).ToString(),
                }),
            TextRun("Pagina\u00a0"),
            FieldRun(FieldCharValues.Begin), InstructionRun(" PAGE "), FieldRun(FieldCharValues.Separate), TextRun("1"), FieldRun(FieldCharValues.End),
            TextRun("\u00a0van\u00a0"),
            FieldRun(FieldCharValues.Begin), InstructionRun(" NUMPAGES "), FieldRun(FieldCharValues.Separate), TextRun("1"), FieldRun(FieldCharValues.End)));

    private static Run FieldRun(FieldCharValues type) => new(new FieldChar { FieldCharType = type });

    private static Run InstructionRun(string instruction) =>
        new(new FieldCode(instruction) { Space = SpaceProcessingModeValues.Preserve });

    internal static Paragraph StyledParagraph(string style, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), TextRun(text));

    private static Run TextRun(string text) =>
        new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
}
