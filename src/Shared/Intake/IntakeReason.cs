using MigrationAgenda.Mail;

namespace MigrationAgenda.Intake;

/// <summary>
/// Why intake quarantined a message (or, for <see cref="Duplicate"/>, a note on an accepted one). Stable names: they
/// are stored in the Inbound table's ReasonCode column and sent by the API as <c>reasonCode</c>.
/// </summary>
public enum IntakeReasonCode
{
    /// <summary>The post could not be parsed (not SendGrid's form, broken MIME, no sender …).</summary>
    UnreadableMessage,
    /// <summary>The post or an attachment is over the limits, or there are too many attachments.</summary>
    TooLarge,
    /// <summary>Not sent to a reply address of ours (reply+TOKEN@…).</summary>
    TokenMissing,
    /// <summary>A reply address of ours, but incomplete or damaged.</summary>
    TokenMalformed,
    /// <summary>A reply address whose signature does not match: altered or forged.</summary>
    TokenInvalid,
    TokenExpired,
    /// <summary>A reply address signed with a key that was rotated out of the key ring.</summary>
    TokenRetired,
    RoundUnknown,
    RoundFinished,
    MinistryNotInRound,
    /// <summary>The From address is not on the ministry's list of allowed senders.</summary>
    UnknownSender,
    /// <summary>Neither SPF nor DKIM vouches for the From domain.</summary>
    AuthenticationFailed,
    Spam,
    /// <summary>No contribution text left after quotes and signature, and no readable attachment.</summary>
    NoText,
    /// <summary>Several pillars owed and no headings, or one pillar given twice.</summary>
    AmbiguousPillar,
    /// <summary>Text only for pillars this ministry is not asked for.</summary>
    NotOwnedPillar,
    UnreadableAttachment,
    /// <summary>Accepted, and the same message was accepted before.</summary>
    Duplicate,
}

/// <summary>
/// An intake decision's reason: its code and the details the wording needs (pillars, files, phase …). Built here
/// from what each check returns, worded by <see cref="IntakeWording"/> only.
/// </summary>
public sealed record IntakeReason(IntakeReasonCode Code)
{
    public string? RoundId { get; init; }
    public string? Ministry { get; init; }
    /// <summary>The round's phase (a <c>RoundPhase</c> name) for <see cref="IntakeReasonCode.RoundFinished"/>.</summary>
    public string? Phase { get; init; }
    public string? Sender { get; init; }
    public SenderAuthentication? Authentication { get; init; }
    /// <summary>Pillars the message had text for that were not asked (<see cref="IntakeReasonCode.NotOwnedPillar"/>).</summary>
    public IReadOnlyList<int> Pillars { get; init; } = [];
    /// <summary>Pillars the ministry is asked for.</summary>
    public IReadOnlyList<int> Owed { get; init; } = [];
    /// <summary>Attachments that were not read (<see cref="IntakeReasonCode.NoText"/>), or the unreadable one.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
    public InboundParseError? ParseError { get; init; }
    public double? SpamScore { get; init; }
    public double? SpamThreshold { get; init; }
    public long? MaxBytes { get; init; }

    public static IntakeReason ForParseError(InboundParseException e) =>
        new(e.Error is InboundParseError.TooLarge or InboundParseError.AttachmentTooLarge or InboundParseError.TooManyAttachments
            ? IntakeReasonCode.TooLarge : IntakeReasonCode.UnreadableMessage) { ParseError = e.Error };

    public static IntakeReason ForTooLargePost(long maxBytes) => new(IntakeReasonCode.TooLarge) { MaxBytes = maxBytes };

    /// <summary>A refused reply token; null when the message had none at all.</summary>
    public static IntakeReason ForToken(ReplyTokenCheck? check) => new(check?.Failure switch
    {
        ReplyTokenFailure.Malformed => IntakeReasonCode.TokenMalformed,
        ReplyTokenFailure.BadSignature => IntakeReasonCode.TokenInvalid,
        ReplyTokenFailure.Expired => IntakeReasonCode.TokenExpired,
        ReplyTokenFailure.RetiredKey => IntakeReasonCode.TokenRetired,
        _ => IntakeReasonCode.TokenMissing,
    }) { RoundId = check?.Token?.RoundId };

    public static IntakeReason ForSender(SenderCheckResult check, string ministry) =>
        new(check.Outcome == SenderCheckOutcome.NotOnAllowList ? IntakeReasonCode.UnknownSender : IntakeReasonCode.AuthenticationFailed)
        {
            Ministry = ministry, Sender = check.Sender, Authentication = check.Authentication,
        };

    /// <summary>Why extraction found nothing to store, from its structured result (never from its log text).</summary>
    public static IntakeReason ForExtraction(ExtractionResult extraction, IReadOnlyList<int> owed, string ministry) => extraction.Rejection switch
    {
        ExtractionRejection.Ambiguous => new(IntakeReasonCode.AmbiguousPillar) { Ministry = ministry, Owed = owed },
        ExtractionRejection.NotOwed => new(IntakeReasonCode.NotOwnedPillar) { Ministry = ministry, Owed = owed, Pillars = extraction.NotOwed },
        ExtractionRejection.UnreadableAttachment => new(IntakeReasonCode.UnreadableAttachment)
        {
            Ministry = ministry, Files = extraction.RejectionDetails?.FileNames ?? [],
        },
        ExtractionRejection.TooLarge => new(IntakeReasonCode.TooLarge) { Ministry = ministry, Pillars = extraction.RejectionDetails?.Pillars ?? [] },
        _ => new(IntakeReasonCode.NoText) { Ministry = ministry, Owed = owed, Files = extraction.OtherAttachments.Select(a => a.FileName).ToList() },
    };
}
