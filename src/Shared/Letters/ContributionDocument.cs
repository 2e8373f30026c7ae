using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using MigrationAgenda.Intake;

namespace MigrationAgenda.Letters;

/// <summary>
/// A ministry's pillars as a Word document it can edit and send back: per pillar a heading "Pijler N – titel" (the
/// form intake's pillar splitter reads), then the text with the letter's own building blocks (paragraphs, real Word
/// lists and tables, real footnotes), so that <see cref="DocxContributionReader"/> reads an unedited copy back as the
/// same text per pillar. Footnotes are numbered through the document, as Word shows and intake reads them; give it
/// <see cref="LastYearText.Numbered"/>. Nothing precedes the first heading: text there would be read as a covering note.
/// </summary>
public static class ContributionDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>"Pijler 5 – Bevorderen legale migratieroutes"</summary>
    public static string Heading(int pillar, string title) => $"Pijler {pillar} – {title}";

    /// <param name="title">The pillar's title by number (the round's definition).</param>
    /// <param name="documentTitle">The file's title property (what Word shows in its title bar and properties).</param>
    public static byte[] Render(IReadOnlyList<PillarText> pillars, Func<int, string> title, string ministry, string documentTitle)
    {
        var numbering = new FootnoteNumbering([]);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = documentTitle;
            document.PackageProperties.Language = "nl-NL";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = DocxStyles.Create();
            main.AddNewPart<DocumentSettingsPart>().Settings = DocxLetterRenderer.Settings();

            var body = new Body();
            var lists = new DocxLists();
            foreach (var pillar in pillars)
            {
                body.Append(DocxLetterRenderer.StyledParagraph("Heading1", Heading(pillar.Pillar, title(pillar.Pillar))));
                var paragraphs = numbering.Number($"{ministry}, pijler {pillar.Pillar}", ministry, LetterTextParser.Parse(pillar.Text), pillar.Footnotes);
                DocxLetterRenderer.AppendParagraphs(body, paragraphs, lists);
            }
            main.AddNewPart<FootnotesPart>().Footnotes = DocxLetterRenderer.Footnotes(numbering.Footnotes);
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = lists.Numbering();
            body.Append(new SectionProperties(
                new PageSize { Width = DocxLayout.PageWidth, Height = DocxLayout.PageHeight, Orient = PageOrientationValues.Portrait },
                new PageMargin
                {
                    Top = DocxLayout.MarginTop, Bottom = DocxLayout.MarginBottom, Left = DocxLayout.MarginLeft, Right = DocxLayout.MarginLeft,
                    Header = DocxLayout.HeaderDistance, Footer = DocxLayout.FooterDistance, Gutter = 0,
                }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }
}
