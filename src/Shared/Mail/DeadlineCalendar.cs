using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;

namespace MigrationAgenda.Mail;

/// <summary>
/// The deadline as an iCalendar file (RFC 5545, Ical.Net) to attach to requests, reminders and escalations, so it
/// sits in the reader's Outlook with a reminder.
/// <list type="bullet">
/// <item>METHOD:PUBLISH, not REQUEST: the reader did not organise anything and should not answer. A REQUEST makes
/// Outlook show Accept/Decline and mail a response to the organiser (our sender, or worse the reply address that
/// feeds the intake), and a forwarded REQUEST notifies the organiser. A PUBLISH event is added as an appointment
/// without any response; a later PUBLISH with the same UID and a higher SEQUENCE updates it.</item>
/// <item>METHOD:CANCEL with STATUS:CANCELLED, same UID, higher SEQUENCE, when the round is cancelled.</item>
/// <item>Times in UTC: a deadline is an instant, every client shows it in the reader's own zone, and no VTIMEZONE
/// with an IANA id (which older Outlook versions misread) is needed.</item>
/// <item>A zero-length, transparent event (it marks a moment and does not block the reader's agenda) with a
/// display alarm relative to the start, the form Outlook turns into its own reminder.</item>
/// </list>
/// </summary>
public static class DeadlineCalendar
{
    public const string ContentTypePublish = "text/calendar; method=PUBLISH; charset=utf-8";
    public const string ContentTypeCancel = "text/calendar; method=CANCEL; charset=utf-8";

    /// <summary>The event, new or updated; attach it to the request, each reminder and each escalation.</summary>
    public static MailAttachment Publish(DeadlineEvent deadline, MailOptions options, DateTimeOffset stamp) =>
        Build(deadline, options, stamp, cancelled: false);

    /// <summary>
    /// The cancellation: the same UID with <see cref="DeadlineEvent.Sequence"/>, which must be higher than the last
    /// published one (use last + 1).
    /// </summary>
    public static MailAttachment Cancel(DeadlineEvent deadline, MailOptions options, DateTimeOffset stamp) =>
        Build(deadline, options, stamp, cancelled: true);

    /// <summary>Stable per round and ministry, so every update and the cancellation find the same event: "ima-2027.szw.deadline@noreply.example".</summary>
    public static string Uid(string roundId, string ministry, MailOptions options)
    {
        var domain = options.FromAddress.Split('@') is [_, { Length: > 0 } d] ? d : "migratieagenda";
        return $"{roundId}.{ministry}.deadline@{domain}".ToLowerInvariant();
    }

    /// <summary>"Deadline bijdrage Voortgang Integrale Migratieagenda 2027 (pijlers 5 en 6)"</summary>
    public static string Summary(DeadlineEvent deadline) =>
        $"Deadline bijdrage {deadline.LetterName} ({DutchFormat.PillarNumbers(deadline.Pillars.Select(p => p.Number).ToList())})";

    private static MailAttachment Build(DeadlineEvent deadline, MailOptions options, DateTimeOffset stamp, bool cancelled)
    {
        if (deadline.RemindAt >= deadline.Deadline)
            throw new ArgumentException("The calendar reminder comes before the deadline.", nameof(deadline));
        if (deadline.Sequence < 0)
            throw new ArgumentException("SEQUENCE is 0 or more.", nameof(deadline));

        var summary = Summary(deadline);
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(deadline.RoundId, deadline.Ministry, options),
            Sequence = deadline.Sequence,
            DtStamp = Utc(stamp),
            DtStart = Utc(deadline.Deadline),
            Summary = cancelled ? $"Geannuleerd: {summary}" : summary,
            Description = Description(deadline, cancelled),
            Transparency = Ical.Net.TransparencyType.Transparent,
            Status = cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed,
            Organizer = new Organizer($"mailto:{options.FromAddress}") { CommonName = options.FromName },
        };
        // Outlook reads its own busy status before TRANSP.
        calendarEvent.AddProperty("X-MICROSOFT-CDO-BUSYSTATUS", "FREE");
        if (!cancelled)
            calendarEvent.Alarms.Add(new Alarm
            {
                Action = Ical.Net.AlarmAction.Display,
                Description = $"{summary}: {DutchFormat.DateTime(deadline.Deadline)}",
                Trigger = new Trigger(Duration.FromTimeSpanExact(deadline.RemindAt - deadline.Deadline)),
            });

        var calendar = new IcalCalendar
        {
            ProductId = "-//MigrationAgenda//Deadline//NL",
            Method = cancelled ? "CANCEL" : "PUBLISH",
        };
        calendar.Events.Add(calendarEvent);
        var text = new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net returned no text for the deadline event.");
        return new MailAttachment
        {
            FileName = $"deadline-{deadline.RoundId}-{deadline.Ministry}.ics".ToLowerInvariant(),
            ContentType = cancelled ? ContentTypeCancel : ContentTypePublish,
            Content = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text),
        };
    }

    private static string Description(DeadlineEvent deadline, bool cancelled)
    {
        var text = new StringBuilder();
        if (cancelled)
        {
            text.Append($"De uitvraag voor de brief \"{deadline.LetterName}\" is geannuleerd. {deadline.MinistryName} hoeft geen bijdrage meer te leveren.\n");
            return text.ToString();
        }
        text.Append($"Uiterste moment voor de bijdrage van {deadline.MinistryName} aan de brief \"{deadline.LetterName}\": {DutchFormat.DateTime(deadline.Deadline)}.\n\n");
        text.Append(deadline.Pillars.Count == 1 ? "Gevraagd wordt de tekst voor:\n" : "Gevraagd worden de teksten voor:\n");
        foreach (var pillar in deadline.Pillars)
            text.Append($"- Pijler {pillar.Number} – {pillar.Title}\n");
        text.Append("\nU levert uw bijdrage door de e-mail met het verzoek te beantwoorden. ");
        text.Append("Wordt de termijn verlengd, dan verplaatst een nieuwe agenda-bijlage deze afspraak.\n");
        return text.ToString();
    }

    private static CalDateTime Utc(DateTimeOffset moment) => new(moment.UtcDateTime, CalDateTime.UtcTzId);
}
