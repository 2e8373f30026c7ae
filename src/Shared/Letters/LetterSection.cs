namespace MigrationAgenda.Letters;

/// <summary>What a section is; renderers and the manifest treat pillars differently from the general parts.</summary>
public enum LetterSectionKind
{
    Aanleiding,
    /// <summary>The year's context paragraphs; in the real letter they follow the Aanleiding without a heading.</summary>
    Context,
    Overkoepelend,
    Pillar,
    TenSlotte,
}

/// <summary>One section of the body. <see cref="Heading"/> is null for a section printed without heading.</summary>
public sealed record LetterSection
{
    public required LetterSectionKind Kind { get; init; }
    public string? Heading { get; init; }
    /// <summary>The pillar number for <see cref="LetterSectionKind.Pillar"/> sections.</summary>
    public int? Pillar { get; init; }
    public required IReadOnlyList<LetterParagraph> Paragraphs { get; init; }
}
