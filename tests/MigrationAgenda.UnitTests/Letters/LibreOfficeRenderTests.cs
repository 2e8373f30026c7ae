using System.Text.RegularExpressions;
using MigrationAgenda.Letters;
using Xunit.Abstractions;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>
/// Opens the DOCX in a real word processor: LibreOffice converts it to PDF, poppler rasterises page 1.
/// Catches what schema validation cannot: a document that is valid but lays out as nothing, loses its
/// headers, or prints the page fields wrong. The PDF and page-1 PNG are kept as test artifacts.
/// </summary>
public sealed partial class LibreOfficeRenderTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void Seed_letter_renders_in_libreoffice_with_headers_footers_and_several_pages()
    {
        var soffice = ExternalTool.Require("soffice", "libreoffice-writer-nogui");
        var pdftoppm = ExternalTool.Require("pdftoppm", "poppler-utils");
        var pdfinfo = ExternalTool.Require("pdfinfo", "poppler-utils");
        var pdftotext = ExternalTool.Require("pdftotext", "poppler-utils");

        var work = Directory.CreateTempSubdirectory("letter-render-");
        try
        {
            var docx = Path.Combine(work.FullName, "letter.docx");
            File.WriteAllBytes(docx, LetterTestData.File(new LetterBuilder().Build(SeedLetter.Input()), "docx").Content);

            // A private profile directory: concurrent soffice runs on the machine must not share one.
            ExternalTool.Run(soffice,
                ["--headless", "--norestore", $"-env:UserInstallation=file://{work.FullName}/profile", "--convert-to", "pdf", "--outdir", work.FullName, docx],
                work.FullName, Timeout);
            var pdf = Path.Combine(work.FullName, "letter.pdf");
            Assert.True(File.Exists(pdf), "LibreOffice produced no PDF");

            var info = ExternalTool.Run(pdfinfo, [pdf], work.FullName, Timeout);
            var pages = int.Parse(PagesLine().Match(info).Groups[1].Value);
            output.WriteLine($"pages: {pages}");
            Assert.True(pages >= 2, $"the seed letter should span several pages, got {pages}");
            var size = PageSizeLine().Match(info);
            Assert.InRange(double.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 594, 597); // A4: 595.3 x 841.9 pt
            Assert.InRange(double.Parse(size.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 840, 843);

            string PageText(int page) =>
                ExternalTool.Run(pdftotext, ["-layout", "-f", page.ToString(), "-l", page.ToString(), pdf, "-"], work.FullName, Timeout)
                    .Replace('\u00a0', ' ');
            var first = PageText(1);
            var second = PageText(2);
            output.WriteLine(first);
            Assert.Contains($"Pagina 1 van {pages}", first);
            Assert.Contains("Ons kenmerk", first);
            Assert.Contains("Bij beantwoording", first);
            Assert.Contains("Aanleiding", first);
            Assert.Contains("Voortgang Integrale Migratieagenda", first);
            Assert.Contains($"Pagina 2 van {pages}", second);
            Assert.Contains("11 januari 2021", second);
            Assert.Contains("3001668", second);
            Assert.DoesNotContain("Bij beantwoording", second);

            ExternalTool.Run(pdftoppm, ["-gray", "-r", "50", "-f", "1", "-l", "1", "-singlefile", pdf, Path.Combine(work.FullName, "page1")], work.FullName, Timeout);
            var image = Pgm.Read(File.ReadAllBytes(Path.Combine(work.FullName, "page1.pgm")));
            output.WriteLine($"page 1: {image.Width}x{image.Height}, ink {image.InkRatio():P2}, side column ink {image.InkRatio(0.72, 0.98):P2}");
            Assert.InRange(image.Width, 400, 420);   // 210 mm at 50 dpi = 413 px
            Assert.InRange(image.InkRatio(), 0.005, 0.5); // neither blank nor a black page
            Assert.True(image.InkRatio(0.72, 0.98) > 0.001, "the side column on the right of page 1 is empty");

            ExternalTool.Run(pdftoppm, ["-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", pdf, Path.Combine(work.FullName, "page1")], work.FullName, Timeout);
            var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "letters"));
            File.Copy(Path.Combine(work.FullName, "page1.png"), Path.Combine(artifacts.FullName, "seed-letter-page1.png"), overwrite: true);
            File.Copy(pdf, Path.Combine(artifacts.FullName, "seed-letter.pdf"), overwrite: true);
            File.Copy(docx, Path.Combine(artifacts.FullName, "seed-letter.docx"), overwrite: true);
            output.WriteLine($"artifacts: {artifacts.FullName}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>A .docx reply's lists and table, through intake into the letter, print as lists and a table.</summary>
    [Fact]
    public void Lists_and_tables_from_a_word_reply_render_in_libreoffice()
    {
        var soffice = ExternalTool.Require("soffice", "libreoffice-writer-nogui");
        var pdftotext = ExternalTool.Require("pdftotext", "poppler-utils");

        var work = Directory.CreateTempSubdirectory("letter-lists-");
        try
        {
            var docx = Path.Combine(work.FullName, "lists.docx");
            File.WriteAllBytes(docx, LetterTestData.File(WordReplyLetter.Build(), "docx").Content);
            ExternalTool.Run(soffice,
                ["--headless", "--norestore", $"-env:UserInstallation=file://{work.FullName}/profile", "--convert-to", "pdf", "--outdir", work.FullName, docx],
                work.FullName, Timeout);
            var pdf = Path.Combine(work.FullName, "lists.pdf");
            Assert.True(File.Exists(pdf), "LibreOffice produced no PDF");

            var text = ExternalTool.Run(pdftotext, ["-layout", pdf, "-"], work.FullName, Timeout).Replace('\u00a0', ' ');
            output.WriteLine(text);
            // Bullets and numbers come from the numbering part, not from the text; nested items indent further.
            var outer = Regex.Match(text, @"^(?<indent> *)•\s+kennismigranten;", RegexOptions.Multiline);
            var inner = Regex.Match(text, @"^(?<indent> *)–\s+met een verlaagd criterium voor afgestudeerden", RegexOptions.Multiline);
            Assert.True(outer.Success && inner.Success, "bulleted list items not found");
            Assert.True(inner.Groups["indent"].Length > outer.Groups["indent"].Length, "the nested item is not indented deeper");
            Assert.Matches(@"(?m)^ *1\.\s+de regeling evalueren;", text);
            Assert.Matches(@"(?m)^ *3\.\s+de Kamer informeren\.", text);
            // A table: the cells of a row on one line, in their columns.
            Assert.Matches(@"(?m)^ *Regeling\s{2,}2025\s{2,}2026\s*$", text);
            Assert.Matches(@"(?m)^ *Kennismigrant\s{2,}15\.310\s{2,}16\.0453\s*$", text);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"^Page size:\s+([\d.]+) x ([\d.]+) pts", RegexOptions.Multiline)]
    private static partial Regex PageSizeLine();
}
