using System.Text;
using MigrationAgenda.Letters;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Mail;

/// <summary>
/// Deciding by replying: how the draft and its reminders tell the approver to answer ("Akkoord", "Heropenen …"), the
/// link to the round's page, and the two answers intake sends back: the decision is processed, or the reply was not
/// taken as a decision (with the reason) and is kept as a note. Replies to those answers go to the coordinator.
/// </summary>
public sealed partial class MailComposer
{
    /// <summary>The page's path of a round (the page's router: <c>/app/rondes/{id}</c>).</summary>
    public static string RoundPagePath(string roundId) => $"/app/rondes/{Uri.EscapeDataString(roundId)}";

    /// <summary>
    /// The absolute link to the round on the coordinator's page, or null when <see cref="MailOptions.PageBaseUrl"/> gives
    /// no absolute http(s) address. A host name alone ("ima.example.nl") is taken as https.
    /// </summary>
    public string? RoundPageUrl(string roundId)
    {
        var setting = options.PageBaseUrl?.Trim() ?? "";
        if (setting.Length > 0 && !setting.Contains("://", StringComparison.Ordinal) && !setting.StartsWith('/'))
            setting = "https://" + setting;
        return Uri.TryCreate(setting, UriKind.Absolute, out var page) && page.Scheme is "https" or "http" && page.Host.Length > 0
            ? page.AbsoluteUri.TrimEnd('/') + RoundPagePath(roundId)
            : null;
    }

    /// <summary>The approver's reply address on <paramref name="draftNumber"/>: intake reads the answer as a decision on that draft.</summary>
    private string ApproverReplyTo(RoundPlan plan, int draftNumber) =>
        tokens.ApproverAddress(plan.RoundId, draftNumber, plan.Approver.Email, _time.GetUtcNow());

    /// <summary>The approver's decision was processed: an approval (the final letter follows) or a reopen (a new request goes out).</summary>
    public OutgoingMail DecisionConfirmed(RoundPlan plan, int draftNumber, DecisionSummary decision)
    {
        var text = new StringBuilder();
        text.Append($"Beste {plan.Approver.Name ?? "collega"},\n\n");
        string subject;
        if (decision.Ministry is null)
        {
            subject = $"Akkoord verwerkt: concept {draftNumber} van {LetterName(plan)}";
            text.Append($"Uw akkoord op concept {draftNumber} van de brief \"{LetterName(plan)}\" is verwerkt; de definitieve brief volgt. ");
            text.Append("De coördinator en de ministeries krijgen hem per e-mail.\n\n");
        }
        else
        {
            var pillars = string.Join(", ", decision.Pillars);
            subject = $"Heropend: {decision.Ministry} {PillarWord(decision.Pillars)} {pillars} (concept {draftNumber} van {LetterName(plan)})";
            text.Append($"Heropend: {decision.Ministry} {PillarWord(decision.Pillars)} {pillars}, op uw bericht over concept {draftNumber} van de brief \"{LetterName(plan)}\".\n\n");
            AppendPillars(text, plan, decision.Pillars);
            text.Append($"{MinistryName(plan, decision.Ministry)} krijgt een nieuw verzoek");
            text.Append(string.IsNullOrWhiteSpace(decision.Note) ? ".\n\n" : $" met uw toelichting:\n  \"{decision.Note.Trim()}\"\n\n");
            text.Append("Zodra de nieuwe tekst binnen is, of de termijn verstrijkt, krijgt u een nieuw concept ter goedkeuring.\n\n");
        }
        if (decision.Comment)
            text.Append("De rest van uw bericht staat als notitie bij de ronde; de coördinator ziet het.\n\n");
        AppendRoundPage(text, plan);
        AppendSignature(text, plan);
        return Answer(plan, MailKind.DecisionConfirmed, [plan.Approver], subject, text.ToString(), draftNumber);
    }

