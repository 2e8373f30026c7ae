using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MigrationAgenda.TestSupport.Intake;

/// <summary>Builds small real .docx files in memory: paragraphs, headings and Word footnotes.</summary>
public sealed class DocxBuilder
{
    private readonly List<(string Text, string? Style, string? Footnote)> _paragraphs = [];

    public DocxBuilder Heading(string text)
    {
        _paragraphs.Add((text, "Heading1", null));
        return this;
    }

    /// <summary>A paragraph; with <paramref name="footnote"/>, a Word footnote reference is placed at its end.</summary>
    public DocxBuilder Paragraph(string text, string? footnote = null)
    {
        _paragraphs.Add((text, null, footnote));
        return this;
    }

    public byte[] Build()
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var footnotesPart = main.AddNewPart<FootnotesPart>();
            // Word's two built-in separator footnotes (ids -1 and 0) come first; real ones start at 1.
            footnotesPart.Footnotes = new Footnotes(
                new Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
                new Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
            var body = new Body();
            var id = 1;
            foreach (var (text, style, footnote) in _paragraphs)
            {
                var p = new Paragraph();
                if (style is not null) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
                p.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                if (footnote is not null)
                {
                    p.Append(new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new FootnoteReference { Id = id }));
                    footnotesPart.Footnotes.Append(new Footnote(
                        new Paragraph(
                            new Run(new FootnoteReferenceMark()),
                            new Run(new Text(" " + footnote) { Space = SpaceProcessingModeValues.Preserve })))
                    { Id = id });
                    id++;
                }
                body.Append(p);
            }
            main.Document = new Document(body);
        }
        return ms.ToArray();
    }
}
