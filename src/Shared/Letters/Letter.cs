namespace MigrationAgenda.Letters;

/// <summary>
/// The assembled letter as one format-neutral model. Every renderer (Markdown, HTML, DOCX) reads
/// only this, so the three files cannot drift apart in content or footnote numbering.
/// </summary>
public sealed record Letter
{
    public required LetterHeader Header { get; init; }
    /// <summary>The body in reading order: Aanleiding, context, Overkoepelend, pillars, Ten slotte.</summary>
    public required IReadOnlyList<LetterSection> Sections { get; init; }
    /// <summary>Footnotes numbered 1..N in order of first reference across the whole letter.</summary>
    public required IReadOnlyList<LetterFootnote> Footnotes { get; init; }
    public required LetterSignature Signature { get; init; }
}
