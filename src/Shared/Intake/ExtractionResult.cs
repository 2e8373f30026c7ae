namespace MigrationAgenda.Intake;

/// <summary>What one inbound message is, as far as its content goes (sender, token and round are checked elsewhere).</summary>
public enum ExtractionOutcome
{
    /// <summary>Text for one or more pillars: <see cref="ExtractionResult.Sections"/>.</summary>
    Contribution,
    /// <summary>A human message that is not letter text (thanks, "volgt vrijdag", "geen wijzigingen", a question): <see cref="ExtractionResult.Note"/>.</summary>
    Note,
    /// <summary>Out-of-office, delivery report or another automatic reply: <see cref="ExtractionResult.Automatic"/>.</summary>
    Automatic,
    /// <summary>Content we cannot take: <see cref="ExtractionResult.Rejection"/> and <see cref="ExtractionResult.RejectionDetails"/>.</summary>
    Rejected,
}

public enum ExtractionRejection
{
    /// <summary>No text left after removing quotes and signature, and no readable attachment.</summary>
    Empty,
    /// <summary>Several pillars owed and no headings, or one pillar given twice: we will not guess.</summary>
    Ambiguous,
    /// <summary>A .docx/.txt/.md attachment that should hold text cannot be read safely (corrupt, zip bomb, not a docx).</summary>
    UnreadableAttachment,
    /// <summary>Only pillars this ministry does not owe.</summary>
    NotOwed,
    /// <summary>A pillar's text (with its footnotes) is longer than <see cref="ExtractionLimits.MaxSectionChars"/>.</summary>
    TooLarge,
}

/// <summary>
/// The facts behind a rejection, for the reason code and the Dutch wording that the pipeline chooses; no sentences here.
/// Which fields are set depends on <see cref="ExtractionResult.Rejection"/>:
/// Ambiguous: <see cref="OwedPillars"/> and, for a pillar given twice, <see cref="Pillars"/>;
/// NotOwed: <see cref="Pillars"/> (the ones written) and <see cref="OwedPillars"/>;
/// UnreadableAttachment: <see cref="FileNames"/> (the unreadable file) and <see cref="AttachmentError"/>;
/// Empty: <see cref="FileNames"/> (attachments that were not read, e.g. a PDF; may be empty);
/// TooLarge: <see cref="Pillars"/> (the pillar), <see cref="Size"/> and <see cref="Limit"/> in characters.
/// </summary>
public sealed record ExtractionRejectionDetails
{
    public IReadOnlyList<int> Pillars { get; init; } = [];
    public IReadOnlyList<int> OwedPillars { get; init; } = [];
    public IReadOnlyList<string> FileNames { get; init; } = [];
    public AttachmentReadError? AttachmentError { get; init; }
    public long? Size { get; init; }
    public long? Limit { get; init; }
}

public enum ExtractionWarningKind
{
    /// <summary>A pillar heading with nothing under it.</summary>
    HeadingWithoutText,
    /// <summary>A footnote marker in a pillar's text with no definition anywhere in the message.</summary>
    FootnoteWithoutDefinition,
}

/// <summary>Something the coordinator may want to check in an accepted contribution.</summary>
public sealed record ExtractionWarning(ExtractionWarningKind Kind, int Pillar, string? Marker = null);

/// <summary>An attachment that is not contribution text (image, PDF …): listed for the coordinator, not read.</summary>
public sealed record AttachmentSummary(string FileName, string ContentType, long Size);

/// <summary>Bounds the extraction applies. Documented defaults; the pipeline may pass others.</summary>
public sealed record ExtractionLimits
{
    /// <summary>
    /// The default limit per pillar: 400,000 characters (about 60,000 words, a hundred times a long pillar text).
    /// Chosen so one pillar's text with its footnotes fits one Table Storage entity as UTF-16 (1 MiB); storing
    /// more needs the blob route.
    /// </summary>
    public const int DefaultMaxSectionChars = 400_000;

    public static ExtractionLimits Default { get; } = new();

    /// <summary>The largest pillar text, counted as its text plus its footnotes' texts, in UTF-16 characters.</summary>
    public int MaxSectionChars { get; init; } = DefaultMaxSectionChars;

    /// <summary>
    /// Our own outgoing addresses or domains (the coordinator's mailbox). A forwarded message from one of them is our
    /// request passed on to a colleague, not a colleague's contribution. Empty: no forward is recognised as ours.
    /// </summary>
    public IReadOnlyList<string> RequestSenders { get; init; } = [];

    /// <summary>When the message arrived: resolves an out-of-office return date without a year. Null: the Date header.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
}

