namespace MigrationAgenda.Intake;

/// <summary>A footnote as its author wrote it: the marker used in the text ("1" for "[^1]") and its text.</summary>
public sealed record Footnote
{
    public required string Marker { get; init; }
    public required string Text { get; init; }
}

/// <summary>One pillar's text from one ministry, as submitted.</summary>
public sealed record PillarText
{
    public required int Pillar { get; init; }
    /// <summary>Paragraphs separated by blank lines; footnote references as "[^marker]".</summary>
    public required string Text { get; init; }
    public IReadOnlyList<Footnote> Footnotes { get; init; } = [];
}

/// <summary>
/// Everything one submission (one HTTP post, one e-mail) brings in. Stored as one unit:
/// all its pillar versions or none, and at most once per <see cref="SubmissionKey"/>.
/// </summary>
public sealed record Submission
{
    public required string RoundId { get; init; }
    public required string Ministry { get; init; }
    /// <summary>Identifies the submission for de-duplication (message id or content hash).</summary>
    public required string SubmissionKey { get; init; }
    public required IReadOnlyList<PillarText> Sections { get; init; }
    public required string Sender { get; init; }
    /// <summary>The sender's display name for the timeline (the signed-in caller's, over HTTP); null for mail.</summary>
    public string? SenderName { get; init; }
    /// <summary>"http" or "mail".</summary>
    public required string Source { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public int RequestVersion { get; init; }
    public string? MessageId { get; init; }
    /// <summary>Blob name of the archived raw message, for mail.</summary>
    public string? ArchiveBlob { get; init; }
}

/// <summary>A stored version of one ministry's text for one pillar. The highest version is the current one.</summary>
public sealed record StoredContribution
{
    public required string RoundId { get; init; }
    public required string Ministry { get; init; }
    public required int Pillar { get; init; }
    public required int Version { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<Footnote> Footnotes { get; init; } = [];
    public required string Sender { get; init; }
    public required string Source { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string SubmissionKey { get; init; }
    public string? MessageId { get; init; }
    public string? ArchiveBlob { get; init; }
}
