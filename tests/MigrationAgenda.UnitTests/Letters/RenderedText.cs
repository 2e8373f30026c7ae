using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>Reads the three renderings back as text, the way a reader of each format would see it.</summary>
internal static partial class RenderedText
{
    public static string Utf8(byte[] content) => Encoding.UTF8.GetString(content);

    /// <summary>Markdown as displayed: backslash escapes removed, entities (&amp;lt; &amp;gt; &amp;amp;) decoded.</summary>
    public static string MarkdownDisplayed(string markdown) => WebUtility.HtmlDecode(MarkdownEscape().Replace(markdown, "$1"));

    /// <summary>HTML as displayed: the style block dropped, tags stripped, entities decoded.</summary>
    public static string HtmlDisplayed(string html)
    {
        var withoutStyle = StyleBlock().Replace(html, "");
        return WebUtility.HtmlDecode(Tag().Replace(withoutStyle, ""));
    }

    /// <summary>Body paragraphs of a DOCX, footnote references written as "[^id]".</summary>
    public static List<string> DocxParagraphs(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(ParagraphText).ToList();
    }

    /// <summary>The DOCX footnotes by id (separators excluded), their text after the footnote mark.</summary>
    public static List<(int Id, string Text)> DocxFootnotes(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return document.MainDocumentPart!.FootnotesPart!.Footnotes!.Elements<Footnote>()
            .Where(f => f.Id!.Value > 0)
            .Select(f => ((int)f.Id!.Value, string.Concat(f.Descendants<Text>().Select(t => t.Text)).Trim()))
            .ToList();
    }

    public static string ParagraphText(Paragraph paragraph)
    {
        var builder = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text text:
                    builder.Append(text.Text);
                    break;
                case FootnoteReference reference:
                    builder.Append("[^").Append(reference.Id!.Value).Append(']');
                    break;
                case TabChar:
                    builder.Append('\t');
                    break;
            }
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"\\([!-/:-@\[-`{-~])")]
    private static partial Regex MarkdownEscape();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("<style>.*?</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();
}
