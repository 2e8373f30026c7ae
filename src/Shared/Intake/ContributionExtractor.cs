using MigrationAgenda.Rounds;

namespace MigrationAgenda.Intake;

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
}

/// <summary>An attachment that is not contribution text (image, PDF …): listed for the coordinator, not read.</summary>
public sealed record AttachmentSummary(string FileName, string ContentType, long Size);

public sealed record ExtractionResult
{
    public IReadOnlyList<PillarText> Sections { get; init; } = [];
    /// <summary>Pillars with a heading in the reply that this ministry does not owe for this request.</summary>
    public IReadOnlyList<int> NotOwed { get; init; } = [];
    /// <summary>Owed pillars the reply does not contain (a partial answer is accepted; the rest stays outstanding).</summary>
    public IReadOnlyList<int> Missing { get; init; } = [];
    public string? Preamble { get; init; }
    public IReadOnlyList<AttachmentSummary> OtherAttachments { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public ExtractionRejection? Rejection { get; init; }
    public string? RejectionReason { get; init; }
    /// <summary>With <see cref="ExtractionRejection.UnreadableAttachment"/>: which file, and why.</summary>
    public AttachmentReadException? UnreadableAttachment { get; init; }

    public bool Accepted => Rejection is null;
}

/// <summary>
/// One message → the pillar texts it contributes. Body (text/plain preferred, else HTML converted) is stripped
/// of quoted history and signature. Text in .docx/.txt/.md attachments counts as body text; when any such
/// attachment carries text, a body without headings is a covering note (kept as preamble), not contribution text.
/// Footnote definitions may sit in the section or anywhere in the message (e.g. one block at the end).
/// </summary>
public static class ContributionExtractor
{
    public static ExtractionResult Extract(InboundMessage message, IReadOnlyList<int> owedPillars, ReportDefinition definition)
    {
        var warnings = new List<string>();
        var others = new List<AttachmentSummary>();
        var attachmentTexts = new List<string>();
        foreach (var attachment in message.Attachments)
        {
            try
            {
                if (DocxContributionReader.Handles(attachment)) attachmentTexts.Add(DocxContributionReader.Read(attachment).ToMarkdown());
                else if (TextAttachmentReader.Handles(attachment)) attachmentTexts.Add(ReplyStripper.Strip(TextAttachmentReader.Read(attachment)));
                else others.Add(new AttachmentSummary(attachment.FileName, attachment.ContentType, attachment.Size));
            }
            catch (AttachmentReadException ex)
            {
                // Accepting the rest would silently lose whatever the unreadable file held.
                return new ExtractionResult { Rejection = ExtractionRejection.UnreadableAttachment, RejectionReason = ex.Message, UnreadableAttachment = ex, OtherAttachments = others };
            }
        }
        attachmentTexts.RemoveAll(t => t.Trim().Length == 0);

        var body = !string.IsNullOrWhiteSpace(message.TextBody) ? message.TextBody : HtmlToText.Convert(message.HtmlBody);
        var stripped = ReplyStripper.Strip(body ?? "");

        // Footnote definitions are collected from the whole message first: contributors often put all of them at the end.
        var pool = new List<Footnote>();
        var sources = new List<(string Name, SplitResult Split)>();
        var bodyParsed = FootnoteParser.Parse(stripped);
        pool.AddRange(bodyParsed.Definitions);
        var bodySplit = PillarSectionSplitter.Split(bodyParsed.Text, owedPillars, definition);
        if (attachmentTexts.Count > 0 && !bodySplit.HasHeadings)
        {
            // Covering note ("Zie bijlage; cijfers zijn voorlopig."): kept for the coordinator, not taken as a pillar.
            var note = PillarSectionSplitter.WithoutCovering(bodyParsed.Text);
            bodySplit = new SplitResult { Outcome = SplitOutcome.Empty, Preamble = note.Length == 0 ? null : note };
        }
        sources.Add(("body", bodySplit));
        foreach (var text in attachmentTexts)
        {
            var parsed = FootnoteParser.Parse(text);
            pool.AddRange(parsed.Definitions);
            sources.Add(("attachment", PillarSectionSplitter.Split(parsed.Text, owedPillars, definition)));
        }

        var sections = new List<PillarText>();
        var notOwed = new List<int>();
        var preambles = new List<string>();
        foreach (var (name, split) in sources)
        {
            warnings.AddRange(split.Warnings);
            if (split.Preamble is { Length: > 0 } p) preambles.Add(p);
            notOwed.AddRange(split.NotOwed.Where(n => !notOwed.Contains(n)));
            if (split.Outcome == SplitOutcome.Ambiguous)
                return Reject(ExtractionRejection.Ambiguous,
                    $"The {name} has text but no pillar headings, and pillars {string.Join(", ", owedPillars)} are owed: start each part with a heading such as \"Pijler {owedPillars[0]}\".",
                    others, warnings);
            foreach (var section in split.Sections)
            {
                if (sections.Any(s => s.Pillar == section.Pillar))
                    return Reject(ExtractionRejection.Ambiguous, $"Pillar {section.Pillar} appears more than once in the message.", others, warnings);
                var footnotes = FootnoteParser.Resolve(section.Text, pool, out var missing);
                foreach (var m in missing) warnings.Add($"Pillar {section.Pillar}: footnote [^{m}] has no definition.");
                sections.Add(new PillarText { Pillar = section.Pillar, Text = section.Text, Footnotes = footnotes });
            }
        }

        sections.Sort((a, b) => a.Pillar.CompareTo(b.Pillar));
        var preamble = preambles.Count == 0 ? null : string.Join("\n\n", preambles);
        if (sections.Count == 0)
        {
            if (notOwed.Count > 0)
                return Reject(ExtractionRejection.NotOwed,
                    $"The message only has text for pillar(s) {string.Join(", ", notOwed)}, which this ministry does not owe (owed: {string.Join(", ", owedPillars)}).",
                    others, warnings) with { NotOwed = notOwed, Preamble = preamble };
            var onlyOthers = others.Count > 0 ? $" Attachments not read: {string.Join(", ", others.Select(o => o.FileName))} (send text in the mail or as .docx)." : "";
            return Reject(ExtractionRejection.Empty, "No contribution text found after removing the quoted request and signature." + onlyOthers, others, warnings) with { Preamble = preamble };
        }

        return new ExtractionResult
        {
            Sections = sections,
            NotOwed = notOwed,
            Missing = owedPillars.Where(p => sections.All(s => s.Pillar != p)).ToList(),
            Preamble = preamble,
            OtherAttachments = others,
            Warnings = warnings,
        };
    }

    private static ExtractionResult Reject(ExtractionRejection rejection, string reason, List<AttachmentSummary> others, List<string> warnings) =>
        new() { Rejection = rejection, RejectionReason = reason, OtherAttachments = others, Warnings = warnings };
}
