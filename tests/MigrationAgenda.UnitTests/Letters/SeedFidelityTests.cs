using MigrationAgenda.Letters;
using static MigrationAgenda.UnitTests.Letters.RenderedText;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>
/// The real 2021 letter's paragraphs go through assembly and all three renderers unchanged:
/// diacritics, curly quotes, en dashes, Dutch numbers, and every footnote under its new number.
/// </summary>
public sealed class SeedFidelityTests
{
    /// <summary>Letter-wide numbers in reading order; the markers are those the authors wrote.</summary>
    private static readonly (string Block, string Marker, int Number, string Text)[] ExpectedFootnotes =
    [
        ("Aanleiding", "1", 1, "Kamerstukken II 2018/19, 35000 VI, nr. 59, gewijzigd onder nr. 78."),
        ("BHOS 1", "3", 2, "Kamerstukken II 2019/20, 28638, nr. 176."),
        ("JenV 3", "7", 3, "Kamerstukken II 2019/20, 19637, nr. 2645."),
        ("JenV 4", "10", 4, "https://ec.europa.eu/commission/presscorner/detail/en/ip_20_2291."),
        ("JenV 4", "11", 5, "Kamerstukken II 2019/20, 19637, nr. 2623."),
        ("JenV 4", "12", 6, "Kamerstukken II 2020/21, 19637, nr. 2677."),
        ("SZW 5", "1", 7, "https://www.workinnl.nl (testdata)"),
        ("JenV 5", "1", 8, "Brief van 26 mei 2020 over het nationaal meerjarig beleidskader hervestiging 2020-2023 (testdata)"),
    ];

    private static readonly string[] Typography =
        ["geïnformeerd", "één", "risico’s", "LVV’s", "–", "1.7 miljoen", "23.000 en 58.000", "1 miljoen euro", "(ESSN)", "(htl)", "“tussenvoorzieningen”"];

    private static readonly Lazy<(AssembledLetter Letter, IReadOnlyList<SeedBlock> Blocks)> Built = new(() =>
    {
        var blocks = SeedLetter.Blocks();
        return (new LetterBuilder().Build(SeedLetter.Input()), blocks);
    });

