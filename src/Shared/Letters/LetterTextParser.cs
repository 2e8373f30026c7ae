using System.Text;
using MigrationAgenda.Intake;

namespace MigrationAgenda.Letters;

/// <summary>A paragraph as written: literal text pieces and footnote markers, not yet numbered.</summary>
internal sealed record ParsedParagraph(IReadOnlyList<ParsedPiece> Pieces);

/// <summary>Either literal text (<see cref="Marker"/> null) or a footnote reference "[^marker]".</summary>
internal readonly record struct ParsedPiece(string? Text, string? Marker);

/// <summary>Paragraphs plus footnote definitions written inline as "[^marker]: text" lines.</summary>
internal sealed record ParsedText(IReadOnlyList<ParsedParagraph> Paragraphs, IReadOnlyList<Footnote> Definitions);

/// <summary>
/// Turns submitted text into paragraphs. Paragraphs are separated by blank lines; line breaks inside a
/// paragraph are wrapping (mail clients hard-wrap), so they become single spaces. Coordinator texts have
/// no separate footnote list, so "[^marker]: text" lines are accepted as definitions, Markdown style.
/// Everything is one forward pass with bounded look-ahead: a 1 MB paragraph costs linear time and no
/// regex can backtrack.
/// </summary>
internal static class LetterTextParser
{
    /// <summary>Markers longer than this are not markers; this bounds the look-ahead at every '['.</summary>
    internal const int MaxMarkerLength = 32;

    public static ParsedText Parse(string? text)
    {
        var paragraphs = new List<ParsedParagraph>();
        var definitions = new List<Footnote>();
        if (string.IsNullOrEmpty(text))
            return new ParsedText(paragraphs, definitions);

        var current = new StringBuilder();
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
            if (current.Length > 0)
            {
                paragraphs.Add(SplitMarkers(Clean(current.ToString())));
                current.Clear();
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
            var target = definitionMarker is not null ? definitionText : current;
            if (target.Length > 0)
                target.Append(' ');
            target.Append(line);
        }
        EndBlock();
        return new ParsedText(paragraphs, definitions);
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
