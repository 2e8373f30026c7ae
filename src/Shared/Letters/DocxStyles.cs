using DocumentFormat.OpenXml.Wordprocessing;

namespace MigrationAgenda.Letters;

/// <summary>
/// The styles part of the DOCX letter. Formatting lives in named styles, not on runs, so the
/// coordinator can restyle the whole letter in Word; Dutch is the proofing language of every style.
/// Sizes are half-points (18 = 9 pt, the house style's body size).
/// </summary>
internal static class DocxStyles
{
    public static Styles Create() =>
        new(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Verdana", HighAnsi = "Verdana", ComplexScript = "Verdana", EastAsia = "Verdana" },
                    new FontSize { Val = "18" },
                    new FontSizeComplexScript { Val = "18" },
                    new Languages { Val = "nl-NL", EastAsia = "nl-NL", Bidi = "ar-SA" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "0", Line = "270", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(
                new StyleName { Val = "Normal" },
                new PrimaryStyle())
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(
                new StyleName { Val = "Default Paragraph Font" },
                new UIPriority { Val = 1 },
                new SemiHidden(),
                new UnhideWhenUsed())
            { Type = StyleValues.Character, StyleId = "DefaultParagraphFont", Default = true },
            Heading("Heading1", "heading 1", 0, italic: false),
            Heading("Heading2", "heading 2", 1, italic: true),
            ParagraphStyle("FootnoteText", "footnote text", new StyleRunProperties(new FontSize { Val = "13" }, new FontSizeComplexScript { Val = "13" }),
                new StyleParagraphProperties(new SpacingBetweenLines { After = "0", Line = "200", LineRule = LineSpacingRuleValues.Auto })),
            new Style(
                new StyleName { Val = "footnote reference" },
                new BasedOn { Val = "DefaultParagraphFont" },
                new UIPriority { Val = 99 },
                new StyleRunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }))
            { Type = StyleValues.Character, StyleId = "FootnoteReference" },
            ParagraphStyle("Header", "header", null, null),
            ParagraphStyle("Footer", "footer", new StyleRunProperties(new FontSize { Val = "13" }, new FontSizeComplexScript { Val = "13" }), null),
            ParagraphStyle("SideColumn", "Zijkolom", new StyleRunProperties(new FontSize { Val = "13" }, new FontSizeComplexScript { Val = "13" }),
                new StyleParagraphProperties(new SpacingBetweenLines { After = "0", Line = "200", LineRule = LineSpacingRuleValues.Auto })),
            ParagraphStyle("ReturnAddress", "Retouradres", new StyleRunProperties(new FontSize { Val = "13" }, new FontSizeComplexScript { Val = "13" }),
                new StyleParagraphProperties(new SpacingBetweenLines { After = "120" })),
            ParagraphStyle("Addressee", "Geadresseerde", null, null),
            ParagraphStyle("MetaLine", "Datum en onderwerp", null,
                new StyleParagraphProperties(new Tabs(new TabStop { Val = TabStopValues.Left, Position = 1134 }))),
            new Style(
                new StyleName { Val = "Kenmerklabel" },
                new BasedOn { Val = "DefaultParagraphFont" },
                new StyleRunProperties(new FontSize { Val = "13" }, new FontSizeComplexScript { Val = "13" }))
            { Type = StyleValues.Character, StyleId = "MetaLabel", CustomStyle = true },
            new Style(
                new StyleName { Val = "Ontbrekende bijdrage" },
                new BasedOn { Val = "DefaultParagraphFont" },
                new StyleRunProperties(new Bold(), new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "FFEB3B" }))
            { Type = StyleValues.Character, StyleId = "Placeholder", CustomStyle = true },
            ParagraphStyle("ListParagraph", "List Paragraph", null,
                new StyleParagraphProperties(new ContextualSpacing())),
            ParagraphStyle("TableText", "Tabeltekst", null, null),
            ParagraphStyle("TableHeading", "Tabelkop", new StyleRunProperties(new Bold()), new StyleParagraphProperties(new KeepNext())),
            new Style(
                new StyleName { Val = "Tabel in brief" },
                new UIPriority { Val = 59 },
                new StyleTableProperties(
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                        new LeftBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                        new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                        new RightBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" },
                        new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "000000" }),
                    new TableCellMarginDefault(
                        new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
                        new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = "LetterTable", CustomStyle = true },
            ParagraphStyle("Signature", "Ondertekening", null,
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "540" })),
            ParagraphStyle("SignatureName", "Naam ondertekenaar", null,
                new StyleParagraphProperties(new SpacingBetweenLines { Before = "1080" })));

    private static Style Heading(string id, string name, int level, bool italic)
    {
        var run = new StyleRunProperties(new Bold());
        if (italic)
            run = new StyleRunProperties(new Italic());
        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new UIPriority { Val = 9 },
            new PrimaryStyle(),
            new StyleParagraphProperties(
                new KeepNext(),
                new KeepLines(),
                new SpacingBetweenLines { Before = "270", After = "0" },
                new OutlineLevel { Val = level }),
            run)
        { Type = StyleValues.Paragraph, StyleId = id };
    }

    private static Style ParagraphStyle(string id, string name, StyleRunProperties? run, StyleParagraphProperties? paragraph)
    {
        var style = new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" })
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };
        if (paragraph is not null)
            style.Append(paragraph);
        if (run is not null)
            style.Append(run);
        return style;
    }
}
