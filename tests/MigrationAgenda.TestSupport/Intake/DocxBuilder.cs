using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MigrationAgenda.TestSupport.Intake;

/// <summary>
/// Builds small real .docx files in memory, with the Word XML Word itself writes: headings, footnotes and endnotes
/// (their own parts, separators first), tracked changes (w:ins, w:del with w:delText, w:moveFrom/w:moveTo with their
/// range marks), comments (w:commentRangeStart/End, w:commentReference and a comments part), bulleted and numbered
/// lists (w:numPr pointing into a numbering part) and tables (w:tbl with a grid). The package is written with fixed
/// timestamps and stored entries, so the same document gives the same bytes (the corpus checks its files in).
/// </summary>
public sealed class DocxBuilder
{
    private const string Author = "Piet Jansen";
    private static readonly DateTime Edited = new(2027, 1, 4, 14, 2, 0, DateTimeKind.Utc);

    /// <summary>A piece of a paragraph: plain text, a tracked change, a comment or a note reference.</summary>
    public abstract record Piece;

    private sealed record Plain(string Text) : Piece;
    private sealed record Inserted(string Text) : Piece;
    private sealed record Removed(string Text) : Piece;
    private sealed record MovedFrom(string Text, string Name) : Piece;
    private sealed record MovedTo(string Text, string Name) : Piece;
    private sealed record Commented(string Text, string Comment) : Piece;
    private sealed record Note(string Text, bool End) : Piece;

    public static Piece T(string text) => new Plain(text);
    public static Piece Ins(string text) => new Inserted(text);
    public static Piece Del(string text) => new Removed(text);
    public static Piece MoveFrom(string text, string name = "move1") => new MovedFrom(text, name);
    public static Piece MoveTo(string text, string name = "move1") => new MovedTo(text, name);
    public static Piece Comment(string text, string comment) => new Commented(text, comment);
    public static Piece Footnote(string text) => new Note(text, End: false);
    public static Piece Endnote(string text) => new Note(text, End: true);

    private abstract record Block;
    private sealed record Para(IReadOnlyList<Piece> Pieces, string? Style, (int NumId, int Level)? List, bool MarkDeleted) : Block;
    private sealed record Grid(IReadOnlyList<IReadOnlyList<IReadOnlyList<Piece>>> Rows) : Block;

    private readonly List<Block> _blocks = [];

    public DocxBuilder Heading(string text) => Add(new Para([T(text)], "Heading1", null, false));

    /// <summary>A paragraph; with <paramref name="footnote"/>, a Word footnote reference is placed at its end.</summary>
    public DocxBuilder Paragraph(string text, string? footnote = null) =>
        Add(new Para(footnote is null ? [T(text)] : [T(text), Footnote(footnote)], null, null, false));

    public DocxBuilder Paragraph(params Piece[] pieces) => Add(new Para(pieces, null, null, false));

    /// <summary>A paragraph whose mark is a tracked deletion: Word shows it joined to the next paragraph.</summary>
    public DocxBuilder ParagraphJoinedToNext(params Piece[] pieces) => Add(new Para(pieces, null, null, true));

    /// <summary>A list item of the bulleted list (numId 1) at <paramref name="level"/>.</summary>
    public DocxBuilder Bullet(string text, int level = 0) => Add(new Para([T(text)], "ListParagraph", (1, level), false));

    public DocxBuilder Bullet(int level, params Piece[] pieces) => Add(new Para(pieces, "ListParagraph", (1, level), false));

    /// <summary>A list item of numbered list <paramref name="list"/> (each list its own w:num, numbering from 1).</summary>
    public DocxBuilder Numbered(string text, int level = 0, int list = 2) => Add(new Para([T(text)], "ListParagraph", (list, level), false));

    public DocxBuilder Table(params string[][] rows) => Add(new Grid(rows.Select(r => r.Select(c => (IReadOnlyList<Piece>)[T(c)]).ToList()).ToList()));

    /// <summary>A table whose cells hold pieces (a footnote in a cell, a tracked change).</summary>
    public DocxBuilder Table(params Piece[][][] rows) => Add(new Grid(rows));

    private DocxBuilder Add(Block block)
    {
        _blocks.Add(block);
        return this;
    }