    /// <summary>
    /// A reply to a draft that is not taken as a decision: why (<paramref name="reason"/>, worded by intake), and that it is
    /// kept as a note. <paramref name="note"/>: the reply was no decision at all, only passed on to the coordinator.
    /// Only for senders SPF or DKIM vouched for, never for automatic mail.
    /// </summary>
    public OutgoingMail DecisionNotTaken(RoundPlan plan, string recipient, string? originalSubject, int draftNumber, string reason, bool note)
    {
        var text = new StringBuilder();
        text.Append("Beste collega,\n\n");
        var about = string.IsNullOrWhiteSpace(originalSubject) ? "Uw bericht" : $"Uw bericht met onderwerp \"{originalSubject.Trim()}\"";
        text.Append(note
            ? $"{about} over concept {draftNumber} van de brief \"{LetterName(plan)}\" is ontvangen en als notitie doorgegeven aan de coördinator.\n\n"
            : $"{about} over concept {draftNumber} van de brief \"{LetterName(plan)}\" is ontvangen, maar niet als besluit verwerkt.\n\n");
        text.Append(note ? "" : "Reden: ").Append(reason.Trim()).Append("\n\n");
        text.Append("Een besluit per e-mail: beantwoord de e-mail van het concept dat ter goedkeuring ligt, en zet op de eerste regel ");
        text.Append("\"Akkoord\" of \"Heropenen\" met het ministerie, de pijler(s) en een toelichting.\n");
        text.Append($"Vragen? Neem contact op met de coördinator: {Display(plan.Coordinator)}.\n\n");
        AppendRoundPage(text, plan);
        AppendSignature(text, plan);
        var subject = note
            ? $"Uw bericht over concept {draftNumber} is doorgegeven aan de coördinator"
            : $"Uw bericht over concept {draftNumber} is niet als besluit verwerkt";
        return Answer(plan, MailKind.DecisionNotTaken, [new Contact { Email = recipient }], subject, text.ToString(), draftNumber);
    }

    /// <summary>How the approver decides by replying, then where the round is on the page.</summary>
    private void AppendHowToDecide(StringBuilder text, RoundPlan plan, int draftNumber, MissingPillar? likely)
    {
        // The reopen example uses a missing pillar when there is one: the likeliest thing the approver wants to chase.
        var first = plan.Participants.FirstOrDefault();
        var example = likely is not null ? $"{likely.Ministry} pijler {likely.Pillar}"
            : first is not null ? $"{first.Code} pijler {first.Pillars.FirstOrDefault()}" : "CODE pijler N";
        text.Append("Zo besluit u: beantwoord deze e-mail met 'Beantwoorden' en zet uw besluit op de eerste regel.\n");
        text.Append("  - Goedkeuren: \"Akkoord\" (uw naam erachter mag).\n");
        text.Append("  - Een pijler heropenen: \"Heropenen\", het ministerie, de pijler(s) en een toelichting voor het ministerie, bijvoorbeeld:\n");
        text.Append($"      Heropenen {example}: graag de laatste cijfers toevoegen\n");
        text.Append("    Het ministerie krijgt dan een nieuw verzoek; daarna volgt een nieuw concept.\n");
        if (plan.Participants.Count > 0)
            text.Append("    Ministeries en hun pijlers: ")
                .Append(string.Join(", ", plan.Participants.Select(p => $"{p.Code} ({string.Join(", ", p.Pillars)})"))).Append(".\n");
        text.Append("  - Iets anders schrijven mag ook: uw bericht komt dan als notitie bij de coördinator.\n");
        text.Append($"Het antwoordadres hoort bij u en bij concept {draftNumber}: een besluit telt alleen vanaf {plan.Approver.Email} ");
        text.Append($"en alleen zolang concept {draftNumber} ter goedkeuring ligt. U krijgt een bevestiging per e-mail.\n\n");
        AppendRoundPage(text, plan);
    }

    /// <summary>The round on the coordinator's page: an absolute link when configured, else where to find it (never a relative link).</summary>
    private void AppendRoundPage(StringBuilder text, RoundPlan plan) =>
        text.Append(RoundPageUrl(plan.RoundId) is { } url
            ? $"De ronde op de pagina van de Migratieagenda: {url}\n\n"
            : $"De ronde staat ook op de pagina van de Migratieagenda: kies onder 'Rondes' de ronde {plan.RoundId}.\n\n");

    private OutgoingMail Answer(RoundPlan plan, MailKind kind, IReadOnlyList<Contact> to, string subject, string text, int draftNumber) =>
        Build(plan, kind, null, to, cc: [], replyTo: plan.Coordinator.Email, subject, text, ("draft", Number(draftNumber)));
}

/// <summary>What the approver decided by mail, for the confirmation: an approval (no ministry) or a reopen of these pillars.</summary>
public sealed record DecisionSummary(string? Ministry = null, IReadOnlyList<int>? ReopenedPillars = null, string? Note = null, bool Comment = false)
{
    public IReadOnlyList<int> Pillars => ReopenedPillars ?? [];
}
