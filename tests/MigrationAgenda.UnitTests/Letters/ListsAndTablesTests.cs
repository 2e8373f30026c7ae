using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using MigrationAgenda.Intake;
using MigrationAgenda.Letters;
using MigrationAgenda.TestSupport.Intake;
using MigrationAgenda.UnitTests.Intake;
using static MigrationAgenda.TestSupport.Intake.DocxBuilder;
using static MigrationAgenda.UnitTests.Letters.LetterTestData;
using static MigrationAgenda.UnitTests.Letters.RenderedText;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>A ministry's .docx reply with a bulleted list, a table and a numbered list, taken in by intake and put in the letter.</summary>
internal static class WordReplyLetter
{
    public const string ContributionText =
        "De regelingen voor arbeidsmigratie:\n\n" +
        "- kennismigranten;\n  - met een verlaagd criterium voor afgestudeerden[^1]\n- de Europese blauwe kaart.\n\n" +
        "De aanvragen namen toe:\n\n" +
        "| Regeling | 2025 | 2026 |\n| --- | --- | --- |\n| Kennismigrant | 15.310 | 16.045[^2] |\n| Europese blauwe kaart | 1.120 | 1.390 |\n\n" +
        "Het kabinet neemt drie stappen:\n\n1. de regeling evalueren;\n2. de drempel herzien;\n3. de Kamer informeren.";

    public static byte[] Docx() => new DocxBuilder()
        .Heading("Pijler 5")
        .Paragraph("De regelingen voor arbeidsmigratie:")
        .Bullet("kennismigranten;")
        .Bullet(1, T("met een verlaagd criterium voor afgestudeerden"), Footnote("Kamerstukken II 2019/20, 29861, nr. 50."))
        .Bullet("de Europese blauwe kaart.")
        .Paragraph("De aanvragen namen toe:")
        .Table(
            [[T("Regeling")], [T("2025")], [T("2026")]],
            [[T("Kennismigrant")], [T("15.310")], [T("16.045"), Footnote("Voorlopige cijfers van de IND.")]],
            [[T("Europese blauwe kaart")], [T("1.120")], [T("1.390")]])
        .Paragraph("Het kabinet neemt drie stappen:")
        .Numbered("de regeling evalueren;")
        .Numbered("de drempel herzien;")
        .Numbered("de Kamer informeren.")
        .Build();

