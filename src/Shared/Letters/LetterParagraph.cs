using System.Text;

namespace MigrationAgenda.Letters;

/// <summary>A body paragraph, or the visible placeholder that stands in for a missing contribution.</summary>
public enum LetterParagraphKind
{
    Body,
    Placeholder,
}

/// <summary>
/// One paragraph as a sequence of inline runs. Text stays plain text here; each renderer escapes it
/// for its own format, so no markup written by a contributor can ever become markup in the output.
/// </summary>
public sealed record LetterParagraph
{
    public LetterParagraphKind Kind { get; init; } = LetterParagraphKind.Body;
    public required IReadOnlyList<LetterInline> Inlines { get; init; }
    /// <summary>The ministry whose contribution this paragraph comes from; null for coordinator texts.</summary>
    public string? Ministry { get; init; }

    /// <summary>The paragraph's text without footnote references: what a reviewer compares between drafts.</summary>
    public string PlainText()
    {
        if (Inlines is [LetterText only])
            return only.Text;
        var builder = new StringBuilder();
        foreach (var inline in Inlines)
            if (inline is LetterText text)
                builder.Append(text.Text);
        return builder.ToString();
    }
}

/// <summary>An inline piece of a paragraph.</summary>
public abstract record LetterInline;

/// <summary>Literal text, exactly as the contributor wrote it (after XML-unsafe characters are replaced).</summary>
public sealed record LetterText(string Text) : LetterInline;

/// <summary>A reference to the letter-wide footnote with this number.</summary>
public sealed record LetterFootnoteRef(int Number) : LetterInline;
