namespace MigrationAgenda.Letters;

/// <summary>The assembled model plus what the manifest reports about how it was made.</summary>
public sealed record LetterAssembly(
    Letter Letter,
    IReadOnlyList<UsedContribution> Used,
    IReadOnlyList<MissingPillar> Missing,
    IReadOnlyList<string> Warnings);
