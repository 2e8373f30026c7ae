using Xunit;
using System.Text;
using Ical.Net.CalendarComponents;
using MigrationAgenda.Mail;
using IcalCalendar = Ical.Net.Calendar;

namespace MigrationAgenda.TestSupport;

/// <summary>A deadline .ics read back with Ical.Net, as a mail client reads it.</summary>
public sealed record DeadlineIcs(IcalCalendar Calendar, CalendarEvent Event, string Text)
{
    public string Method => Calendar.Method!;
    public string Uid => Event.Uid!;
    public int Sequence => Event.Sequence;
    public DateTimeOffset Start => new(Event.DtStart!.AsUtc, TimeSpan.Zero);

    /// <summary>When the event's alarm goes off: its start plus the (negative) relative trigger; null without an alarm.</summary>
    public DateTimeOffset? RemindAt => Event.Alarms.SingleOrDefault() is { Trigger.Duration: { } before }
        ? Start + before.ToTimeSpanUnspecified()
        : null;

    public static DeadlineIcs Read(string text)
    {
        var calendar = IcalCalendar.Load(text) ?? throw new InvalidOperationException("Ical.Net read no calendar.");
        return new DeadlineIcs(calendar, Assert.Single(calendar.Events), text);
    }

    public static DeadlineIcs Read(byte[] content) => Read(Encoding.UTF8.GetString(content));

    /// <summary>The one calendar attachment of a message.</summary>
    public static DeadlineIcs Of(OutgoingMail mail) =>
        Read(Assert.Single(mail.Attachments, a => a.MediaType == "text/calendar").Content);
}
