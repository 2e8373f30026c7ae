using System.Globalization;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Intake;

/// <summary>
/// The one Dutch wording of every intake reason: what the coordinator's page, the status API, the quarantine list and
/// the notice to the sender say. Written for both readers: it says what happened and, where the sender can act, what
/// to do. Details (pillars, files, phase) come from the reason, never from a check's English log text.
/// </summary>
public static class IntakeWording
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");

    public static string For(IntakeReason reason) => reason.Code switch
    {
        IntakeReasonCode.UnreadableMessage => $"Het bericht kon niet worden gelezen: {ParseProblem(reason.ParseError)}.",
        IntakeReasonCode.TooLarge when reason.Size is { } size && reason.Limit is { } limit =>
            $"De tekst{(reason.Pillars.Count == 1 ? $" voor pijler {reason.Pillars[0]}" : "")} is te groot: {Number(size)} tekens, "
            + $"terwijl een pijler met voetnoten hoogstens {Number(limit)} tekens mag zijn. Stuur een kortere tekst.",
        IntakeReasonCode.TooLarge => reason.ParseError switch
        {
            InboundParseError.TooManyAttachments => "Het bericht heeft te veel bijlagen.",
            InboundParseError.AttachmentTooLarge => "Een bijlage van het bericht is te groot.",
            _ => reason.MaxBytes is { } max ? $"Het bericht is groter dan {Size(max)}." : "Het bericht is te groot.",
        } + " Zet de tekst in de e-mail zelf of stuur een kleiner Word-bestand (.docx).",
        IntakeReasonCode.TokenMissing =>
            "Uw bericht is niet gestuurd naar het persoonlijke antwoordadres van een uitvraag (reply+…@…). Gebruik 'Beantwoorden' op de uitvraag die u hebt ontvangen.",
        IntakeReasonCode.TokenMalformed =>
            "Het antwoordadres van uw bericht is onvolledig of beschadigd. Gebruik 'Beantwoorden' op de uitvraag die u hebt ontvangen, zonder het adres aan te passen.",
        IntakeReasonCode.TokenInvalid =>
            "Het antwoordadres van uw bericht is gewijzigd of niet door ons uitgegeven. Gebruik 'Beantwoorden' op de uitvraag die u hebt ontvangen, zonder het adres aan te passen.",
        IntakeReasonCode.TokenExpired =>
            "Het antwoordadres van uw bericht is verlopen. Neem contact op met de coördinator voor een nieuwe uitvraag.",
        IntakeReasonCode.TokenRetired =>
            "Het antwoordadres van uw bericht is niet meer geldig: het hoort bij een oudere uitvraag waarvan het adres is ingetrokken. Beantwoord de nieuwste uitvraag die u hebt ontvangen, of neem contact op met de coördinator.",
        IntakeReasonCode.RoundUnknown => $"Er is geen uitvraag '{reason.RoundId}'.",
        IntakeReasonCode.RoundFinished =>
            $"De uitvraag '{reason.RoundId}' is afgerond ({RoundPhase.Dutch(reason.Phase ?? "").ToLower(Dutch)}); bijdragen worden niet meer aangenomen.",
        IntakeReasonCode.MinistryNotInRound => $"'{reason.Ministry}' neemt niet deel aan uitvraag '{reason.RoundId}'.",
        IntakeReasonCode.UnknownSender =>
            $"Afzender niet geaccepteerd: {reason.Sender} staat niet op de lijst van toegestane afzenders van {reason.Ministry}.",
        IntakeReasonCode.AuthenticationFailed =>
            $"Afzender niet geaccepteerd: niet vast te stellen dat het bericht echt van {Domain(reason.Sender)} komt ({Authentication(reason.Authentication)}).",
        IntakeReasonCode.Spam =>
            $"Spamscore {reason.SpamScore?.ToString("0.0", Dutch)} is hoger dan {reason.SpamThreshold?.ToString("0.0", Dutch)}.",
        IntakeReasonCode.NoText =>
            "Er is geen bijdrage gevonden: na het weglaten van de geciteerde uitvraag en de ondertekening bleef geen tekst over."
            + (reason.Files.Count == 0 ? ""
                : $" Niet gelezen {(reason.Files.Count == 1 ? "bijlage" : "bijlagen")}: {List(reason.Files)}. Zet de tekst in de e-mail zelf of voeg een Word-bestand (.docx) toe."),
        IntakeReasonCode.AmbiguousPillar =>
            $"Niet duidelijk welke tekst bij welke pijler hoort. Gevraagd {(reason.Owed.Count == 1 ? "is" : "zijn")} {Pillars(reason.Owed)}: "
            + $"begin elk deel met een kop op een eigen regel, zoals \"Pijler {reason.Owed.FirstOrDefault()}\", en noem elke pijler één keer.",
        IntakeReasonCode.NotOwnedPillar =>
            $"Het bericht bevat alleen tekst voor {Pillars(reason.Pillars)}, die nu niet van {reason.Ministry} {(reason.Pillars.Count == 1 ? "wordt" : "worden")} gevraagd. "
            + $"Gevraagd {(reason.Owed.Count == 1 ? "is" : "zijn")}: {Pillars(reason.Owed)}.",
        IntakeReasonCode.UnreadableAttachment =>
            (reason.Files.Count == 0 ? "Een bijlage" : $"De bijlage '{reason.Files[0]}'") + " kon niet veilig worden gelezen: "
            + (reason.Files.Count > 0 && reason.Files[0].EndsWith(".doc", StringComparison.OrdinalIgnoreCase)
                ? "oude Word-bestanden (.doc) worden niet gelezen. Sla het op als .docx en stuur het opnieuw."
                : "het is beschadigd, geen Word-document (.docx) of uitgepakt te groot. Stuur een geldig .docx-bestand of zet de tekst in de e-mail zelf."),
        IntakeReasonCode.Duplicate => "Al eerder ontvangen (dubbel bericht).",
        IntakeReasonCode.OutOfOffice =>
            $"Afwezigheidsbericht: {Absence(reason.ReturnDate)}. Geen bijdrage; herinneringen en escalaties gaan door. Schakel zo nodig een vervanger in.",
        IntakeReasonCode.DeliveryFailure =>
            "Onbestelbaar: een bericht van deze uitvraag is niet afgeleverd. Controleer het e-mailadres van de contactpersoon; herinneringen gaan door.",
        IntakeReasonCode.AutomaticReply => "Automatisch antwoord, geen bijdrage; herinneringen gaan door.",
        IntakeReasonCode.NoteShort =>
            "Korte reactie zonder pijlerkop, bewaard als notitie. Is dit toch de tekst voor een pijler, tel hem dan mee voor die pijler; herinneringen gaan door.",
        IntakeReasonCode.NoteAcknowledgement => "Bevestiging of toezegging, bewaard als notitie; herinneringen gaan door.",
        IntakeReasonCode.NoteQuestion => "Vraag of bericht aan de coördinator, bewaard als notitie; herinneringen gaan door.",
        IntakeReasonCode.NoChanges =>
            $"Geen wijzigingen ten opzichte van vorig jaar{(reason.Pillars.Count > 0 ? $" voor {Pillars(reason.Pillars)}" : "")}, bewaard als notitie. "
            + "Neem zo nodig de tekst van vorig jaar over; herinneringen gaan door.",
        IntakeReasonCode.CoveringNote => $"Begeleidende tekst bij {(reason.Forwarded ? "een doorgestuurde" : "de")} bijdrage, bewaard als notitie.",
        IntakeReasonCode.StorageRefused =>
            $"Het bericht kon niet worden opgeslagen: de opslag weigerde het ({reason.StorageStatus} {reason.StorageError ?? "onbekend"}). "
            + "Het staat in het archief; na herstel kan de beheerder het opnieuw laten verwerken.",
        IntakeReasonCode.ApprovalDecided when reason.Decision == RoundCommandKind.Reopen =>
            $"Besluit van de goedkeurder per e-mail: heropend voor {reason.Ministry}, {Pillars(reason.Pillars)} (concept {reason.Draft}); het ministerie krijgt een nieuw verzoek.",
        IntakeReasonCode.ApprovalDecided =>
            $"Besluit van de goedkeurder per e-mail: akkoord op concept {reason.Draft}; de brief wordt definitief.",
        IntakeReasonCode.ApprovalComment => $"Toelichting van de goedkeurder bij het akkoord op concept {reason.Draft}, bewaard als notitie.",
        IntakeReasonCode.ApprovalNote =>
            $"Bericht van de goedkeurder over concept {reason.Draft} zonder besluit, bewaard als notitie voor de coördinator. "
            + "Een besluit staat op de eerste regel: \"Akkoord\", of \"Heropenen\" met het ministerie, de pijler(s) en een toelichting.",
        IntakeReasonCode.ApprovalOtherSender =>
            $"Niet als besluit verwerkt: alleen de goedkeurder van ronde '{reason.RoundId}' kan per e-mail goedkeuren of heropenen, "
            + $"en dit bericht kwam van {reason.Sender}. Bewaard als notitie.",
        IntakeReasonCode.ApprovalAuthenticationFailed =>
            $"Niet als besluit verwerkt: niet vast te stellen dat het bericht echt van {Domain(reason.Sender)} komt ({Authentication(reason.Authentication)}). Bewaard als notitie.",
        IntakeReasonCode.ApprovalOlderDraft =>
            $"Niet als besluit verwerkt: dit antwoord hoort bij concept {reason.Draft}, maar inmiddels is concept {reason.CurrentDraft} verstuurd. "
            + $"Beantwoord de e-mail van concept {reason.CurrentDraft}. Bewaard als notitie.",
        IntakeReasonCode.ApprovalNotInReview =>
            $"Niet als besluit verwerkt: concept {reason.Draft} ligt niet meer ter goedkeuring, {NotInReview(reason.Phase)}. Bewaard als notitie.",
        IntakeReasonCode.ApprovalRoundFinished =>
            $"Niet als besluit verwerkt: ronde '{reason.RoundId}' is al {RoundPhase.Dutch(reason.Phase ?? "").ToLower(Dutch)}. Bewaard als notitie.",
        IntakeReasonCode.ApprovalAlreadyDecided =>
            $"Niet opnieuw verwerkt: over concept {reason.Draft} is al besloten ({(reason.Decision == RoundCommandKind.Reopen ? "heropend" : "goedgekeurd")}) "
            + $"met een eerder bericht{(reason.DecidedAt is { } at ? $" van {DutchDateTime(at)}" : "")}. Bewaard als notitie.",
        IntakeReasonCode.ApprovalReopenInvalid => $"'Heropenen' niet verwerkt: {ReopenProblemText(reason)}. "
            + $"Schrijf op de eerste regel bijvoorbeeld: Heropenen {reason.Ministries.FirstOrDefault() ?? "SZW"} pijler N: toelichting voor het ministerie. Bewaard als notitie.",
        _ => "Het bericht is niet verwerkt.",
    };

    /// <summary>Where a round is when a decision on its draft came too late or too early (a <see cref="RoundPhase"/> name).</summary>
    private static string NotInReview(string? phase) => phase switch
    {
        RoundPhase.Collecting => "want de ronde verzamelt opnieuw bijdragen; daarna volgt een nieuw concept",
        RoundPhase.Assembling => "want er wordt een nieuw concept samengesteld",
        _ => $"de ronde is in fase {RoundPhase.Dutch(phase ?? "").ToLower(Dutch)}",
    };

    private static string ReopenProblemText(IntakeReason reason) => reason.Reopen switch
    {
        ReopenProblem.NoPillarNumber => $"er staat geen pijlernummer bij {reason.Ministry}",
        ReopenProblem.UnknownMinistry => $"'{reason.Ministry}' is geen ministerie van deze ronde (wel: {List(reason.Ministries)})",
        ReopenProblem.NotOwnedPillar =>
            $"{reason.Ministry} schrijft {Pillars(reason.Pillars)} niet (wel {Pillars(reason.Owed)})",
        _ => $"er staat geen ministerie bij (in deze ronde: {List(reason.Ministries)})",
    };

    private static string DutchDateTime(DateTimeOffset at) => MigrationAgenda.Mail.DutchFormat.DateTime(at);

    /// <summary>
    /// An absence in a few words, for a line such as "SZW: afwezig tot en met maandag 18 januari 2027": as the reply
    /// names its date ("tot en met", "tot", "vanaf … weer aanwezig"), or without one.
    /// </summary>
    public static string Absence(ReturnDate? date) => date switch
    {
        null => "afwezig, zonder terugkeerdatum",
        { Meaning: ReturnDateMeaning.AwayThrough } => $"afwezig tot en met {Date(date.Date)}",
        { Meaning: ReturnDateMeaning.AwayUntil } => $"afwezig tot {Date(date.Date)}",
        _ => $"afwezig, vanaf {Date(date.Date)} weer aanwezig",
    };

    /// <summary>An automatic reply in a few words, after the ministry's code on the round page ("SZW: afwezig tot en met …").</summary>
    public static string AutomaticLabel(IntakeReasonCode code, ReturnDate? date) => code switch
    {
        IntakeReasonCode.OutOfOffice => Absence(date),
        IntakeReasonCode.DeliveryFailure => "onbestelbaar, een bericht is niet afgeleverd",
        _ => "automatisch antwoord",
    };

    private static string Date(DateOnly date) => date.ToString("dddd d MMMM yyyy", Dutch);

    private static string Number(long n) => n.ToString("N0", Dutch);

    private static string ParseProblem(InboundParseError? error) => error switch
    {
        InboundParseError.NotMultipart => "het kwam niet binnen als formulier van SendGrid (multipart/form-data)",
        InboundParseError.Truncated => "het kwam onvolledig binnen",
        InboundParseError.MissingFrom => "de afzender ontbreekt",
        InboundParseError.InvalidFrom => "het afzenderadres is ongeldig",
        InboundParseError.InvalidEnvelope => "de envelopgegevens zijn ongeldig",
        InboundParseError.InvalidCharsets => "de gegevens over de tekensets zijn ongeldig",
        InboundParseError.InvalidAttachmentInfo => "de gegevens over de bijlagen zijn ongeldig",
        InboundParseError.InvalidMime => "de opbouw van de e-mail (MIME) is ongeldig",
        InboundParseError.NoContent => "het bevat geen tekst en geen bijlagen",
        _ => "de opbouw is niet te herkennen",
    };

    private static string Authentication(SenderAuthentication? auth)
    {
        if (auth is null)
            return "SPF en DKIM onbekend";
        var spf = $"SPF: {auth.Spf ?? "geen"}{(auth.SpfDomain is { } d ? $" voor {d}" : "")}";
        var dkim = auth.Dkim.Count == 0 ? "DKIM: geen handtekening" : "DKIM: " + string.Join(", ", auth.Dkim.Select(v => $"{v.Domain} {v.Result}"));
        return $"{spf}; {dkim}";
    }

    private static string Domain(string? address) =>
        address is { } a && a.LastIndexOf('@') is var at and >= 0 ? a[(at + 1)..] : "het opgegeven domein";

    private static string Pillars(IReadOnlyList<int> pillars) =>
        pillars.Count == 1 ? $"pijler {pillars[0]}" : $"pijlers {List(pillars.Select(p => p.ToString(Dutch)).ToList())}";

    /// <summary>"a", "a en b", "a, b en c".</summary>
    private static string List(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} en {items[^1]}";

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? $"{(bytes / (1024.0 * 1024)).ToString("0.#", Dutch)} MB"
        : $"{bytes.ToString("N0", Dutch)} bytes";
}
