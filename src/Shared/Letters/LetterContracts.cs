using MigrationAgenda.Intake;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Letters;

/// <summary>What a letter is made from: the round, the current contribution per ministry and pillar, and the previous draft.</summary>
public sealed record LetterInput
{
    public required RoundPlan Plan { get; init; }
    /// <summary>The newest version per ministry and pillar.</summary>
    public required IReadOnlyList<StoredContribution> Contributions { get; init; }
    public required int DraftNumber { get; init; }
    /// <summary>The letter's date ("Datum 11 januari 2021").</summary>
    public required DateOnly Date { get; init; }
    /// <summary>The previous draft's manifest, to tell the reviewer what changed; null for the first draft.</summary>
    public LetterManifest? Previous { get; init; }
}

/// <summary>One rendering of the letter.</summary>
public sealed record RenderedFile(string Format, string ContentType, byte[] Content);

/// <summary>A pillar that has no text from a ministry that owes it.</summary>
public sealed record MissingPillar(string Ministry, int Pillar, string Title);

/// <summary>The assembled letter in every format, with what the reviewer must know about it.</summary>
public sealed record AssembledLetter
{
    public required IReadOnlyList<RenderedFile> Files { get; init; }
    public required LetterManifest Manifest { get; init; }
}

/// <summary>
/// Stored next to each draft as manifest.json: the contribution versions used, what is missing,
/// warnings (footnote problems), and per pillar the paragraphs, so the next draft can say what changed.
/// </summary>
public sealed record LetterManifest
{
    public required string RoundId { get; init; }
    public required int DraftNumber { get; init; }
    public required DateOnly Date { get; init; }
    public required IReadOnlyList<UsedContribution> Used { get; init; }
    public required IReadOnlyList<MissingPillar> Missing { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Per pillar number, the paragraphs of its section as plain text.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> Paragraphs { get; init; } = new Dictionary<int, IReadOnlyList<string>>();
    /// <summary>Per pillar, what changed since the previous draft; empty for the first.</summary>
    public IReadOnlyList<PillarChange> Changes { get; init; } = [];
}

public sealed record UsedContribution(string Ministry, int Pillar, int Version);

public sealed record PillarChange(int Pillar, string Title, IReadOnlyList<string> Added, IReadOnlyList<string> Removed);

/// <summary>Builds the letter from a round's contributions. Pure: no I/O.</summary>
public interface ILetterBuilder
{
    AssembledLetter Build(LetterInput input);
}
