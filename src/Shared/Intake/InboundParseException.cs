namespace MigrationAgenda.Intake;

/// <summary>Why a post could not be turned into an <see cref="InboundMessage"/>. Stable names: they end up in the Inbound table.</summary>
public enum InboundParseError
{
    NotMultipart,
    Truncated,
    TooLarge,
    MissingFrom,
    InvalidFrom,
    InvalidEnvelope,
    InvalidCharsets,
    InvalidAttachmentInfo,
    TooManyAttachments,
    AttachmentTooLarge,
    InvalidMime,
    NoContent,
}

/// <summary>
/// The only exception the parser lets out for bad input: the endpoint quarantines the message with
/// <see cref="Error"/> and answers 2xx (a 4xx would make SendGrid drop it, a 5xx would make it retry for 72 h).
/// </summary>
public sealed class InboundParseException : Exception
{
    public InboundParseException(InboundParseError error, string message, Exception? inner = null)
        : base(message, inner) => Error = error;

    public InboundParseError Error { get; }
}

/// <summary>Size limits for one inbound post. SendGrid caps a post at 30 MB, so anything larger is not from SendGrid.</summary>
public sealed record InboundLimits
{
    public long MaxPostBytes { get; init; } = 30L * 1024 * 1024;
    public int MaxAttachments { get; init; } = 20;
    public long MaxAttachmentBytes { get; init; } = 15L * 1024 * 1024;
    /// <summary>Bound on the number of form sections, so a post of a million empty fields costs nothing.</summary>
    public int MaxFormSections { get; init; } = 100;

    public static InboundLimits Default { get; } = new();
}