    /// <summary>Keeps the rendering next to the test output for a human to look at.</summary>
    private static void KeepArtifact(string format)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "letters"));
        System.IO.File.WriteAllBytes(Path.Combine(folder.FullName, $"seed-letter.{format}"), LetterTestData.File(Built.Value.Letter, format).Content);
    }

    /// <summary>Each seed paragraph with its authors' markers replaced by the letter-wide "[^N]".</summary>
    private static IEnumerable<string> ExpectedParagraphs()
    {
        foreach (var block in Built.Value.Blocks)
        {
            var key = block.Kind == "coordinator" ? block.Name : $"{block.Name} {block.Pillar}";
            foreach (var paragraph in block.Paragraphs)
            {
                if (paragraph.StartsWith("Overkoepelend:", StringComparison.Ordinal))
                    continue; // the section heading, checked separately
                var text = paragraph;
                foreach (var note in ExpectedFootnotes.Where(n => n.Block == key))
                    text = text.Replace($"[^{note.Marker}]", $"[^{note.Number}]", StringComparison.Ordinal);
                yield return text;
            }
        }
    }

    [Fact]
    public void Seed_file_is_read_whole()
    {
        var blocks = Built.Value.Blocks;
        Assert.Equal(11, blocks.Count);
        Assert.Equal(23, blocks.Sum(b => b.Paragraphs.Count));
        Assert.Equal(8, blocks.Sum(b => b.Footnotes.Count));
    }

    [Fact]
    public void Markdown_holds_every_paragraph_and_footnote_in_order()
    {
        KeepArtifact("md");
        var md = MarkdownDisplayed(Utf8(LetterTestData.File(Built.Value.Letter, "md").Content));
        foreach (var paragraph in ExpectedParagraphs())
            Assert.Contains(paragraph, md);
        var last = -1;
        foreach (var note in ExpectedFootnotes)
        {
            var at = md.IndexOf($"[^{note.Number}]: {note.Text}\n", StringComparison.Ordinal);
            Assert.True(at > last, $"footnote {note.Number} missing or out of order");
            last = at;
        }
        foreach (var word in Typography)
            Assert.Contains(word, md);
        Assert.Contains("## Overkoepelend: de nieuwe voorstellen van de Europese Commissie", md);
        Assert.Contains("## 2. Versterken opvang en bescherming voor vluchtelingen en ontheemden in de regio", md);
        Assert.Contains("## 5. Bevorderen legale migratieroutes", md);
    }

    [Fact]
    public void Html_text_holds_every_paragraph_and_footnote_in_order()
    {
        KeepArtifact("html");
        var text = HtmlDisplayed(Utf8(LetterTestData.File(Built.Value.Letter, "html").Content));
        foreach (var paragraph in ExpectedParagraphs())
        {
            var shown = paragraph;
            foreach (var note in ExpectedFootnotes)
                shown = shown.Replace($"[^{note.Number}]", note.Number.ToString(), StringComparison.Ordinal);
            Assert.Contains(shown, text);
        }
        var last = -1;
        foreach (var note in ExpectedFootnotes)
        {
            var at = text.IndexOf($"{note.Number} {note.Text}", StringComparison.Ordinal);
            Assert.True(at > last, $"footnote {note.Number} missing or out of order");
            last = at;
        }
        foreach (var word in Typography)
            Assert.Contains(word, text);
        Assert.Contains("2. Versterken opvang en bescherming voor vluchtelingen en ontheemden in de regio", text);
    }

    [Fact]
    public void Docx_holds_every_paragraph_and_real_footnotes_in_order()
    {
        var docx = LetterTestData.File(Built.Value.Letter, "docx").Content;
        var paragraphs = DocxParagraphs(docx);
        foreach (var paragraph in ExpectedParagraphs())
            Assert.Contains(paragraph, paragraphs);

        var footnotes = DocxFootnotes(docx);
        Assert.Equal(ExpectedFootnotes.Select(n => (n.Number, n.Text)), footnotes);

        // References appear in the body in ascending order: numbered by first appearance.
        var referenced = paragraphs.SelectMany(p => System.Text.RegularExpressions.Regex.Matches(p, @"\[\^(\d+)\]").Select(m => int.Parse(m.Groups[1].Value))).ToList();
        Assert.Equal(Enumerable.Range(1, ExpectedFootnotes.Length), referenced);

        var all = string.Join("\n", paragraphs);
        foreach (var word in Typography)
            Assert.Contains(word, all);
        Assert.Contains("2. Versterken opvang en bescherming voor vluchtelingen en ontheemden in de regio", paragraphs);
        Assert.Contains("Datum\t11 januari 2021", paragraphs);
    }

    [Fact]
    public void Contributions_are_ordered_lead_ministry_first_and_missing_ones_listed()
    {
        var manifest = Built.Value.Letter.Manifest;
        // Pillar 5: SZW leads, JenV comes after although the definition lists JenV first.
        var pillar5 = manifest.Paragraphs[5];
        Assert.StartsWith("Daarnaast heeft het kabinet een website gelanceerd", pillar5[0]);
        Assert.StartsWith("In februari van 2020", pillar5[2]);
        Assert.Equal(
            [new MissingPillar("JenV", 1, "Voorkomen irreguliere migratie"), new MissingPillar("BZ", 1, "Voorkomen irreguliere migratie"),
             new MissingPillar("BZ", 4, "Tegengaan illegaal verblijf en bevorderen terugkeer"), new MissingPillar("SZW", 6, "Bevorderen integratie en participatie")],
            manifest.Missing);
        Assert.Empty(manifest.Warnings);
        Assert.Equal(7, manifest.Used.Count);
    }
}
