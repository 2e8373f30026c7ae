using MigrationAgenda.Rounds;

namespace MigrationAgenda.Intake;

/// <summary>
/// One message → what it is (<see cref="ExtractionResult.Outcome"/>): automatic mail (checked first, nothing else is
/// read), a note, a contribution, or a rejection. The body (text/plain preferred, else HTML converted) is stripped of
/// quoted history and what clients add below the text; a forwarded contribution is taken from the forward, its
/// covering note kept as a note. Text in .docx/.txt/.md attachments counts as body text; when any such attachment
/// carries text, a body without headings is a covering note. A body without headings and without such an attachment
/// is a note when <see cref="ReplyClassifier"/> says so. Footnote definitions may sit in the section or anywhere in
/// the message (e.g. one block at the end).
/// </summary>
public static class ContributionExtractor
{
    public static ExtractionResult Extract(InboundMessage message, IReadOnlyList<int> owedPillars, ReportDefinition definition) =>
        Extract(message, owedPillars, definition, ExtractionLimits.Default);

    public static ExtractionResult Extract(InboundMessage message, IReadOnlyList<int> owedPillars, ReportDefinition definition, ExtractionLimits limits)
    {
        if (AutomaticMail.Detect(message, limits.ReceivedAt) is { } automatic)
            return new ExtractionResult { Automatic = automatic, OtherAttachments = message.Attachments.Select(Summary).ToList() };

        var others = new List<AttachmentSummary>();
        var attachmentTexts = new List<string>();
        foreach (var attachment in message.Attachments)
        {
            try
            {
                if (DocxContributionReader.Handles(attachment)) attachmentTexts.Add(DocxContributionReader.Read(attachment).ToMarkdown());
                else if (TextAttachmentReader.Handles(attachment)) attachmentTexts.Add(ReplyStripper.Strip(TextAttachmentReader.Read(attachment)));
                else others.Add(Summary(attachment));
            }
            catch (AttachmentReadException ex)
            {
                // Accepting the rest would silently lose whatever the unreadable file held.
                return Reject(new ExtractionResult { OtherAttachments = others }, ExtractionRejection.UnreadableAttachment,
                    new() { FileNames = [ex.FileName], AttachmentError = ex.Error }, []);
            }
        }
        attachmentTexts.RemoveAll(t => t.Trim().Length == 0);

        var body = ReplyStripper.Normalise(!string.IsNullOrWhiteSpace(message.TextBody) ? message.TextBody : HtmlToText.Convert(message.HtmlBody));
        var (stripped, cover) = Forward(body, message, owedPillars, definition, limits);
        var notes = new List<string>();
        if (cover is { Length: > 0 }) notes.Add(cover);

        // Footnote definitions are collected from the whole message first: contributors often put all of them at the end.
        var pool = new List<Footnote>();
        var sources = new List<SplitResult>();
        var bodyParsed = FootnoteParser.Parse(stripped);
        pool.AddRange(bodyParsed.Definitions);
        var bodySplit = PillarSectionSplitter.Split(bodyParsed.Text, owedPillars, definition);
        var visible = PillarSectionSplitter.WithoutCovering(bodyParsed.Text);
        foreach (var text in attachmentTexts)
            pool.AddRange(FootnoteParser.Parse(text).Definitions);
        // Every result from here on carries the reply's own text, so a coordinator can release it as it was read.
        ExtractionResult Read() => new() { VisibleText = visible, FootnoteDefinitions = pool, OtherAttachments = others };
        if (!bodySplit.HasHeadings)
        {
            if (attachmentTexts.Count > 0)
            {
                // Covering note ("Zie bijlage; cijfers zijn voorlopig."): kept for the coordinator, not taken as a pillar.
                if (visible.Length > 0) notes.Add(visible);
                bodySplit = new SplitResult { Outcome = SplitOutcome.Empty };
            }
            else if (ReplyClassifier.Classify(visible) is { } reason)
            {
                return Read() with
                {
                    Note = new ReplyNote(visible, reason),
                    UnchangedPillars = reason == NoteReason.NoChanges ? owedPillars : [],
                    Missing = owedPillars,
                };
            }
        }
        sources.Add(bodySplit);
        foreach (var text in attachmentTexts)
            sources.Add(PillarSectionSplitter.Split(FootnoteParser.Parse(text).Text, owedPillars, definition));

        var warnings = new List<ExtractionWarning>();
        var sections = new List<PillarText>();
        var notOwed = new List<int>();
        var unchanged = new List<int>();
        foreach (var split in sources)
        {
            warnings.AddRange(split.Warnings);
            if (split.Preamble is { Length: > 0 } p) notes.Add(p);
            notOwed.AddRange(split.NotOwed.Where(n => !notOwed.Contains(n)));
            if (split.Outcome == SplitOutcome.Ambiguous)
                return Reject(Read(), ExtractionRejection.Ambiguous, new() { OwedPillars = owedPillars }, warnings);
            foreach (var section in split.Sections)
            {
                if (sections.Any(s => s.Pillar == section.Pillar) || unchanged.Contains(section.Pillar))
                    return Reject(Read(), ExtractionRejection.Ambiguous, new() { Pillars = [section.Pillar], OwedPillars = owedPillars }, warnings);
                if (ReplyClassifier.SaysOnlyNoChanges(section.Text))
                {
                    unchanged.Add(section.Pillar);
                    continue;
                }
                var footnotes = FootnoteParser.Resolve(section.Text, pool, out var missing);
                foreach (var m in missing) warnings.Add(new(ExtractionWarningKind.FootnoteWithoutDefinition, section.Pillar, m));
                sections.Add(new PillarText { Pillar = section.Pillar, Text = section.Text, Footnotes = footnotes });
            }
        }

        sections.Sort((a, b) => a.Pillar.CompareTo(b.Pillar));
        unchanged.Sort();
        var note = notes.Count == 0 ? null : new ReplyNote(string.Join("\n\n", notes), NoteReason.Covering);
        if (sections.Count == 0)
        {
            if (unchanged.Count > 0)
                return Read() with
                {
                    Note = new ReplyNote(visible, NoteReason.NoChanges),
                    UnchangedPillars = unchanged, NotOwed = notOwed, Missing = owedPillars, Warnings = warnings,
                };
            if (notOwed.Count > 0)
                return Reject(Read(), ExtractionRejection.NotOwed, new() { Pillars = notOwed, OwedPillars = owedPillars }, warnings) with { NotOwed = notOwed, Note = note };
            return Reject(Read(), ExtractionRejection.Empty, new() { FileNames = others.Select(o => o.FileName).ToList() }, warnings) with { Note = note };
        }

        foreach (var section in sections)
        {
            var size = (long)section.Text.Length + section.Footnotes.Sum(f => (long)f.Text.Length);
            if (size > limits.MaxSectionChars)
                return Reject(Read(), ExtractionRejection.TooLarge, new() { Pillars = [section.Pillar], Size = size, Limit = limits.MaxSectionChars }, warnings);
        }

        return Read() with
        {
            Sections = sections,
            NotOwed = notOwed,
            Missing = owedPillars.Where(p => sections.All(s => s.Pillar != p) && !unchanged.Contains(p)).ToList(),
            UnchangedPillars = unchanged,
            Note = note,
            Forwarded = cover is not null,
            Warnings = warnings,
        };
    }

