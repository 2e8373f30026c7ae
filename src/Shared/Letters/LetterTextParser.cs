using System.Text;
using MigrationAgenda.Intake;

namespace MigrationAgenda.Letters;

/// <summary>What a parsed block is: a paragraph, a list item or a table.</summary>
internal enum ParsedKind
{
    Paragraph,
    ListItem,
    Table,
}

/// <summary>
/// A block as written: literal text pieces and footnote markers, not yet numbered. List items carry their level,
/// kind and number; tables their rows of cells (the first row the header) and no pieces of their own.
/// </summary>
internal sealed record ParsedParagraph(IReadOnlyList<ParsedPiece> Pieces)
{
    public ParsedKind Kind { get; init; } = ParsedKind.Paragraph;
    public int Level { get; init; }
    public bool Ordered { get; init; }
    public int Number { get; init; }
    public IReadOnlyList<IReadOnlyList<IReadOnlyList<ParsedPiece>>> Rows { get; init; } = [];
}

/// <summary>Either literal text (<see cref="Marker"/> null) or a footnote reference "[^marker]".</summary>
internal readonly record struct ParsedPiece(string? Text, string? Marker);

/// <summary>Paragraphs plus footnote definitions written inline as "[^marker]: text" lines.</summary>
internal sealed record ParsedText(IReadOnlyList<ParsedParagraph> Paragraphs, IReadOnlyList<Footnote> Definitions);

/// <summary>
/// Turns submitted text into blocks. Paragraphs are separated by blank lines; line breaks inside a paragraph are
/// wrapping (mail clients hard-wrap), so they become single spaces. Within a block, lines that start with "- ",
/// "* ", "• " or "1. " / "1) " are list items (nested by their indent, deeper lines joined to their item), and a
/// block whose second line is a delimiter row ("| --- | --- |") is a pipe table whose first line is the header,
/// the form intake writes for Word's lists and tables. Coordinator texts have no separate footnote list, so
/// "[^marker]: text" lines are accepted as definitions, Markdown style. Everything is one forward pass with
/// bounded look-ahead: a 1 MB paragraph costs linear time and no regex can backtrack.
/// </summary>
internal static class LetterTextParser
{
    /// <summary>Markers longer than this are not markers; this bounds the look-ahead at every '['.</summary>
    internal const int MaxMarkerLength = 32;

    /// <summary>The deepest list level kept; deeper items are shown at this level.</summary>
    internal const int MaxListLevel = 8;

