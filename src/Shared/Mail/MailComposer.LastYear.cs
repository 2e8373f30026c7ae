using System.Text;
using MigrationAgenda.Letters;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Mail;

/// <summary>
/// Last year's text in the request of a round that follows one: a few lines on how to use it above the instructions,
/// the texts themselves below the signature (so the mail reads as a request first, and a reply that copies them keeps
/// their "Pijler N – titel" headings), and the same texts as a .docx to edit and send back.
/// </summary>
public sealed partial class MailComposer
{
    public const string LastYearLine = "Hieronder vindt u de tekst van vorig jaar; u kunt die bijwerken.";

    /// <summary>"ima-2028-szw-tekst-vorig-jaar.docx"</summary>
    public static string LastYearFileName(string roundId, string ministry) => $"{roundId}-{ministry}-tekst-vorig-jaar.docx".ToLowerInvariant();

    /// <summary>Attaches last year's text as a Word document the ministry can edit and send back; the mail as it was when there is none.</summary>
    public OutgoingMail WithLastYearDocument(OutgoingMail mail, RoundPlan plan, Participant participant, LastYearText? lastYear)
    {
        if (lastYear is not { Pillars.Count: > 0 })
            return mail;
        var document = new MailAttachment
        {
            FileName = LastYearFileName(plan.RoundId, participant.Code),
            ContentType = ContributionDocument.ContentType,
            Content = ContributionDocument.Render(lastYear.Numbered(), plan.PillarTitle, participant.Code,
                $"{LetterName(plan)}: bijdrage van {participant.Name} (tekst van vorig jaar)"),
        };
        return mail with { Attachments = [.. mail.Attachments, document] };
    }

    private static void AppendLastYearIntro(StringBuilder text, RoundPlan plan, Participant participant, LastYearText? lastYear)
    {
        if (lastYear is null)
            return;
        if (lastYear.Pillars.Count > 0)
        {
            text.Append(LastYearLine).Append(' ');
            text.Append($"Dezelfde tekst zit als Word-bestand in de bijlage ({LastYearFileName(plan.RoundId, participant.Code)}): ");
            text.Append("pas dat aan en stuur het terug als bijlage bij uw antwoord, en laat de koppen \"Pijler N – …\" staan. ");
            text.Append("U kunt de bijgewerkte tekst ook in uw antwoord zetten. ");
            text.Append("Is er niets veranderd, antwoord dan met \"geen wijzigingen\"; de coördinator neemt de tekst van vorig jaar dan over.\n\n");
        }
        if (lastYear.Without.Count > 0)
            text.Append($"Voor {DutchFormat.PillarNumbers(lastYear.Without)} stond vorig jaar geen tekst van {participant.Name} in de brief; " +
                        "daarvoor ontvangen wij graag een nieuwe tekst.\n\n");
    }

    private static void AppendLastYearTexts(StringBuilder text, RoundPlan plan, LastYearText? lastYear)
    {
        if (lastYear is not { Pillars.Count: > 0 })
            return;
        text.Append($"\nTekst van vorig jaar (uit de definitieve brief van ronde {lastYear.PreviousRoundId}):\n\n");
        foreach (var pillar in lastYear.Numbered())
        {
            text.Append(ContributionDocument.Heading(pillar.Pillar, plan.PillarTitle(pillar.Pillar))).Append("\n\n");
            text.Append(pillar.Text.Trim()).Append("\n\n");
            foreach (var footnote in pillar.Footnotes)
                text.Append($"[^{footnote.Marker}]: {footnote.Text}\n");
            if (pillar.Footnotes.Count > 0)
                text.Append('\n');
        }
    }
}
