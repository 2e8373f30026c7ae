using System.Text;

namespace MigrationAgenda.Letters;

/// <summary>What a block of the body is.</summary>
public enum LetterParagraphKind
{
    Body,
    /// <summary>The visible placeholder that stands in for a missing contribution.</summary>
    Placeholder,
    /// <summary>One item of a bulleted or numbered list (<see cref="LetterParagraph.ListLevel"/>, <see cref="LetterParagraph.Ordered"/>).</summary>
    ListItem,
    /// <summary>A table (<see cref="LetterParagraph.Rows"/>, the first row its header); <see cref="LetterParagraph.Inlines"/> is empty.</summary>
    Table,
}

/// <summary>
/// One block of the body: a paragraph, a list item or a table, as inline runs. Text stays plain text here; each
/// renderer escapes it for its own format, so no markup written by a contributor can ever become markup in the
/// output. Consecutive list items form one list.
/// </summary>
public sealed record LetterParagraph
{
    public LetterParagraphKind Kind { get; init; } = LetterParagraphKind.Body;
    public required IReadOnlyList<LetterInline> Inlines { get; init; }
    /// <summary>The ministry whose contribution this paragraph comes from; null for coordinator texts.</summary>
    public string? Ministry { get; init; }
    /// <summary>List items: nesting depth, 0 for the outer list.</summary>
    public int ListLevel { get; init; }
    /// <summary>List items: numbered (true) or bulleted.</summary>
    public bool Ordered { get; init; }
    /// <summary>Numbered list items: the number the contributor gave it.</summary>
    public int Number { get; init; }
    /// <summary>Tables: the rows, the first one the header.</summary>
    public IReadOnlyList<LetterTableRow> Rows { get; init; } = [];

    /// <summary>The paragraph's text without footnote references: what a reviewer compares between drafts.</summary>
    public string PlainText()
    {
        if (Kind == LetterParagraphKind.Table)
            return string.Join('\n', Rows.Select(r => string.Join(" | ", r.Cells.Select(c => Plain(c.Inlines)))));
        return Plain(Inlines);
    }

    private static string Plain(IReadOnlyList<LetterInline> inlines)
    {
        if (inlines is [LetterText only])
            return only.Text;
        var builder = new StringBuilder();
        foreach (var inline in inlines)
            if (inline is LetterText text)
                builder.Append(text.Text);
        return builder.ToString();
    }
}

/// <summary>A table row: its cells, left to right.</summary>
public sealed record LetterTableRow(IReadOnlyList<LetterTableCell> Cells);

/// <summary>A table cell: inline text, footnote references included.</summary>
public sealed record LetterTableCell(IReadOnlyList<LetterInline> Inlines);

/// <summary>An inline piece of a paragraph.</summary>
public abstract record LetterInline;

/// <summary>Literal text, exactly as the contributor wrote it (after XML-unsafe characters are replaced).</summary>
public sealed record LetterText(string Text) : LetterInline;

/// <summary>A reference to the letter-wide footnote with this number.</summary>
public sealed record LetterFootnoteRef(int Number) : LetterInline;
