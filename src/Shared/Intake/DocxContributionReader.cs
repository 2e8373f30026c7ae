using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MigrationAgenda.Intake;

/// <summary>A .docx read as contribution text: paragraphs separated by blank lines, Word footnotes as <c>[^n]</c> markers.</summary>
public sealed record DocxContent(string Text, IReadOnlyList<Footnote> Footnotes)
{
    /// <summary>The text with its footnotes appended as Markdown definitions, the form the rest of the pipeline reads.</summary>
    public string ToMarkdown() =>
        Footnotes.Count == 0 ? Text : Text + "\n\n" + string.Join('\n', Footnotes.Select(f => $"[^{f.Marker}]: {f.Text}"));
}

/// <summary>
/// Reads the body of a .docx attachment. The package is inspected as a plain zip before the OpenXML SDK sees it:
/// total uncompressed size and entry count are capped and every entry is actually inflated against the cap
/// (a zip's declared sizes can lie), so a zip bomb costs at most the cap. Footnotes are numbered 1, 2, … in order
/// of reference, whatever Word's internal ids are.
/// </summary>
public static class DocxContributionReader
{
    public const long MaxUncompressedBytes = 20L * 1024 * 1024;
    public const int MaxEntries = 1000;

    public static bool Handles(InboundAttachment attachment) =>
        Path.GetExtension(attachment.FileName).Equals(".docx", StringComparison.OrdinalIgnoreCase)
        || attachment.ContentType.StartsWith("application/vnd.openxmlformats-officedocument.wordprocessingml.document", StringComparison.OrdinalIgnoreCase);

    public static DocxContent Read(InboundAttachment attachment)
    {
        var name = attachment.FileName;
        CheckPackage(name, attachment.Content);
        try
        {
            using var stream = new MemoryStream(attachment.Content, writable: false);
            using var doc = WordprocessingDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxUncompressedBytes });
            var body = doc.MainDocumentPart?.Document?.Body
                ?? throw new AttachmentReadException(name, "the document has no body.");
            var footnotePart = doc.MainDocumentPart.FootnotesPart;
            var notes = new List<Footnote>();
            var paragraphs = new List<string>();
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                var text = ParagraphText(paragraph, footnotePart, notes).Trim();
                if (text.Length > 0) paragraphs.Add(text);
            }
            return new DocxContent(string.Join("\n\n", paragraphs), notes);
        }
        catch (AttachmentReadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or FileFormatException)
        {
            throw new AttachmentReadException(name, $"not a readable Word document ({ex.Message}).", ex);
        }
    }

    private static void CheckPackage(string name, byte[] content)
    {
        if (content.Length >= 8 && content.AsSpan(0, 8).SequenceEqual((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            throw new AttachmentReadException(name, "this is an old Word 97-2003 document (.doc); please send .docx.");
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K')
            throw new AttachmentReadException(name, "not a .docx (the file is not a zip package).");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
                throw new AttachmentReadException(name, $"the package has {zip.Entries.Count} entries; at most {MaxEntries} are accepted.");
            if (zip.Entries.Sum(e => e.Length) > MaxUncompressedBytes)
                throw new AttachmentReadException(name, $"the package unpacks to more than {MaxUncompressedBytes / (1024 * 1024)} MB (zip bomb?).");
            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("word/document.xml") is null)
                throw new AttachmentReadException(name, "not a .docx (no Word document inside the zip package).");
            // Declared sizes can lie: inflate everything against the cap before the SDK does.
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                int read;
                while ((read = s.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > MaxUncompressedBytes)
                        throw new AttachmentReadException(name, $"the package unpacks to more than {MaxUncompressedBytes / (1024 * 1024)} MB (zip bomb?).");
                }
            }
        }
        catch (AttachmentReadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            throw new AttachmentReadException(name, $"not a readable zip package ({ex.Message}).", ex);
        }
    }

    private static string ParagraphText(OpenXmlElement paragraph, FootnotesPart? footnotes, List<Footnote> notes)
    {
        var sb = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t when !IsDeleted(t):
                    sb.Append(t.Text);
                    break;
                case TabChar:
                    sb.Append('\t');
                    break;
                case Break:
                case CarriageReturn:
                    sb.Append('\n');
                    break;
                case NoBreakHyphen:
                    sb.Append('\u2011');
                    break;
                case FootnoteReference reference when footnotes is not null:
                    var note = footnotes.Footnotes?.Elements<DocumentFormat.OpenXml.Wordprocessing.Footnote>()
                        .FirstOrDefault(f => f.Id?.Value == reference.Id?.Value);
                    var marker = (notes.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var noteText = note is null ? "" : string.Join(" ", note.Descendants<Paragraph>().Select(p => ParagraphText(p, null, notes).Trim()).Where(s => s.Length > 0));
                    notes.Add(new Footnote { Marker = marker, Text = noteText });
                    sb.Append("[^").Append(marker).Append(']');
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Tracked deletions are not part of the text the author means to submit.</summary>
    private static bool IsDeleted(OpenXmlElement e) => e is DeletedText || e.Ancestors<DeletedRun>().Any() || e.Ancestors<Deleted>().Any();
}
