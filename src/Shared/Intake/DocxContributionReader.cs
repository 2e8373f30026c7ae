using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MigrationAgenda.Intake;

/// <summary>A .docx read as contribution text (see <see cref="DocxContributionReader"/> for its form) with its notes.</summary>
public sealed record DocxContent(string Text, IReadOnlyList<Footnote> Footnotes)
{
    /// <summary>The text with its footnotes appended as Markdown definitions, the form the rest of the pipeline reads.</summary>
    public string ToMarkdown() =>
        Footnotes.Count == 0 ? Text : Text + "\n\n" + string.Join('\n', Footnotes.Select(f => $"[^{f.Marker}]: {f.Text}"));
}

/// <summary>
/// Reads the body of a .docx attachment as Word shows it with all changes accepted: tracked insertions and moved-to
/// text are kept, deletions and moved-from text dropped, comments and text boxes ignored. The result is the
/// Markdown-like contribution text the rest of the pipeline carries: paragraphs separated by blank lines, list
/// items as "- item" / "1. item" lines (two spaces of indent per level, one list per block), tables as pipe tables
/// (first row as header), footnotes and endnotes as <c>[^n]</c> markers numbered 1, 2, … in order of reference
/// whatever Word's internal ids are.
/// The package is inspected as a plain zip before the OpenXML SDK sees it: total uncompressed size and entry count
/// are capped and every entry is actually inflated against the cap (a zip's declared sizes can lie), so a zip bomb
/// costs at most the cap.
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
            var main = doc.MainDocumentPart;
            var body = main?.Document?.Body
                ?? throw new AttachmentReadException(name, AttachmentReadError.Corrupt, "the document has no body.");
            var reader = new BodyReader(main);
            reader.Blocks(body);
            return new DocxContent(reader.Text(), reader.Notes);
        }
        catch (AttachmentReadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or FileFormatException)
        {
            throw new AttachmentReadException(name, AttachmentReadError.Corrupt, $"not a readable Word document ({ex.Message}).", ex);
        }
    }

    private static void CheckPackage(string name, byte[] content)
    {
        if (content.Length >= 8 && content.AsSpan(0, 8).SequenceEqual((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            throw new AttachmentReadException(name, AttachmentReadError.OldWordFormat, "an old Word 97-2003 document (.doc).");
        if (content.Length < 4 || content[0] != 'P' || content[1] != 'K')
            throw new AttachmentReadException(name, AttachmentReadError.NotAZip, "the file is not a zip package.");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
                throw new AttachmentReadException(name, AttachmentReadError.TooLarge, $"{zip.Entries.Count} entries; at most {MaxEntries} are accepted.");
            if (zip.Entries.Sum(e => e.Length) > MaxUncompressedBytes)
                throw new AttachmentReadException(name, AttachmentReadError.TooLarge, $"declared to unpack to more than {MaxUncompressedBytes} bytes (zip bomb?).");
            if (zip.GetEntry("[Content_Types].xml") is null || zip.GetEntry("word/document.xml") is null)
                throw new AttachmentReadException(name, AttachmentReadError.NotAWordDocument, "no word/document.xml in the zip package.");
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
                        throw new AttachmentReadException(name, AttachmentReadError.TooLarge, $"unpacks to more than {MaxUncompressedBytes} bytes (zip bomb?).");
                }
            }
        }
        catch (AttachmentReadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            throw new AttachmentReadException(name, AttachmentReadError.NotAZip, $"not a readable zip package ({ex.Message}).", ex);
        }
    }

    /// <summary>Walks the body's blocks in reading order and writes them as contribution text.</summary>
    private sealed class BodyReader(MainDocumentPart main)
    {
        private readonly List<string> _blocks = [];
        private readonly List<string> _listLines = [];
        private readonly Dictionary<int, int[]> _counters = [];
        private string _carried = "";

        public List<Footnote> Notes { get; } = [];

        public string Text()
        {
            EndList();
            if (_carried.Trim().Length > 0) _blocks.Add(_carried.Trim());
            return string.Join("\n\n", _blocks);
        }

        public void Blocks(OpenXmlElement container)
        {
            foreach (var element in container.ChildElements)
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        Paragraph(paragraph);
                        break;
                    case Table table:
                        EndList();
                        Table(table);
                        break;
                    case SdtBlock or SdtContentBlock or CustomXmlBlock:
                        Blocks(element);
                        break;
                }
            }
        }

        private void Paragraph(Paragraph paragraph)
        {
            var text = _carried + ParagraphText(paragraph, notes: true);
            _carried = "";
            // A deleted (or moved-away) paragraph mark joins this paragraph to the next one, as Word shows it.
            var mark = paragraph.ParagraphProperties?.ParagraphMarkRunProperties;
            if (mark is not null && (mark.GetFirstChild<Deleted>() is not null || mark.GetFirstChild<MoveFrom>() is not null))
            {
                _carried = text;
                return;
            }
            if (text.Trim().Length == 0) return;
            if (ListLevel(paragraph) is { } item)
            {
                var marker = item.Ordered ? $"{Count(item)}. " : "- ";
                _listLines.Add(new string(' ', 2 * item.Level) + marker + OneLine(text));
                return;
            }
            EndList();
            _blocks.Add(text.Trim());
        }

        private void EndList()
        {
            if (_listLines.Count == 0) return;
            _blocks.Add(string.Join('\n', _listLines));
            _listLines.Clear();
        }

        /// <summary>Word's displayed number for a list item: counted per list and level, deeper levels restart.</summary>
        private int Count(ListItem item)
        {
            if (!_counters.TryGetValue(item.NumberingId, out var counters)) _counters[item.NumberingId] = counters = new int[10];
            counters[item.Level] = counters[item.Level] == 0 ? item.Start : counters[item.Level] + 1;
            for (var deeper = item.Level + 1; deeper < counters.Length; deeper++) counters[deeper] = 0;
            return counters[item.Level];
        }

        /// <summary>A pipe table, first row as header; a table of one cell is a layout box and reads as its text.</summary>
        private void Table(Table table)
        {
            var rows = new List<List<string>>();
            foreach (var row in table.Elements<TableRow>())
            {
                if (row.TableRowProperties?.GetFirstChild<Deleted>() is not null) continue; // a tracked row deletion
                var cells = new List<string>();
                foreach (var cell in row.Elements<TableCell>())
                {
                    var properties = cell.TableCellProperties;
                    var continued = properties?.VerticalMerge is { } merge && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue);
                    cells.Add(continued ? "" : OneLine(CellText(cell)).Replace("|", "\\|", StringComparison.Ordinal));
                    for (var span = properties?.GridSpan?.Val?.Value ?? 1; span > 1; span--) cells.Add("");
                }
                rows.Add(cells);
            }
            if (rows.All(r => r.All(c => c.Length == 0))) return;
            if (rows.Count == 1 && rows[0].Count == 1)
            {
                Blocks(table.Elements<TableRow>().First().Elements<TableCell>().First());
                return;
            }
            var columns = rows.Max(r => r.Count);
            var lines = new List<string>();
            foreach (var row in rows)
            {
                while (row.Count < columns) row.Add("");
                lines.Add("| " + string.Join(" | ", row) + " |");
                if (lines.Count == 1) lines.Add("| " + string.Join(" | ", Enumerable.Repeat("---", columns)) + " |");
            }
            _blocks.Add(string.Join('\n', lines));
        }

        private string CellText(OpenXmlElement cell)
        {
            var parts = new List<string>();
            foreach (var element in cell.ChildElements)
            {
                switch (element)
                {
                    case Paragraph p:
                        parts.Add(ParagraphText(p, notes: true));
                        break;
                    case Table nested:
                        parts.AddRange(nested.Descendants<TableCell>().Select(CellText));
                        break;
                    case SdtBlock or SdtContentBlock or CustomXmlBlock:
                        parts.Add(CellText(element));
                        break;
                }
            }
            return string.Join(' ', parts.Select(p => p.Trim()).Where(p => p.Length > 0));
        }

        private string ParagraphText(OpenXmlElement paragraph, bool notes)
        {
            var sb = new StringBuilder();
            Walk(paragraph, sb, notes);
            return sb.ToString();
        }

        private void Walk(OpenXmlElement element, StringBuilder sb, bool notes)
        {
            foreach (var child in element.ChildElements)
            {
                switch (child)
                {
                    // Tracked deletions and the source of a move are not the text the author submits.
                    case DeletedRun or MoveFromRun or DeletedText or DeletedFieldCode:
                        break;
                    // Formatting, field instructions, drawings and text boxes (their text is not the paragraph's).
                    case RunProperties or ParagraphProperties or FieldCode or Drawing or Picture or EmbeddedObject or AlternateContent:
                        break;
                    case Text t:
                        sb.Append(t.Text);
                        break;
                    case TabChar or PositionalTab:
                        sb.Append('\t');
                        break;
                    case Break or CarriageReturn:
                        sb.Append('\n');
                        break;
                    case NoBreakHyphen:
                        sb.Append('\u2011');
                        break;
                    case FootnoteReference reference when notes:
                        var footnote = main.FootnotesPart?.Footnotes?.Elements<DocumentFormat.OpenXml.Wordprocessing.Footnote>()
                            .FirstOrDefault(f => f.Id?.Value == reference.Id?.Value);
                        sb.Append(Note(footnote));
                        break;
                    case EndnoteReference reference when notes:
                        var endnote = main.EndnotesPart?.Endnotes?.Elements<Endnote>().FirstOrDefault(e => e.Id?.Value == reference.Id?.Value);
                        sb.Append(Note(endnote));
                        break;
                    default:
                        Walk(child, sb, notes);
                        break;
                }
            }
        }

        /// <summary>Footnotes and endnotes share one sequence: to the letter both are notes of the contribution.</summary>
        private string Note(OpenXmlElement? note)
        {
            var marker = (Notes.Count + 1).ToString(CultureInfo.InvariantCulture);
            var text = note is null ? "" : string.Join(" ", note.Descendants<Paragraph>().Select(p => OneLine(ParagraphText(p, notes: false))).Where(s => s.Length > 0));
            Notes.Add(new Footnote { Marker = marker, Text = text });
            return $"[^{marker}]";
        }

        private static string OneLine(string text) =>
            string.Join(' ', text.Split(['\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

        private sealed record ListItem(int NumberingId, int Level, bool Ordered, int Start);

        /// <summary>The list a paragraph belongs to: its own numbering properties, or its style's (List Bullet, List Number …).</summary>
        private ListItem? ListLevel(Paragraph paragraph)
        {
            var numbering = paragraph.ParagraphProperties?.NumberingProperties;
            int? numId = numbering?.NumberingId?.Val?.Value;
            int? level = numbering?.NumberingLevelReference?.Val?.Value;
            var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            for (var depth = 0; numId is null && styleId is not null && depth < 10; depth++)
            {
                var style = main.StyleDefinitionsPart?.Styles?.Elements<Style>().FirstOrDefault(s => s.StyleId?.Value == styleId);
                var styleNumbering = style?.StyleParagraphProperties?.NumberingProperties;
                numId = styleNumbering?.NumberingId?.Val?.Value;
                level ??= styleNumbering?.NumberingLevelReference?.Val?.Value;
                styleId = style?.BasedOn?.Val?.Value;
            }
            if (numId is null or 0) return null;
            var ilvl = Math.Clamp(level ?? 0, 0, 8);

            var instance = main.NumberingDefinitionsPart?.Numbering?.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId);
            var abstractId = instance?.AbstractNumId?.Val?.Value;
            var definition = main.NumberingDefinitionsPart?.Numbering?.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId);
            var lvl = instance?.Elements<LevelOverride>().FirstOrDefault(o => o.LevelIndex?.Value == ilvl)?.Level
                ?? definition?.Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == ilvl);
            var format = lvl?.NumberingFormat?.Val?.Value;
            if (format == NumberFormatValues.None) return null; // numbered without a visible number: a plain paragraph
            var start = instance?.Elements<LevelOverride>().FirstOrDefault(o => o.LevelIndex?.Value == ilvl)?.StartOverrideNumberingValue?.Val?.Value
                ?? lvl?.StartNumberingValue?.Val?.Value ?? 1;
            var ordered = format is not null && format != NumberFormatValues.Bullet;
            return new ListItem(numId.Value, ilvl, ordered, start);
        }
    }
}
