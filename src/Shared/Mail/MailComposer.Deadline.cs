using System.Text;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Mail;

/// <summary>
/// The deadline in the ministry's calendar: the .ics on requests, reminders and escalations, and the two short
/// messages that exist only for the calendar's sake, a changed deadline and a cancelled round.
/// </summary>
public sealed partial class MailComposer
{
    /// <summary>
    /// Attaches the ministry's deadline event (METHOD:PUBLISH) to a request, reminder or escalation. The same UID per
    /// round and ministry; <paramref name="revision"/> is its SEQUENCE, raised with each change of the deadline, so
    /// Outlook moves the event it already has. The revision also goes into the custom args.
    /// </summary>
    public OutgoingMail WithDeadline(OutgoingMail mail, RoundPlan plan, Participant participant, IReadOnlyList<int> pillars, DateTimeOffset deadline, int revision)
    {
        var ics = DeadlineCalendar.Publish(DeadlineEventFor(plan, participant, pillars, deadline, revision), options, _time.GetUtcNow());
        var args = new Dictionary<string, string>(mail.CustomArgs) { ["revision"] = Number(revision) };
        return mail with { Attachments = [.. mail.Attachments, ics], CustomArgs = args };
    }

    /// <summary>The deadline moved (extended, or set anew by a reopen): the new moment, the old one, and the updated event.</summary>
    public OutgoingMail DeadlineChanged(RoundPlan plan, Participant participant, int version, IReadOnlyList<int> pillars,
        DateTimeOffset deadline, DateTimeOffset previous, int revision)
    {
        var text = new StringBuilder();
        text.Append("Beste collega,\n\n");
        text.Append($"De deadline voor de bijdrage van {participant.Name} aan de brief \"{LetterName(plan)}\" is gewijzigd.\n\n");
        text.Append($"  Nieuwe deadline: {DutchFormat.DateTime(deadline)}\n");
        text.Append($"  Vorige deadline: {DutchFormat.DateTime(previous)}\n\n");
        text.Append($"Wij hebben nog geen bijdrage ontvangen voor de volgende {PillarWord(pillars)}:\n\n");
        AppendPillars(text, plan, pillars);
        text.Append("De bijlage verplaatst de deadline in uw agenda; heeft u de afspraak nog niet, dan kunt u hem zo toevoegen.\n\n");
        text.Append("U levert uw bijdrage zoals gevraagd: beantwoord het verzoek, of deze e-mail, met 'Beantwoorden'.\n\n");
        AppendSignature(text, plan);

        var mail = Build(plan, MailKind.DeadlineChanged, participant.Code,
            to: [participant.ContactFor(0)], cc: [],
            replyTo: tokens.ReplyAddress(plan.RoundId, participant.Code, version, _time.GetUtcNow()),
            subject: $"Deadline gewijzigd: bijdrage aan {LetterName(plan)} uiterlijk {DutchFormat.Date(deadline)} ({participant.Code})",
            text.ToString(),
            ("version", Number(version)), ("pillars", string.Join(",", pillars)));
        return WithDeadline(mail, plan, participant, pillars, deadline, revision);
    }

    /// <summary>
    /// The round is cancelled: the ministry owes nothing, and the attachment (METHOD:CANCEL, the same UID, SEQUENCE
    /// <paramref name="revision"/>, one above the last published) takes the deadline out of its calendar. Replies go
    /// to the coordinator, not to the intake: there is nothing left to deliver.
    /// </summary>
    public OutgoingMail RoundCancelled(RoundPlan plan, Participant participant, DateTimeOffset deadline, int revision)
    {
        var text = new StringBuilder();
        text.Append("Beste collega,\n\n");
        text.Append($"De uitvraag voor de brief \"{LetterName(plan)}\" is geannuleerd. {participant.Name} hoeft hiervoor geen bijdrage (meer) te leveren.\n\n");
        text.Append($"De bijlage haalt de deadline van {DutchFormat.DateTime(deadline)} uit uw agenda.\n\n");
        text.Append($"Vragen? Neem contact op met de coördinator: {Display(plan.Coordinator)}.\n\n");
        AppendSignature(text, plan);

        var mail = Build(plan, MailKind.RoundCancelled, participant.Code,
            to: [participant.ContactFor(0)], cc: [],
            replyTo: plan.Coordinator.Email,
            subject: $"Uitvraag voor {LetterName(plan)} geannuleerd ({participant.Code})",
            text.ToString(),
            ("revision", Number(revision)));
        var ics = DeadlineCalendar.Cancel(DeadlineEventFor(plan, participant, participant.Pillars, deadline, revision), options, _time.GetUtcNow());
        return mail with { Attachments = [ics] };
    }

    /// <summary>The ministry's event: reminding one working day before the deadline, at the round's time of day.</summary>
    private static DeadlineEvent DeadlineEventFor(RoundPlan plan, Participant participant, IReadOnlyList<int> pillars, DateTimeOffset deadline, int revision) =>
        DeadlineEvent.For(plan, participant, pillars, deadline, RoundCalendar.Of(plan).CalendarReminder(deadline), revision);
}