/// <summary>What one message contributes, or why it does not. <see cref="Outcome"/> says which fields carry the answer.</summary>
public sealed record ExtractionResult
{
    public IReadOnlyList<PillarText> Sections { get; init; } = [];
    /// <summary>Pillars with a heading in the reply that this ministry does not owe for this request.</summary>
    public IReadOnlyList<int> NotOwed { get; init; } = [];
    /// <summary>Owed pillars the reply does not contain (a partial answer is accepted; the rest stays outstanding).</summary>
    public IReadOnlyList<int> Missing { get; init; } = [];
    /// <summary>
    /// Pillars for which the reply says only "geen wijzigingen" / "no changes" (their heading's text, or the whole reply
    /// for the owed pillars): not letter text; the coordinator may take last year's text.
    /// </summary>
    public IReadOnlyList<int> UnchangedPillars { get; init; } = [];
    /// <summary>
    /// The human text that is not contribution text: the whole reply when <see cref="Outcome"/> is Note; otherwise the
    /// covering note that came with the contribution (above the headings, with an attachment, above a forward), or null.
    /// </summary>
    public ReplyNote? Note { get; init; }
    /// <summary>The contribution was forwarded: <see cref="Sections"/> come from the forwarded message, <see cref="Note"/> is the covering note.</summary>
    public bool Forwarded { get; init; }
    /// <summary>Set when the message is automatic (<see cref="ExtractionOutcome.Automatic"/>); nothing else is read then.</summary>
    public AutomaticMail? Automatic { get; init; }
    public IReadOnlyList<AttachmentSummary> OtherAttachments { get; init; } = [];
    public IReadOnlyList<ExtractionWarning> Warnings { get; init; } = [];
    /// <summary>
    /// The reply's own text (quoted history, signature, footers, greeting and covering lines removed, footnote
    /// definitions taken out): what a coordinator may count as a pillar's text. Empty for automatic mail.
    /// </summary>
    public string VisibleText { get; init; } = "";
    /// <summary>Every footnote definition found in the message (body and attachments).</summary>
    public IReadOnlyList<Footnote> FootnoteDefinitions { get; init; } = [];
    public ExtractionRejection? Rejection { get; init; }
    public ExtractionRejectionDetails? RejectionDetails { get; init; }

    public ExtractionOutcome Outcome =>
        Rejection is not null ? ExtractionOutcome.Rejected
        : Automatic is not null ? ExtractionOutcome.Automatic
        : Sections.Count > 0 ? ExtractionOutcome.Contribution
        : ExtractionOutcome.Note;

    /// <summary>
    /// What the coordinator's "tel mee als bijdrage voor pijler N" stores: the section for that pillar, else the first
    /// section, else the note's or the visible text with the footnotes it references. Null for automatic mail, a
    /// too-large text, or when there is no text at all.
    /// </summary>
    public PillarText? AsContribution(int pillar)
    {
        if (Automatic is not null || Rejection is ExtractionRejection.TooLarge or ExtractionRejection.UnreadableAttachment) return null;
        if ((Sections.FirstOrDefault(s => s.Pillar == pillar) ?? Sections.FirstOrDefault()) is { } section) return section with { Pillar = pillar };
        var text = Note is { Reason: not NoteReason.Covering } note ? note.Text : VisibleText;
        if (text.Trim().Length == 0) return null;
        return new PillarText { Pillar = pillar, Text = text, Footnotes = FootnoteParser.Resolve(text, FootnoteDefinitions, out _) };
    }

    /// <summary>Not rejected (a contribution, a note or automatic mail). Only <see cref="ExtractionOutcome.Contribution"/> has sections.</summary>
    public bool Accepted => Rejection is null;

    /// <summary>
    /// Interim, for the pipeline until it maps <see cref="Outcome"/>, <see cref="Rejection"/> and
    /// <see cref="RejectionDetails"/> to its reason codes: a compact code form such as "NotOwed 3 (owed 5, 6)",
    /// "Note", "Automatic OutOfOffice". Not wording for people.
    /// </summary>
    public string? RejectionReason => Outcome switch
    {
        ExtractionOutcome.Contribution => null,
        ExtractionOutcome.Automatic => $"Automatic {Automatic!.Kind}",
        ExtractionOutcome.Note => Note is { NoChanges: true } ? "Note NoChanges" : "Note",
        _ => Code(Rejection!.Value, RejectionDetails),
    };

    private static string Code(ExtractionRejection rejection, ExtractionRejectionDetails? d)
    {
        if (d is null) return rejection.ToString();
        var parts = new List<string> { rejection.ToString() };
        if (d.Pillars.Count > 0) parts.Add(string.Join(", ", d.Pillars));
        if (d.OwedPillars.Count > 0) parts.Add($"(owed {string.Join(", ", d.OwedPillars)})");
        if (d.FileNames.Count > 0) parts.Add(string.Join(", ", d.FileNames));
        if (d.AttachmentError is { } e) parts.Add(e.ToString());
        if (d.Size is { } size && d.Limit is { } limit) parts.Add($"{size} > {limit}");
        return string.Join(' ', parts);
    }
}
