using Microsoft.Extensions.Options;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>An archived message's text for one pillar, or why there is none to store.</summary>
public sealed record ArchivedText(InboundMessage? Message, PillarText? Text, IntakeRefusal? Refusal = null)
{
    public static implicit operator ArchivedText(IntakeRefusal refusal) => new(null, null, refusal);

    /// <summary>The coordinator's click as a submission: this one pillar, stored once under <paramref name="key"/> however often clicked.</summary>
    public Submission AsSubmission(string roundId, string ministry, string key, int requestVersion, DateTimeOffset at, string archiveBlob) => new()
    {
        RoundId = roundId,
        Ministry = ministry,
        SubmissionKey = key,
        Sections = [Text ?? throw new InvalidOperationException("A refused read has no text to submit.")],
        Sender = Message!.From.Address,
        Source = "mail",
        ReceivedAt = at,
        RequestVersion = requestVersion,
        MessageId = Message.MessageId,
        ArchiveBlob = archiveBlob,
    };
}

/// <summary>
/// Reads an archived message again for the coordinator's one click (release from quarantine, "tel mee als bijdrage
/// voor pijler N"): the text intake reads for that pillar (<see cref="ExtractionResult.AsContribution"/>: quotes,
/// signature and covering lines stripped, a forward's own body), never the raw body.
/// </summary>
public sealed class ArchivedReply(InboundStore inbound, IOptions<InboundOptions> options, IOptions<MailOptions> mail)
{
    public async Task<ArchivedText> ReadAsync(InboundRecord record, RoundPlan plan, int pillar, CancellationToken cancellationToken)
    {
        var archived = await inbound.ReadArchiveAsync(record.ArchiveBlob, cancellationToken);
        if (archived is null)
            return IntakeRefusal.NoArchive(record.Id, record.ArchiveBlob);
        InboundMessage message;
        try
        {
            message = await new SendGridInboundParser(options.Value.Limits).ParseAsync(new MemoryStream(archived.Value.Payload), archived.Value.ContentType, cancellationToken);
        }
        catch (InboundParseException e)
        {
            return IntakeRefusal.Conflict($"{IntakeWording.For(IntakeReason.ForParseError(e))} Meetellen als bijdrage kan niet.");
        }

        // The coordinator named the pillar: a section headed with it wins, else the first section, else the reply's own text.
        var extraction = ContributionExtractor.Extract(message, [pillar], plan.Definition, IntakeLimits.For(mail.Value, plan, record.ReceivedAt));
        if (extraction.AsContribution(pillar) is { } text)
            return ContributionStore.Size(text) <= ContributionStore.MaxTextLength
                ? new ArchivedText(message, text)
                : IntakeRefusal.Conflict($"{IntakeWording.For(new IntakeReason(IntakeReasonCode.TooLarge) { Pillars = [pillar], Size = ContributionStore.Size(text), Limit = ContributionStore.MaxTextLength })} Meetellen als bijdrage kan niet.");
        if (extraction.Automatic is { } automatic)
            return IntakeRefusal.Conflict(
                $"Dit is een automatisch antwoord ({IntakeWording.AutomaticLabel(IntakeReason.ForAutomatic(automatic).Code, automatic.ReturnDate)}); het telt niet als bijdrage.");
        if (extraction.Rejection is ExtractionRejection.TooLarge or ExtractionRejection.UnreadableAttachment)
            return IntakeRefusal.Conflict($"{IntakeWording.For(IntakeReason.ForExtraction(extraction, [pillar], record.Ministry ?? ""))} Meetellen als bijdrage kan niet.");
        return IntakeRefusal.Conflict("Het bericht bevat geen tekst om als bijdrage vast te leggen.");
    }
}