    /// <summary>SZW's pillar 5 as intake reads the .docx, and BHOS's pillar 2 with its own "[^1]" earlier in the letter.</summary>
    public static AssembledLetter Build()
    {
        var message = new InboundMessage
        {
            Mode = InboundMode.Parsed,
            From = new InboundAddress("j.devries@szw.example"),
            Subject = "RE: Verzoek om bijdrage",
            TextBody = "Beste Karin,\n\nZie bijlage.\n\nGroet,\nJan",
            Attachments = [new InboundAttachment("bijdrage-szw.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Docx())],
        };
        var extraction = ContributionExtractor.Extract(message, [5, 6], IntakeTestData.Definition);
        var section = extraction.Sections.Single();
        var szw = Contribution("SZW", 5, section.Text, section.Footnotes);
        var bhos = Contribution("BHOS", 2, "De FRIT ondersteunt 1.7 miljoen vluchtelingen.[^1]", [Note("1", "Kamerstukken II 2019/20, 28638, nr. 176.")]);
        return new LetterBuilder().Build(Input(Plan(null, "3001668", "SZW", "BHOS"), [bhos, szw]));
    }
}

public sealed class ListsAndTablesTests
{
    private static readonly Lazy<AssembledLetter> Letter = new(WordReplyLetter.Build);

    [Fact]
    public void Intake_reads_the_docx_lists_and_table_as_contribution_text()
    {
        var message = new InboundMessage
        {
            Mode = InboundMode.Parsed,
            From = new InboundAddress("j.devries@szw.example"),
            TextBody = "Zie bijlage.",
            Attachments = [new InboundAttachment("bijdrage.docx", "application/octet-stream", WordReplyLetter.Docx())],
        };
        var section = ContributionExtractor.Extract(message, [5], IntakeTestData.Definition).Sections.Single();
        Assert.Equal(WordReplyLetter.ContributionText, section.Text);
        Assert.Equal([("1", "Kamerstukken II 2019/20, 29861, nr. 50."), ("2", "Voorlopige cijfers van de IND.")], section.Footnotes.Select(f => (f.Marker, f.Text)));
    }

    [Fact]
    public void Markdown_has_a_nested_list_a_pipe_table_and_a_numbered_list_with_renumbered_footnotes()
    {
        var md = Utf8(File(Letter.Value, "md").Content);
        Assert.Contains(
            "## 5. Bevorderen legale migratieroutes\n\n" +
            "De regelingen voor arbeidsmigratie:\n\n" +
            "- kennismigranten;\n    - met een verlaagd criterium voor afgestudeerden[^2]\n- de Europese blauwe kaart.\n\n" +
            "De aanvragen namen toe:\n\n" +
            "| Regeling | 2025 | 2026 |\n| --- | --- | --- |\n| Kennismigrant | 15.310 | 16.045[^3] |\n| Europese blauwe kaart | 1.120 | 1.390 |\n\n" +
            "Het kabinet neemt drie stappen:\n\n1. de regeling evalueren;\n2. de drempel herzien;\n3. de Kamer informeren.\n\n", md);
        Assert.Contains("[^1]: Kamerstukken II 2019/20, 28638, nr. 176.\n[^2]: Kamerstukken II 2019/20, 29861, nr. 50.\n[^3]: Voorlopige cijfers van de IND.\n", md);
    }

    [Fact]
    public void Html_has_nested_ul_a_table_with_a_header_row_and_ol()
    {
        var html = Utf8(File(Letter.Value, "html").Content);
        Assert.Contains(
            "<p>De regelingen voor arbeidsmigratie:</p>\n" +
            "<ul>\n<li>kennismigranten;<ul>\n<li>met een verlaagd criterium voor afgestudeerden<sup><a href=\"#fn2\">2</a></sup></li>\n</ul>\n</li>\n<li>de Europese blauwe kaart.</li>\n</ul>\n" +
            "<p>De aanvragen namen toe:</p>\n" +
            "<table class=\"data\">\n<thead>\n<tr><th>Regeling</th><th>2025</th><th>2026</th></tr>\n</thead>\n<tbody>\n" +
            "<tr><td>Kennismigrant</td><td>15.310</td><td>16.045<sup><a href=\"#fn3\">3</a></sup></td></tr>\n" +
            "<tr><td>Europese blauwe kaart</td><td>1.120</td><td>1.390</td></tr>\n</tbody>\n</table>\n" +
            "<p>Het kabinet neemt drie stappen:</p>\n" +
            "<ol>\n<li>de regeling evalueren;</li>\n<li>de drempel herzien;</li>\n<li>de Kamer informeren.</li>\n</ol>\n", html);
        Assert.Contains("<p id=\"fn3\"><sup>3</sup> Voorlopige cijfers van de IND.</p>", html);
    }

    [Fact]
    public void Docx_has_word_lists_from_a_numbering_part_and_a_real_table_and_passes_the_validator()
    {
        var docx = File(Letter.Value, "docx").Content;
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = document.MainDocumentPart!;
        var body = main.Document!.Body!;

        var items = body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.NumberingProperties is not null)
            .Select(p => (Text: ParagraphText(p), Level: p.ParagraphProperties!.NumberingProperties!.NumberingLevelReference!.Val!.Value,
                NumId: p.ParagraphProperties.NumberingProperties.NumberingId!.Val!.Value, Style: p.ParagraphProperties.ParagraphStyleId?.Val?.Value))
            .ToList();
        Assert.Equal(
            [("kennismigranten;", 0, 1, "ListParagraph"), ("met een verlaagd criterium voor afgestudeerden[^2]", 1, 1, "ListParagraph"), ("de Europese blauwe kaart.", 0, 1, "ListParagraph"),
             ("de regeling evalueren;", 0, 2, "ListParagraph"), ("de drempel herzien;", 0, 2, "ListParagraph"), ("de Kamer informeren.", 0, 2, "ListParagraph")],
            items);

        var numbering = main.NumberingDefinitionsPart!.Numbering!;
        var bullets = numbering.Elements<NumberingInstance>().Single(n => n.NumberID!.Value == 1).AbstractNumId!.Val!.Value;
        var numbered = numbering.Elements<NumberingInstance>().Single(n => n.NumberID!.Value == 2);
        NumberFormatValues Format(int abstractId, int level) =>
            numbering.Elements<AbstractNum>().Single(a => a.AbstractNumberId!.Value == abstractId).Elements<Level>().Single(l => l.LevelIndex!.Value == level).NumberingFormat!.Val!.Value;
        Assert.Equal(NumberFormatValues.Bullet, Format(bullets, 0));
        Assert.Equal(NumberFormatValues.Decimal, Format(numbered.AbstractNumId!.Val!.Value, 0));
        Assert.Equal(1, numbered.Elements<LevelOverride>().Single().StartOverrideNumberingValue!.Val!.Value);

        var table = body.Elements<Table>().Single();
        Assert.Equal(3, table.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Count());
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => string.Concat(c.Elements<Paragraph>().Select(ParagraphText))).ToList()).ToList();
        Assert.Equal([["Regeling", "2025", "2026"], ["Kennismigrant", "15.310", "16.045[^3]"], ["Europese blauwe kaart", "1.120", "1.390"]], rows);
        Assert.NotNull(table.Elements<TableRow>().First().TableRowProperties?.GetFirstChild<TableHeader>());
        Assert.Equal("TableHeading", table.Descendants<Paragraph>().First().ParagraphProperties!.ParagraphStyleId!.Val!.Value);