    /// <summary>
    /// The text to read and, for a forwarded contribution, the covering note (null when the mail is no such forward).
    /// A forward counts when the text above it is a note (or nothing) without pillar headings and the forwarded part
    /// has text, and the forwarded message is not our own request passed on to a colleague.
    /// </summary>
    private static (string Text, string? Cover) Forward(string body, InboundMessage message, IReadOnlyList<int> owed, ReportDefinition definition, ExtractionLimits limits)
    {
        var sender = message.From.DisplayName;
        if (ForwardedMessage.Find(body, message.Subject) is { } forward && !forward.IsFrom(limits.RequestSenders))
        {
            var forwarded = ReplyStripper.Strip(forward.Body, forward.FromName);
            var cover = ReplyStripper.Strip(forward.Cover, sender);
            var coverVisible = PillarSectionSplitter.WithoutCovering(FootnoteParser.Parse(cover).Text);
            if (forwarded.Trim().Length > 0
                && !PillarSectionSplitter.Split(cover, owed, definition).HasHeadings
                && (coverVisible.Length == 0 || ReplyClassifier.Classify(coverVisible) is not null))
                return (forwarded, coverVisible);
        }
        return (ReplyStripper.Strip(body, sender), null);
    }

    private static AttachmentSummary Summary(InboundAttachment a) => new(a.FileName, a.ContentType, a.Size);

    private static ExtractionResult Reject(ExtractionResult read, ExtractionRejection rejection, ExtractionRejectionDetails details, List<ExtractionWarning> warnings) =>
        read with { Rejection = rejection, RejectionDetails = details, Warnings = warnings };
}
