using System.Text;
using MigrationAgenda.Letters;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Mail;

/// <summary>
/// The wording of every message the round sends, in Dutch. Plain methods on simple parameters so the
/// orchestrator's activities call them directly; pillar titles and ministry names always come from the
/// plan's definition, never from code, so a coordinator can change them without a release.
/// </summary>
public sealed partial class MailComposer(ReplyToken tokens, MailOptions options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The request (or, for version &gt; 1, a renewed request after a reopen) for a ministry's pillars.</summary>
    /// <param name="lastYear">Last year's text of these pillars (a round that follows one), below the signature; <see cref="WithLastYearDocument"/> attaches it.</param>
    public OutgoingMail Request(RoundPlan plan, Participant participant, int version, IReadOnlyList<int> pillars, DateTimeOffset deadline, string? note = null,
        LastYearText? lastYear = null)
    {
        var text = new StringBuilder();
        text.Append("Beste collega,\n\n");
        if (version <= 1)
            text.Append($"Voor de brief \"{LetterName(plan)}\" vragen wij de bijdrage van {participant.Name} voor de volgende {PillarWord(pillars)}:\n\n");
        else
            text.Append($"Wij vragen {participant.Name} om een nieuwe of aangepaste bijdrage (versie {version}) aan de brief \"{LetterName(plan)}\" voor de volgende {PillarWord(pillars)}:\n\n");
        AppendPillars(text, plan, pillars);
        text.Append($"Wij ontvangen uw bijdrage graag uiterlijk {DutchFormat.DateTime(deadline)}.\n\n");
        if (!string.IsNullOrWhiteSpace(note))
            text.Append("Toelichting van de coördinator:\n").Append(note.Trim()).Append("\n\n");
        AppendLastYearIntro(text, plan, participant, lastYear);
        AppendHowToAnswer(text, pillars);
        AppendSignature(text, plan);
        AppendLastYearTexts(text, plan, lastYear);

        return Build(plan, MailKind.Request, participant.Code,
            to: [participant.ContactFor(0)], cc: [],
            replyTo: tokens.ReplyAddress(plan.RoundId, participant.Code, version, _time.GetUtcNow()),
            subject: version <= 1
                ? $"Verzoek om bijdrage aan {LetterName(plan)} ({participant.Code})"
                : $"Aanvullend verzoek (versie {version}) om bijdrage aan {LetterName(plan)} ({participant.Code})",
            text.ToString(),
            ("version", Number(version)), ("pillars", string.Join(",", pillars)));
    }

    /// <summary>Before the deadline, to a ministry that still owes pillars.</summary>
    public OutgoingMail Reminder(RoundPlan plan, Participant participant, int version, IReadOnlyList<int> pillars, DateTimeOffset deadline)
    {
        var text = new StringBuilder();
        text.Append("Beste collega,\n\n");
        text.Append($"Dit is een herinnering. Voor de brief \"{LetterName(plan)}\" hebben wij van {participant.Name} nog geen bijdrage ontvangen voor de volgende {PillarWord(pillars)}:\n\n");
        AppendPillars(text, plan, pillars);
        text.Append($"De termijn loopt af op {DutchFormat.DateTime(deadline)}.\n\n");
        text.Append("Heeft u uw bijdrage net verstuurd? Dan hebben onze berichten elkaar gekruist en kunt u deze herinnering negeren.\n\n");
        AppendHowToAnswer(text, pillars);
        AppendSignature(text, plan);

        return Build(plan, MailKind.Reminder, participant.Code,
            to: [participant.ContactFor(0)], cc: [],
            replyTo: tokens.ReplyAddress(plan.RoundId, participant.Code, version, _time.GetUtcNow()),
            subject: $"Herinnering: bijdrage aan {LetterName(plan)} uiterlijk {DutchFormat.Date(deadline)} ({participant.Code})",
            text.ToString(),
            ("version", Number(version)), ("pillars", string.Join(",", pillars)));
    }

    /// <summary>After the deadline: escalation level <paramref name="level"/> goes to that level's contact, the coordinator in copy.</summary>
    public OutgoingMail Escalation(RoundPlan plan, Participant participant, int level, int version, IReadOnlyList<int> pillars, DateTimeOffset deadline)
    {
        var contact = participant.ContactFor(level);
        var text = new StringBuilder();
        text.Append("Beste collega,\n\n");
        text.Append($"De bijdrage van {participant.Name} aan de brief \"{LetterName(plan)}\" is te laat. ");
        text.Append($"De termijn verliep op {DutchFormat.DateTime(deadline)}; sindsdien ontbreekt nog de tekst voor de volgende {PillarWord(pillars)}:\n\n");
        AppendPillars(text, plan, pillars);
        text.Append($"Wij vragen u ervoor te zorgen dat de bijdrage zo snel mogelijk wordt aangeleverd. Zonder deze tekst wordt de brief met een zichtbaar ontbrekende {PillarWord(pillars)} ter goedkeuring voorgelegd.\n\n");
        text.Append($"U ontvangt dit bericht als escalatie (niveau {level}). De coördinator ontvangt een kopie.\n\n");
        AppendHowToAnswer(text, pillars);
        AppendSignature(text, plan);

        return Build(plan, MailKind.Escalation, participant.Code,
            to: [contact], cc: Without([plan.Coordinator], [contact]),
            replyTo: tokens.ReplyAddress(plan.RoundId, participant.Code, version, _time.GetUtcNow()),
            subject: $"Bijdrage van {participant.Name} aan {LetterName(plan)} is te laat (escalatie {level})",
            text.ToString(),
            ("version", Number(version)), ("level", Number(level)), ("pillars", string.Join(",", pillars)));
    }

    /// <summary>
    /// Mail to the ministry's level-<paramref name="unreachableLevel"/> contact could not be delivered: the next contact
    /// (level <paramref name="level"/>) is asked now, the coordinator in copy, before or after the deadline.
    /// </summary>
    public OutgoingMail EscalationPastUndeliverable(RoundPlan plan, Participant participant, int level, int unreachableLevel, int version,
        IReadOnlyList<int> pillars, DateTimeOffset deadline)
    {
        var contact = participant.ContactFor(level);
        var unreachable = participant.ContactFor(unreachableLevel);
        var text = new StringBuilder();
        text.Append("Beste collega,\n\n");
        text.Append($"Ons bericht over de bijdrage van {participant.Name} aan de brief \"{LetterName(plan)}\" kon niet worden bezorgd bij {Display(unreachable)}. ");
        text.Append("Daarom vragen wij het nu aan u.\n\n");
        text.Append($"Het gaat om de volgende {PillarWord(pillars)}:\n\n");
        AppendPillars(text, plan, pillars);
        text.Append(deadline > _time.GetUtcNow()
            ? $"Wij ontvangen de bijdrage graag uiterlijk {DutchFormat.DateTime(deadline)}.\n\n"
            : $"De termijn verliep op {DutchFormat.DateTime(deadline)}; wij ontvangen de bijdrage graag zo snel mogelijk.\n\n");
        text.Append("Wilt u de bijdrage aanleveren, of ervoor zorgen dat de juiste collega dat doet? ");
        text.Append($"U ontvangt dit bericht als escalatie (niveau {level}) omdat het adres niet bereikbaar was. De coördinator ontvangt een kopie.\n\n");
        AppendHowToAnswer(text, pillars);
        AppendSignature(text, plan);

        return Build(plan, MailKind.Escalation, participant.Code,
            to: [contact], cc: Without([plan.Coordinator], [contact]),
            replyTo: tokens.ReplyAddress(plan.RoundId, participant.Code, version, _time.GetUtcNow()),
            subject: $"Bericht aan {participant.Name} over {LetterName(plan)} niet bezorgd: uw hulp gevraagd (escalatie {level})",
            text.ToString(),
            ("version", Number(version)), ("level", Number(level)), ("pillars", string.Join(",", pillars)), ("undeliverable", Number(unreachableLevel)));
    }

    /// <summary>
    /// A draft letter for the approver: what is missing, what changed since the previous draft, how to decide by replying
    /// (the Reply-To is the approver's address for this draft) and the round's page.
    /// </summary>
    public OutgoingMail DraftForApproval(RoundPlan plan, int draftNumber, IReadOnlyList<MissingPillar> missing, IReadOnlyList<PillarChange> changes, string letterLocation)
    {
        var text = new StringBuilder();
        text.Append("Beste collega,\n\n");
        text.Append($"Concept {draftNumber} van de brief \"{LetterName(plan)}\" staat klaar voor uw goedkeuring.\n\n");
        AppendLetterLocation(text, plan, letterLocation);
        AppendMissing(text, plan, missing);

        if (draftNumber > 1)
        {
            text.Append($"Wijzigingen sinds concept {draftNumber - 1}:\n");
            if (changes.Count == 0)
                text.Append("  Geen wijzigingen in de teksten van de pijlers.\n");
            foreach (var change in changes)
            {
                text.Append($"  Pijler {change.Pillar} – {change.Title}: {Count(change.Added.Count, "alinea", "alinea's")} toegevoegd, {change.Removed.Count} verwijderd\n");
                foreach (var p in change.Added.Take(3))
                    text.Append($"    + {Snippet(p)}\n");
                foreach (var p in change.Removed.Take(3))
                    text.Append($"    - {Snippet(p)}\n");
            }
            text.Append('\n');
        }

        AppendHowToDecide(text, plan, draftNumber, missing.FirstOrDefault());
        AppendSignature(text, plan);

        return Build(plan, MailKind.DraftForApproval, null,
            to: [plan.Approver], cc: Without([plan.Coordinator], [plan.Approver]),
            replyTo: ApproverReplyTo(plan, draftNumber),
            subject: $"Concept {draftNumber} van {LetterName(plan)} ter goedkeuring",
            text.ToString(),
            ("draft", Number(draftNumber)), ("missing", Number(missing.Count)));
    }

    /// <summary>The approver has not decided within the approval timeout.</summary>
    public OutgoingMail ApprovalReminder(RoundPlan plan, int draftNumber, DateTimeOffset draftSentAt, string letterLocation)
    {
        var text = new StringBuilder();
        text.Append("Beste collega,\n\n");
        text.Append($"Concept {draftNumber} van de brief \"{LetterName(plan)}\" wacht sinds {DutchFormat.DateTime(draftSentAt)} op uw goedkeuring.\n\n");
        AppendLetterLocation(text, plan, letterLocation);
        AppendHowToDecide(text, plan, draftNumber, null);
        AppendSignature(text, plan);

        return Build(plan, MailKind.ApprovalReminder, null,
            to: [plan.Approver], cc: Without([plan.Coordinator], [plan.Approver]),
            replyTo: ApproverReplyTo(plan, draftNumber),
            subject: $"Herinnering: concept {draftNumber} van {LetterName(plan)} wacht op goedkeuring",
            text.ToString(),
            ("draft", Number(draftNumber)));
    }

    /// <summary>The letter is approved: tell the coordinator and every participant's first contact where it is.</summary>
    public OutgoingMail Final(RoundPlan plan, int draftNumber, string letterLocation, IReadOnlyList<MissingPillar>? missing = null)
    {
        var text = new StringBuilder();
        text.Append("Beste collega's,\n\n");
        text.Append($"De brief \"{LetterName(plan)}\" is goedgekeurd (concept {draftNumber}). Dank voor uw bijdragen.\n\n");
        text.Append($"De definitieve brief: {letterLocation}\n");
        text.Append($"Ophalen via de API: GET {Api(plan, "letter?format=docx")} (ook format=html of format=md)\n\n");
        if (missing is { Count: > 0 })
        {
            text.Append("De brief is goedgekeurd zonder de volgende bijdragen:\n");
            foreach (var m in missing)
                text.Append($"  - Pijler {m.Pillar} – {m.Title}: {MinistryName(plan, m.Ministry)}\n");
            text.Append('\n');
        }
        AppendSignature(text, plan);

        var to = new List<Contact> { plan.Coordinator };
        to.AddRange(Without(plan.Participants.Select(p => p.ContactFor(0)), to));
        return Build(plan, MailKind.Final, null,
            to: Distinct(to), cc: [],
            replyTo: plan.Coordinator.Email,
            subject: $"{LetterName(plan)} is goedgekeurd",
            text.ToString(),
            ("draft", Number(draftNumber)));
    }

    /// <summary>
    /// Tells a sender why their mail was not accepted. Carries no token: a sender who could not use the
    /// reply address must be pointed to the request, not handed a fresh one. Only send it to senders that
    /// passed SPF or DKIM, or it becomes backscatter.
    /// </summary>
    /// <param name="plan">The round, when the mail could be tied to one; null when not even that is known.</param>
    public OutgoingMail QuarantineNotice(string recipient, string? originalSubject, string reason, RoundPlan? plan, string? ministry = null)
    {
        var roundId = plan?.RoundId ?? "migratieagenda";
        var text = new StringBuilder();
        text.Append("Beste afzender,\n\n");
        text.Append(string.IsNullOrWhiteSpace(originalSubject)
            ? "Uw bericht is ontvangen, maar niet verwerkt als bijdrage.\n\n"
            : $"Uw bericht met onderwerp \"{originalSubject.Trim()}\" is ontvangen, maar niet verwerkt als bijdrage.\n\n");
        text.Append("Reden: ").Append(reason.Trim()).Append("\n\n");
        text.Append("Wat u kunt doen:\n");
        text.Append("  - Gebruik 'Beantwoorden' op de uitvraag die u van ons hebt ontvangen en wijzig het antwoordadres (reply+…) niet.\n");
        text.Append("  - Verstuur uw antwoord vanaf een e-mailadres van uw ministerie.\n");
        text.Append(plan is null
            ? "  - Komt u er niet uit, neem dan contact op met de coördinator van de uitvraag.\n\n"
            : $"  - Komt u er niet uit, neem dan contact op met de coördinator: {Display(plan.Coordinator)}.\n\n");
        text.Append("Uw bericht is bewaard; er gaat niets verloren. Berichten die u vandaag om dezelfde reden nog vanaf dit adres stuurt, ")
            .Append("bewaren we ook; daarover krijgt u geen nieuw bericht.\n\n");
        if (plan is not null)
            AppendSignature(text, plan);
        else
            text.Append($"Met vriendelijke groet,\n\n{options.FromName}\n");

        var mail = new OutgoingMail
        {
            Kind = MailKind.QuarantineNotice,
            RoundId = roundId,
            Ministry = ministry,
            To = [new Contact { Email = recipient }],
            ReplyTo = plan?.Coordinator.Email,
            Subject = $"[{roundId}] Uw bericht is niet verwerkt",
            TextBody = text.ToString(),
            HtmlBody = MailHtml.FromText(text.ToString()),
            CustomArgs = Args(roundId, ministry, MailKind.QuarantineNotice),
            Headers = LoopHeaders.For(MailKind.QuarantineNotice),
        };
        return mail;
    }

    private OutgoingMail Build(RoundPlan plan, MailKind kind, string? ministry, IReadOnlyList<Contact> to, IReadOnlyList<Contact> cc,
        string? replyTo, string subject, string text, params (string Key, string Value)[] extra)
    {
        var args = Args(plan.RoundId, ministry, kind);
        foreach (var (key, value) in extra)
            args[key] = value;
        return new OutgoingMail
        {
            Kind = kind,
            RoundId = plan.RoundId,
            Ministry = ministry,
            To = to,
            Cc = cc,
            ReplyTo = replyTo,
            Subject = $"[{plan.RoundId}] {subject}",
            TextBody = text,
            HtmlBody = MailHtml.FromText(text),
            CustomArgs = args,
            Headers = LoopHeaders.For(kind),
        };
    }

    // SendGrid event webhooks echo these back; "all" rather than absent keeps event queries uniform.
    private static Dictionary<string, string> Args(string roundId, string? ministry, MailKind kind) => new()
    {
        ["round"] = roundId,
        ["ministry"] = ministry ?? "all",
        ["kind"] = kind.ToString(),
    };

    private static void AppendPillars(StringBuilder text, RoundPlan plan, IReadOnlyList<int> pillars)
    {
        foreach (var pillar in pillars)
            text.Append($"  - Pijler {pillar} – {plan.PillarTitle(pillar)}\n");
        text.Append('\n');
    }

    private static void AppendHowToAnswer(StringBuilder text, IReadOnlyList<int> pillars)
    {
        text.Append("Zo levert u uw bijdrage aan:\n");
        text.Append("  - Beantwoord deze e-mail met 'Beantwoorden'. Het antwoordadres is persoonlijk voor uw ministerie en deze uitvraag; wijzig het niet.\n");
        if (pillars.Count > 1)
            text.Append($"  - Begin voor elke pijler een eigen sectie met als kop \"Pijler N\" op een eigen regel, dus {string.Join(", ", pillars.Select(p => $"\"Pijler {p}\""))}.\n");
        else
            text.Append("  - Een kop is niet nodig: uw tekst geldt voor de genoemde pijler.\n");
        text.Append("  - Zet de tekst in de e-mail zelf of voeg een Word-bestand (.docx) toe als bijlage.\n");
        text.Append("  - Voetnoten: zet een verwijzing als [^1] in de tekst en de voetnoot zelf onderaan op een eigen regel, bijvoorbeeld:\n");
        text.Append("      [^1]: Kamerstukken II 2019/20, 28638, nr. 176.\n");
        text.Append("    In de brief worden alle voetnoten doorgenummerd.\n");
        text.Append("  - Wilt u later iets aanpassen, antwoord dan opnieuw op deze e-mail. De nieuwste versie telt.\n\n");
    }

    private void AppendLetterLocation(StringBuilder text, RoundPlan plan, string letterLocation)
    {
        text.Append($"Het concept: {letterLocation}\n");
        text.Append($"Ophalen via de API: GET {Api(plan, "letter?format=docx")} (ook format=html of format=md)\n\n");
    }

    private static void AppendMissing(StringBuilder text, RoundPlan plan, IReadOnlyList<MissingPillar> missing)
    {
        if (missing.Count == 0)
        {
            text.Append("Alle bijdragen zijn binnen.\n\n");
            return;
        }
        text.Append("Nog niet ontvangen (in het concept zichtbaar gemarkeerd als ontbrekend):\n");
        foreach (var m in missing)
            text.Append($"  - Pijler {m.Pillar} – {m.Title}: {MinistryName(plan, m.Ministry)}\n");
        text.Append('\n');
    }

    private static void AppendSignature(StringBuilder text, RoundPlan plan)
    {
        text.Append("Met vriendelijke groet,\n\n");
        text.Append(plan.Coordinator.Name ?? plan.Coordinator.Email).Append('\n');
        var coordinating = plan.Definition.Letter.CoordinatingMinistry is { } code ? plan.Definition.FindMinistry(code)?.Name : null;
        if (coordinating is not null)
            text.Append(coordinating).Append('\n');
        if (!string.IsNullOrWhiteSpace(plan.Reference))
            text.Append($"Kenmerk: {plan.Reference}\n");
    }

    private string Api(RoundPlan plan, string action)
    {
        var path = $"/api/rounds/{Uri.EscapeDataString(plan.RoundId)}/{action}";
        return string.IsNullOrWhiteSpace(options.ApiBaseUrl) ? path : options.ApiBaseUrl.TrimEnd('/') + path;
    }

    private static string LetterName(RoundPlan plan) => $"{plan.Definition.Title} {plan.Year}";

    private static string MinistryName(RoundPlan plan, string code) =>
        plan.FindParticipant(code)?.Name ?? plan.Definition.FindMinistry(code)?.Name ?? code;

    private static string PillarWord(IReadOnlyList<int> pillars) => pillars.Count == 1 ? "pijler" : "pijlers";

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    private static string Number(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Snippet(string paragraph)
    {
        var flat = string.Join(' ', paragraph.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 120 ? $"\"{flat}\"" : $"\"{flat[..117]}…\"";
    }

    private static string Display(Contact c) => c.Name is null ? c.Email : $"{c.Name} <{c.Email}>";

    private static IReadOnlyList<Contact> Without(IEnumerable<Contact> contacts, IEnumerable<Contact> already)
    {
        var seen = new HashSet<string>(already.Select(c => c.Email), StringComparer.OrdinalIgnoreCase);
        return contacts.Where(c => seen.Add(c.Email)).ToList();
    }

    private static IReadOnlyList<Contact> Distinct(IEnumerable<Contact> contacts) => Without(contacts, []);
}
