using Azure;
using MigrationAgenda.Mail;

namespace MigrationAgenda.Intake;

/// <summary>
/// Why intake quarantined a message, or what it recorded instead of a contribution (an automatic reply, a note), or a
/// remark on an accepted one (<see cref="Duplicate"/>). Stable names: they are stored in the Inbound and Notes tables'
/// ReasonCode column and sent by the API as <c>reasonCode</c>.
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
    /// <summary>Automatic: an out-of-office reply (with <see cref="IntakeReason.ReturnDate"/> when it names one).</summary>
    OutOfOffice,
    /// <summary>Automatic: a delivery report, a message of the round did not arrive.</summary>
    DeliveryFailure,
    /// <summary>Automatic: another machine-sent reply (read receipt, ticket system, mailbox rule).</summary>
    AutomaticReply,
    /// <summary>Note: a short reply without a pillar heading.</summary>
    NoteShort,
    /// <summary>Note: an acknowledgement or a promise ("dank, volgt vrijdag").</summary>
    NoteAcknowledgement,
    /// <summary>Note: a question or a message to the coordinator.</summary>
    NoteQuestion,
    /// <summary>Note: "geen wijzigingen", last year's text may stand (<see cref="IntakeReason.Pillars"/>: for which pillars).</summary>
    NoChanges,
    /// <summary>Note: the covering text that came with a stored contribution (above a forward, with an attachment).</summary>
    CoveringNote,
    /// <summary>Storage refused to store the text for good (not a passing fault): the archive keeps it for a reprocess.</summary>
    StorageRefused,
    /// <summary>The approver's reply to a draft decided it (<see cref="IntakeReason.Decision"/>: approve, or reopen of <see cref="IntakeReason.Ministry"/>'s pillars).</summary>
    ApprovalDecided,
    /// <summary>Note: what the approver wrote below "Akkoord", kept for the coordinator.</summary>
    ApprovalComment,
    /// <summary>Note: the approver's reply to a draft without a decision on its first line.</summary>
    ApprovalNote,
    /// <summary>Note: a reply to a draft from another address than the round's approver; no decision.</summary>
    ApprovalOtherSender,
    /// <summary>Note: a reply to a draft from the approver's address that neither SPF nor DKIM vouches for; no decision.</summary>
    ApprovalAuthenticationFailed,
    /// <summary>Note: a decision on a draft (<see cref="IntakeReason.Draft"/>) after a newer one (<see cref="IntakeReason.CurrentDraft"/>) went out.</summary>
    ApprovalOlderDraft,
    /// <summary>Note: a decision while the round is not in review (collecting again, or assembling the next draft).</summary>
    ApprovalNotInReview,
    /// <summary>Note: a decision on a round that is approved, cancelled or failed.</summary>
    ApprovalRoundFinished,
    /// <summary>Note: a decision on a draft another message decided already (<see cref="IntakeReason.Decision"/>, <see cref="IntakeReason.DecidedAt"/>).</summary>
    ApprovalAlreadyDecided,
    /// <summary>Note: "Heropenen …" that names no ministry of the round or a pillar it does not write (<see cref="IntakeReason.Reopen"/>).</summary>
    ApprovalReopenInvalid,
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
    /// <summary>A pillar text's size and the limit, in characters (<see cref="IntakeReasonCode.TooLarge"/> for text).</summary>
    public long? Size { get; init; }
    public long? Limit { get; init; }
    /// <summary>The return date an out-of-office reply names.</summary>
    public ReturnDate? ReturnDate { get; init; }
    /// <summary>The contribution came as a forward (<see cref="IntakeReasonCode.CoveringNote"/>).</summary>
    public bool Forwarded { get; init; }
    /// <summary>What storage answered (<see cref="IntakeReasonCode.StorageRefused"/>): HTTP status and error code.</summary>
    public int? StorageStatus { get; init; }
    public string? StorageError { get; init; }
    /// <summary>A reply to a draft: the draft its address names, and the draft in review (or sent last) now.</summary>
    public int? Draft { get; init; }
    public int? CurrentDraft { get; init; }
    /// <summary>What the approver decided (<see cref="IntakeReasonCode.ApprovalDecided"/>) or had decided (<see cref="IntakeReasonCode.ApprovalAlreadyDecided"/>), and when.</summary>
    public Rounds.RoundCommandKind? Decision { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    /// <summary>The round's ministries (codes), for a reopen that names none of them.</summary>
    public IReadOnlyList<string> Ministries { get; init; } = [];
    /// <summary>Why "Heropenen …" is no reopen (<see cref="IntakeReasonCode.ApprovalReopenInvalid"/>).</summary>
    public ReopenProblem? Reopen { get; init; }

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
        ExtractionRejection.TooLarge => new(IntakeReasonCode.TooLarge)
        {
            Ministry = ministry, Pillars = extraction.RejectionDetails?.Pillars ?? [],
            Size = extraction.RejectionDetails?.Size, Limit = extraction.RejectionDetails?.Limit,
        },
        _ => new(IntakeReasonCode.NoText) { Ministry = ministry, Owed = owed, Files = extraction.OtherAttachments.Select(a => a.FileName).ToList() },
    };

    /// <summary>What an automatic message is: its kind, and for an absence its return date.</summary>
    public static IntakeReason ForAutomatic(AutomaticMail automatic) => new(automatic.Kind switch
    {
        AutomaticMailKind.OutOfOffice => IntakeReasonCode.OutOfOffice,
        AutomaticMailKind.DeliveryFailure => IntakeReasonCode.DeliveryFailure,
        _ => IntakeReasonCode.AutomaticReply,
    }) { ReturnDate = automatic.ReturnDate };

    /// <summary>Why a reply (or the text that came with a contribution) is a note; <paramref name="unchanged"/> for "geen wijzigingen".</summary>
    public static IntakeReason ForNote(ReplyNote note, IReadOnlyList<int> unchanged, bool forwarded = false) => new(note.Reason switch
    {
        NoteReason.NoChanges => IntakeReasonCode.NoChanges,
        NoteReason.Acknowledgement => IntakeReasonCode.NoteAcknowledgement,
        NoteReason.Conversation => IntakeReasonCode.NoteQuestion,
        NoteReason.Covering => IntakeReasonCode.CoveringNote,
        _ => IntakeReasonCode.NoteShort,
    }) { Pillars = note.NoChanges ? unchanged : [], Forwarded = forwarded };

    /// <summary>A refused approver token (a reply to a draft): the same codes as a ministry's token.</summary>
    public static IntakeReason ForApproverToken(ApproverTokenCheck check) =>
        ForToken(new ReplyTokenCheck { Failure = check.Failure }) with { RoundId = check.Token?.RoundId };

    /// <summary>Storage said no for good (a 4xx such as a missing table, a refused entity or no permission).</summary>
    public static IntakeReason ForStorage(RequestFailedException e) =>
        new(IntakeReasonCode.StorageRefused) { StorageStatus = e.Status, StorageError = e.ErrorCode };
}