    public static ParsedText Parse(string? text)
    {
        var paragraphs = new List<ParsedParagraph>();
        var definitions = new List<Footnote>();
        if (string.IsNullOrEmpty(text))
            return new ParsedText(paragraphs, definitions);

        var block = new List<string>();
        string? definitionMarker = null;
        var definitionText = new StringBuilder();

        void EndBlock()
        {
            if (definitionMarker is not null)
            {
                definitions.Add(new Footnote { Marker = definitionMarker, Text = Clean(definitionText.ToString()) });
                definitionMarker = null;
                definitionText.Clear();
            }
            if (block.Count > 0)
            {
                ParseBlock(block, paragraphs);
                block.Clear();
            }
        }

        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.IsEmpty)
            {
                EndBlock();
                continue;
            }
            if (TryReadMarker(line, 0, out var marker, out var end) && end < line.Length && line[end] == ':')
            {
                EndBlock();
                definitionMarker = marker;
                definitionText.Append(line[(end + 1)..].Trim());
                continue;
            }
            if (definitionMarker is not null)
            {
                definitionText.Append(' ').Append(line);
                continue;
            }
            block.Add(rawLine.TrimEnd().ToString());
        }
        EndBlock();
        return new ParsedText(paragraphs, definitions);
    }

    /// <summary>One blank-line separated block: paragraph text, list items and tables in the order written.</summary>
    private static void ParseBlock(List<string> lines, List<ParsedParagraph> output)
    {
        var paragraph = new StringBuilder();
        var indents = new List<int>();
        void EndParagraph()
        {
            if (paragraph.Length > 0)
                output.Add(SplitMarkers(Clean(paragraph.ToString())));
            paragraph.Clear();
        }

        var i = 0;
        while (i < lines.Count)
        {
            if (IsTableStart(lines, i))
            {
                EndParagraph();
                indents.Clear();
                var rows = new List<IReadOnlyList<IReadOnlyList<ParsedPiece>>> { Cells(lines[i]) };
                for (i += 2; i < lines.Count && lines[i].TrimStart().StartsWith('|'); i++)
                    rows.Add(Cells(lines[i]));
                output.Add(new ParsedParagraph([]) { Kind = ParsedKind.Table, Rows = rows });
                continue;
            }
            if (TryListItem(lines[i], out var indent, out var ordered, out var number, out var start))
            {
                EndParagraph();
                var item = new StringBuilder(lines[i][start..].Trim());
                for (i++; i < lines.Count && !TryListItem(lines[i], out _, out _, out _, out _) && !IsTableStart(lines, i); i++)
                    item.Append(' ').Append(lines[i].Trim());
                output.Add(SplitMarkers(Clean(item.ToString())) with
                {
                    Kind = ParsedKind.ListItem,
                    Level = Level(indents, indent),
                    Ordered = ordered,
                    Number = number,
                });
                continue;
            }
            if (paragraph.Length > 0)
                paragraph.Append(' ');
            paragraph.Append(lines[i].Trim());
            i++;
        }
        EndParagraph();
    }

    /// <summary>The nesting level of a list item indented by <paramref name="indent"/> within the current list.</summary>
    private static int Level(List<int> indents, int indent)
    {
        if (indents.Count == 0 || indent > indents[^1])
            indents.Add(indent);
        else
            while (indents.Count > 1 && indent < indents[^1])
                indents.RemoveAt(indents.Count - 1);
        return Math.Min(indents.Count - 1, MaxListLevel);
    }

    /// <summary>"- item", "* item", "• item", "1. item", "1) item", after any indent (a tab counts as four spaces).</summary>
    private static bool TryListItem(string line, out int indent, out bool ordered, out int number, out int textStart)
    {
        indent = 0;
        ordered = false;
        number = 0;
        textStart = 0;
        var i = 0;
        for (; i < line.Length && line[i] is ' ' or '\t'; i++)
            indent += line[i] == '\t' ? 4 : 1;
        if (i >= line.Length)
            return false;
        if (line[i] is '-' or '*' or '•' or '+')
        {
            if (i + 1 >= line.Length || line[i + 1] != ' ')
                return false;
            textStart = i + 2;
            return line.AsSpan(textStart).Trim().Length > 0;
        }
        var digits = i;
        while (digits < line.Length && digits - i < 3 && char.IsAsciiDigit(line[digits]))
            digits++;
        if (digits == i || digits + 1 >= line.Length || line[digits] is not ('.' or ')') || line[digits + 1] != ' ')
            return false;
        ordered = true;
        number = int.Parse(line.AsSpan(i, digits - i), System.Globalization.CultureInfo.InvariantCulture);
        textStart = digits + 2;
        return line.AsSpan(textStart).Trim().Length > 0;
    }

    /// <summary>A pipe row followed by a delimiter row ("| --- | :---: |").</summary>
    private static bool IsTableStart(List<string> lines, int i)
    {
        if (i + 1 >= lines.Count || !lines[i].TrimStart().StartsWith('|'))
            return false;
        var delimiter = lines[i + 1].Trim();
        if (!delimiter.Contains('|', StringComparison.Ordinal))
            return false;
        foreach (var cell in SplitRow(delimiter))
        {
            var c = cell.Trim().Trim(':');
            if (c.Length < 3 || c.Any(ch => ch != '-'))
                return false;
        }
        return true;
    }

    private static IReadOnlyList<IReadOnlyList<ParsedPiece>> Cells(string row) =>
        SplitRow(row.Trim()).Select(cell => SplitMarkers(Clean(cell.Trim())).Pieces).ToList();

    /// <summary>The cells of a pipe row, outer pipes removed, "\|" read as a literal pipe.</summary>
    private static List<string> SplitRow(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var start = row.StartsWith('|') ? 1 : 0;
        for (var i = start; i < row.Length; i++)
        {
            if (row[i] == '\\' && i + 1 < row.Length && row[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (row[i] == '|')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(row[i]);
            }
        }
        if (cell.ToString().Trim().Length > 0 || !row.EndsWith('|'))
            cells.Add(cell.ToString());
        return cells;
    }

    /// <summary>Footnote text from a contribution's list: one line, XML-safe.</summary>
    public static string CleanFootnote(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        var builder = new StringBuilder(text.Length);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (trimmed.IsEmpty)
                continue;
            if (builder.Length > 0)
                builder.Append(' ');
            builder.Append(trimmed);
        }
        return Clean(builder.ToString());
    }

    /// <summary>
    /// Replaces what XML (and so DOCX and HTML) cannot carry: control characters, lone surrogates,
    /// U+FFFE/U+FFFF. Tabs become spaces. The replacement character keeps the damage visible.
    /// </summary>
    internal static string Clean(string text)
    {
        var index = FirstUnsafe(text);
        if (index < 0)
            return text;
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, index);
        for (var i = index; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            builder.Append(c == '\t' ? ' ' : IsUnsafe(c) ? '\uFFFD' : c);
        }
        return builder.ToString();
    }

    private static int FirstUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (c == '\t' || IsUnsafe(c))
                return i;
        }
        return -1;
    }

    private static bool IsUnsafe(char c) =>
        c < ' ' || c == '\uFFFE' || c == '\uFFFF' || char.IsSurrogate(c) || (c >= '\u007F' && c <= '\u009F');

    private static ParsedParagraph SplitMarkers(string text)
    {
        var pieces = new List<ParsedPiece>();
        var start = 0;
        var i = text.IndexOf("[^", StringComparison.Ordinal);
        while (i >= 0)
        {
            if (TryReadMarker(text, i, out var marker, out var end))
            {
                if (i > start)
                    pieces.Add(new ParsedPiece(text[start..i], null));
                pieces.Add(new ParsedPiece(null, marker));
                start = end;
                i = end < text.Length ? text.IndexOf("[^", end, StringComparison.Ordinal) : -1;
            }
            else
            {
                i = text.IndexOf("[^", i + 2, StringComparison.Ordinal);
            }
        }
        if (start < text.Length)
            pieces.Add(new ParsedPiece(text[start..], null));
        return new ParsedParagraph(pieces);
    }

    /// <summary>Reads "[^marker]" at <paramref name="at"/>; <paramref name="end"/> is just past the ']'.</summary>
    private static bool TryReadMarker(ReadOnlySpan<char> text, int at, out string marker, out int end)
    {
        marker = "";
        end = at;
        if (at + 4 > text.Length)
            return false;
        if (text[at] != '[' || text[at + 1] != '^')
            return false;
        var j = at + 2;
        var limit = Math.Min(text.Length, j + MaxMarkerLength);
        while (j < limit && IsMarkerChar(text[j]))
            j++;
        if (j == at + 2 || j >= text.Length || text[j] != ']')
            return false;
        marker = text[(at + 2)..j].ToString();
        end = j + 1;
        return true;
    }

    private static bool IsMarkerChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