        Assert.Equal([(1, "Kamerstukken II 2019/20, 28638, nr. 176."), (2, "Kamerstukken II 2019/20, 29861, nr. 50."), (3, "Voorlopige cijfers van de IND.")], DocxFootnotes(docx));
        foreach (var version in new[] { FileFormatVersions.Office2010, FileFormatVersions.Microsoft365 })
        {
            var errors = new OpenXmlValidator(version).Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }
    }

    [Fact]
    public void Lists_and_tables_count_as_paragraphs_for_the_reviewers_changes()
    {
        var paragraphs = Letter.Value.Manifest.Paragraphs[5];
        Assert.Contains("met een verlaagd criterium voor afgestudeerden", paragraphs);
        Assert.Contains("Regeling | 2025 | 2026\nKennismigrant | 15.310 | 16.045\nEuropese blauwe kaart | 1.120 | 1.390", paragraphs);
    }

    [Fact]
    public void Two_numbered_lists_each_start_at_their_own_number()
    {
        var letter = new LetterBuilder().Build(Input(Plan(null, "3001668", "SZW"),
            [Contribution("SZW", 5, "Eerst:\n\n1. een\n2. twee\n\nDan:\n\n3. drie\n4. vier"), Contribution("SZW", 6, "1. opnieuw een")]));
        using var document = WordprocessingDocument.Open(new MemoryStream(File(letter, "docx").Content), false);
        var numbering = document.MainDocumentPart!.NumberingDefinitionsPart!.Numbering!;
        var starts = numbering.Elements<NumberingInstance>().Where(n => n.NumberID!.Value > 1)
            .Select(n => n.Elements<LevelOverride>().Single().StartOverrideNumberingValue!.Val!.Value).ToList();
        Assert.Equal([1, 3, 1], starts);
        Assert.Contains("<ol start=\"3\">\n<li>drie</li>", Utf8(File(letter, "html").Content));
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }
}
