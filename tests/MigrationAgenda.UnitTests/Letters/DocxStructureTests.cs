using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using MigrationAgenda.Letters;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>The DOCX is a real Word letter: valid Open XML, A4, real footnotes, page fields, Dutch.</summary>
public sealed class DocxStructureTests
{
    private static readonly Lazy<byte[]> Seed = new(() =>
        LetterTestData.File(new LetterBuilder().Build(SeedLetter.Input()), "docx").Content);

    private static WordprocessingDocument Open(byte[] docx) => WordprocessingDocument.Open(new MemoryStream(docx), false);

    [Fact]
    public void Open_xml_validator_reports_no_errors()
    {
        using var document = Open(Seed.Value);
        foreach (var version in new[] { FileFormatVersions.Office2010, FileFormatVersions.Microsoft365 })
        {
            var errors = new OpenXmlValidator(version).Validate(document)
                .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
                .ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }

    [Fact]
    public void Footnotes_part_has_the_separators_and_one_footnote_per_note()
    {
        using var document = Open(Seed.Value);
        var footnotes = document.MainDocumentPart!.FootnotesPart!.Footnotes!.Elements<Footnote>().ToList();
        Assert.Equal(8 + 2, footnotes.Count);
        Assert.Equal(FootnoteEndnoteValues.Separator, footnotes[0].Type!.Value);
        Assert.Equal(-1, footnotes[0].Id!.Value);
        Assert.Equal(FootnoteEndnoteValues.ContinuationSeparator, footnotes[1].Type!.Value);
        Assert.Equal(0, footnotes[1].Id!.Value);
        Assert.Equal(Enumerable.Range(1, 8), footnotes.Skip(2).Select(f => (int)f.Id!.Value));
        Assert.All(footnotes.Skip(2), f => Assert.Single(f.Descendants<FootnoteReferenceMark>()));

        var references = document.MainDocumentPart.Document!.Body!.Descendants<FootnoteReference>().ToList();
        Assert.Equal(Enumerable.Range(1, 8), references.Select(r => (int)r.Id!.Value));
        Assert.All(references, r => Assert.Equal("FootnoteReference", r.Parent!.GetFirstChild<RunProperties>()?.RunStyle?.Val?.Value));

        var style = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "FootnoteReference");
        Assert.Equal(VerticalPositionValues.Superscript, style.StyleRunProperties!.VerticalTextAlignment!.Val!.Value);
    }

    [Fact]
    public void Footer_counts_pages_with_page_and_numpages_fields()
    {
        using var document = Open(Seed.Value);
        var footers = document.MainDocumentPart!.FooterParts.ToList();
        Assert.Equal(2, footers.Count); // first page and later pages
        foreach (var footer in footers)
        {
            var instructions = footer.Footer!.Descendants<FieldCode>().Select(f => f.Text.Trim()).ToList();
            Assert.Equal(["PAGE", "NUMPAGES"], instructions);
            var texts = footer.Footer.Descendants<Text>().Select(t => t.Text).ToList();
            Assert.Equal(["Pagina\u00a0", "1", "\u00a0van\u00a0", "1"], texts);
            Assert.Equal(2, footer.Footer.Descendants<FieldChar>().Count(f => f.FieldCharType!.Value == FieldCharValues.Begin));
        }
    }

    [Fact]
    public void Section_is_a4_with_a_title_page_and_the_side_columns_in_the_headers()
    {
        using var document = Open(Seed.Value);
        var main = document.MainDocumentPart!;
        var section = main.Document!.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        Assert.Equal(11906u, size.Width!.Value);
        Assert.Equal(16838u, size.Height!.Value);
        Assert.NotNull(section.GetFirstChild<TitlePage>());

        string HeaderText(HeaderFooterValues type)
        {
            var id = section.Elements<HeaderReference>().Single(r => r.Type!.Value == type).Id!.Value!;
            var header = ((HeaderPart)main.GetPartById(id)).Header!;
            Assert.All(header.Elements<Paragraph>().Where(p => p.InnerText.Length > 0),
                p => Assert.NotNull(p.ParagraphProperties?.FrameProperties));
            return string.Join("|", header.Elements<Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0));
        }

        Assert.Equal(
            "Directoraat-Generaal Migratie|Asiel, Opvang en Terugkeer|Turfmarkt 147|2511 DP  Den Haag|Postbus 20301|2500 EH  Den Haag|www.rijksoverheid.nl/jenv|Ons kenmerk|3001668|"
            + LetterHeader.DefaultReplyInstruction,
            HeaderText(HeaderFooterValues.First));
        Assert.Equal(
            "Directoraat-Generaal Migratie|Asiel, Opvang en Terugkeer|Datum|11 januari 2021|Ons kenmerk|3001668",
            HeaderText(HeaderFooterValues.Default));
        Assert.Equal(2, section.Elements<FooterReference>().Count());
    }

    [Fact]
    public void Headings_are_numbered_heading_styles_and_no_empty_paragraphs_separate_contributions()
    {
        using var document = Open(Seed.Value);
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().ToList();
        var headings = paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal(
            ["Aanleiding", "Overkoepelend: de nieuwe voorstellen van de Europese Commissie",
             "1. Voorkomen irreguliere migratie",
             "2. Versterken opvang en bescherming voor vluchtelingen en ontheemden in de regio",
             "3. Robuust asielbeleid", "4. Tegengaan illegaal verblijf en bevorderen terugkeer",
             "5. Bevorderen legale migratieroutes", "6. Bevorderen integratie en participatie", "Ten slotte"],
            headings);
        Assert.DoesNotContain(paragraphs, p => !p.Descendants<Text>().Any() && !p.Descendants<FootnoteReference>().Any());

        var styles = document.MainDocumentPart.StyleDefinitionsPart!.Styles!;
        var heading1 = styles.Elements<Style>().Single(s => s.StyleId == "Heading1");
        Assert.Equal(0, heading1.StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Contains(styles.Elements<Style>(), s => s.StyleId == "Heading2");
    }

    [Fact]
    public void Dutch_is_the_language_of_the_document()
    {
        using var document = Open(Seed.Value);
        var languages = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!
            .RunPropertiesDefault!.RunPropertiesBaseStyle!.GetFirstChild<Languages>()!;
        Assert.Equal("nl-NL", languages.Val!.Value);
        Assert.Equal("nl-NL", document.MainDocumentPart.DocumentSettingsPart!.Settings!.GetFirstChild<ThemeFontLanguages>()!.Val!.Value);
        Assert.Equal("nl-NL", document.PackageProperties.Language);
    }
}
