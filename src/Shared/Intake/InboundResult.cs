using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>What became of one inbound post: accepted (with the stored versions) or quarantined (with its reason).</summary>
public sealed record InboundResult
{
    public required string Id { get; init; }
    public required string Outcome { get; init; }
    /// <summary>The reason in Dutch, worded from <see cref="ReasonCode"/> by <see cref="IntakeWording"/>.</summary>
    public string? Reason { get; init; }
    public IntakeReasonCode? ReasonCode { get; init; }
    public string? RoundId { get; init; }
    public string? Ministry { get; init; }
    public string ArchiveBlob { get; init; } = "";
    public IReadOnlyList<StoredContribution> Versions { get; init; } = [];
    public bool Duplicate { get; init; }
}