    public byte[] Build()
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>("rId1").Styles = Styles();
            main.AddNewPart<NumberingDefinitionsPart>("rId2").Numbering = Numbering();
            var footnotes = main.AddNewPart<FootnotesPart>("rId3");
            footnotes.Footnotes = new Footnotes(
                new DocumentFormat.OpenXml.Wordprocessing.Footnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
                new DocumentFormat.OpenXml.Wordprocessing.Footnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
            var endnotes = main.AddNewPart<EndnotesPart>("rId4");
            endnotes.Endnotes = new Endnotes(
                new Endnote(new Paragraph(new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
                new Endnote(new Paragraph(new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
            var comments = main.AddNewPart<WordprocessingCommentsPart>("rId5");
            comments.Comments = new Comments();

            var ids = new Ids();
            var body = new Body();
            foreach (var block in _blocks)
            {
                body.Append(block switch
                {
                    Para p => BuildParagraph(p, ids, footnotes.Footnotes, endnotes.Endnotes, comments.Comments),
                    Grid g => BuildTable(g, ids, footnotes.Footnotes, endnotes.Endnotes, comments.Comments),
                    _ => throw new InvalidOperationException(),
                });
            }
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }));
            main.Document = new Document(body);
        }
        return Deterministic(ms.ToArray());
    }

    private sealed class Ids
    {
        public int Footnote = 1;
        public int Endnote = 1;
        public int Comment;
        public int Revision = 100;
        public int Move;
    }

    private static Paragraph BuildParagraph(Para block, Ids ids, Footnotes footnotes, Endnotes endnotes, Comments comments)
    {
        var p = new Paragraph();
        var properties = new ParagraphProperties();
        if (block.Style is not null) properties.Append(new ParagraphStyleId { Val = block.Style });
        if (block.List is { } list)
            properties.Append(new NumberingProperties(new NumberingLevelReference { Val = list.Level }, new NumberingId { Val = list.NumId }));
        if (block.MarkDeleted)
            properties.Append(new ParagraphMarkRunProperties(new Deleted { Author = Author, Date = Edited, Id = (ids.Revision++).ToString() }));
        if (properties.HasChildren) p.Append(properties);

        foreach (var piece in block.Pieces)
        {
            switch (piece)
            {
                case Plain t:
                    p.Append(TextRun(t.Text));
                    break;
                case Inserted t:
                    p.Append(new InsertedRun(TextRun(t.Text)) { Author = Author, Date = Edited, Id = (ids.Revision++).ToString() });
                    break;
                case Removed t:
                    p.Append(new DeletedRun(new Run(new DeletedText(t.Text) { Space = SpaceProcessingModeValues.Preserve })) { Author = Author, Date = Edited, Id = (ids.Revision++).ToString() });
                    break;
                case MovedFrom t:
                    var from = (ids.Move++).ToString();
                    p.Append(new MoveFromRangeStart { Id = from, Name = t.Name, Author = Author, Date = Edited });
                    p.Append(new MoveFromRun(TextRun(t.Text)) { Author = Author, Date = Edited, Id = (ids.Revision++).ToString() });
                    p.Append(new MoveFromRangeEnd { Id = from });
                    break;
                case MovedTo t:
                    var to = (ids.Move++).ToString();
                    p.Append(new MoveToRangeStart { Id = to, Name = t.Name, Author = Author, Date = Edited });
                    p.Append(new MoveToRun(TextRun(t.Text)) { Author = Author, Date = Edited, Id = (ids.Revision++).ToString() });
                    p.Append(new MoveToRangeEnd { Id = to });
                    break;
                case Commented t:
                    var id = (ids.Comment++).ToString();
                    comments.Append(new DocumentFormat.OpenXml.Wordprocessing.Comment(
                        new Paragraph(new Run(new AnnotationReferenceMark()), TextRun(t.Comment)))
                    { Id = id, Author = "Karin de Wit", Initials = "KdW", Date = Edited });
                    p.Append(new CommentRangeStart { Id = id });
                    p.Append(TextRun(t.Text));
                    p.Append(new CommentRangeEnd { Id = id });
                    p.Append(new Run(new RunProperties(new RunStyle { Val = "CommentReference" }), new CommentReference { Id = id }));
                    break;
                case Note { End: false } n:
                    var fid = ids.Footnote++;
                    p.Append(new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new FootnoteReference { Id = fid }));
                    footnotes.Append(new DocumentFormat.OpenXml.Wordprocessing.Footnote(
                        new Paragraph(new Run(new FootnoteReferenceMark()), TextRun(" " + n.Text)))
                    { Id = fid });
                    break;
                case Note n:
                    var eid = ids.Endnote++;
                    p.Append(new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new EndnoteReference { Id = eid }));
                    endnotes.Append(new Endnote(new Paragraph(new Run(new EndnoteReferenceMark()), TextRun(" " + n.Text))) { Id = eid });
                    break;
            }
        }
        return p;
    }

    private static Table BuildTable(Grid grid, Ids ids, Footnotes footnotes, Endnotes endnotes, Comments comments)
    {
        var columns = grid.Rows.Max(r => r.Count);
        var width = 9000 / columns;
        var table = new Table(
            new TableProperties(
                new TableStyle { Val = "TableGrid" },
                new TableWidth { Width = "0", Type = TableWidthUnitValues.Auto },
                new TableLook { Val = "04A0", FirstRow = true, FirstColumn = true, NoVerticalBand = true }),
            new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = width.ToString() })));
        foreach (var row in grid.Rows)
        {
            var tr = new TableRow();
            foreach (var cell in row)
                tr.Append(new TableCell(
                    new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa }),
                    BuildParagraph(new Para(cell, null, null, false), ids, footnotes, endnotes, comments)));
            table.Append(tr);
        }
        return table;
    }

    private static Run TextRun(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    private static Styles Styles() =>
        new(
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(new StyleName { Val = "heading 1" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
                new StyleParagraphProperties(new OutlineLevel { Val = 0 })) { Type = StyleValues.Paragraph, StyleId = "Heading1" },
            new Style(new StyleName { Val = "List Paragraph" }, new BasedOn { Val = "Normal" },
                new StyleParagraphProperties(new Indentation { Left = "720" })) { Type = StyleValues.Paragraph, StyleId = "ListParagraph" },
            new Style(new StyleName { Val = "Table Grid" }) { Type = StyleValues.Table, StyleId = "TableGrid" });

    /// <summary>Word's numbering part: a bullet list (abstract 0, num 1) and a decimal list (abstract 1, nums 2 and 3).</summary>
    private static Numbering Numbering()
    {
        static AbstractNum Abstract(int id, bool bullet)
        {
            var abstractNum = new AbstractNum(new MultiLevelType { Val = MultiLevelValues.HybridMultilevel }) { AbstractNumberId = id };
            for (var level = 0; level < 9; level++)
            {
                abstractNum.Append(new Level(
                    new StartNumberingValue { Val = 1 },
                    new NumberingFormat { Val = bullet ? NumberFormatValues.Bullet : level % 3 == 1 ? NumberFormatValues.LowerLetter : NumberFormatValues.Decimal },
                    new LevelText { Val = bullet ? "•" : $"%{level + 1}." },
                    new LevelJustification { Val = LevelJustificationValues.Left },
                    new PreviousParagraphProperties(new Indentation { Left = (720 * (level + 1)).ToString(), Hanging = "360" }))
                { LevelIndex = level });
            }
            return abstractNum;
        }
        return new Numbering(
            Abstract(0, bullet: true),
            Abstract(1, bullet: false),
            new NumberingInstance(new AbstractNumId { Val = 0 }) { NumberID = 1 },
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 2 },
            new NumberingInstance(new AbstractNumId { Val = 1 }, new LevelOverride(new StartOverrideNumberingValue { Val = 1 }) { LevelIndex = 0 }) { NumberID = 3 });
    }

    /// <summary>The same package with stored entries and fixed timestamps: equal documents, equal bytes.</summary>
    private static byte[] Deterministic(byte[] package)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var result = new MemoryStream();
        using (var target = new ZipArchive(result, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries.OrderBy(e => e.FullName == "[Content_Types].xml" ? 0 : 1).ThenBy(e => e.FullName, StringComparer.Ordinal))
            {
                var copy = target.CreateEntry(entry.FullName, CompressionLevel.NoCompression);
                copy.LastWriteTime = new DateTimeOffset(2027, 1, 4, 14, 2, 0, TimeSpan.Zero);
                using var from = entry.Open();
                using var to = copy.Open();
                if (entry.FullName == "_rels/.rels")
                {
                    // The SDK names the package's own relationships at random; nothing refers to those ids.
                    var rels = new StreamReader(from).ReadToEnd();
                    var n = 0;
                    rels = Regex.Replace(rels, "Id=\"R[0-9a-f]{16}\"", _ => $"Id=\"rIdPackage{++n}\"");
                    to.Write(Encoding.UTF8.GetBytes(rels));
                }
                else
                {
                    from.CopyTo(to);
                }
            }
        }
        return result.ToArray();
    }
}
