using System.Text;
using Ical.Net.CalendarComponents;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.TestSupport;
using IcalCalendar = Ical.Net.Calendar;

namespace MigrationAgenda.UnitTests.Mail;

/// <summary>The .ics attached to request, reminder and escalation mails, read back with Ical.Net as a mail client would.</summary>
public sealed class DeadlineCalendarTests
{
    private static readonly MailOptions Options = new() { FromAddress = "migratieagenda@noreply.example", FromName = "Integrale Migratieagenda" };
    private static readonly DateTimeOffset Stamp = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DueTimeCalculator Calculator = new(WorkingDayCalendar.Dutch);
    private static readonly ScheduleStep OneWorkingDay = new(TimeSpan.FromDays(1), DayCounting.WorkingDays);

    private readonly RoundPlan _plan = SamplePlans.Ima("ima-2027", 2027);

    private DeadlineEvent Szw(DateTimeOffset deadline, int sequence) =>
        DeadlineEvent.For(_plan, _plan.FindParticipant("SZW")!, [5, 6], deadline, Calculator.Before(deadline, OneWorkingDay), sequence);

    private static (IcalCalendar Calendar, CalendarEvent Event, string Text) Read(MailAttachment attachment)
    {
        var text = Encoding.UTF8.GetString(attachment.Content);
        var calendar = IcalCalendar.Load(text)!;
        return (calendar, Assert.Single(calendar.Events), text);
    }

    [Fact]
    public void The_deadline_is_an_event_at_the_deadline_with_a_reminder_a_working_day_before()
    {
        // Monday 18 January 2027 17:00: the working day before is Friday 15 January, reminder at 09:00.
        var deadline = new DateTimeOffset(2027, 1, 18, 17, 0, 0, TimeSpan.FromHours(1));
        var attachment = DeadlineCalendar.Publish(Szw(deadline, 0), Options, Stamp);

        Assert.Equal("deadline-ima-2027-szw.ics", attachment.FileName);
        Assert.Equal("text/calendar; method=PUBLISH; charset=utf-8", attachment.ContentType);
        Assert.Equal("text/calendar", attachment.MediaType);
        var (calendar, e, text) = Read(attachment);
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Equal("2.0", calendar.Version);
        Assert.Equal(deadline.UtcDateTime, e.DtStart!.AsUtc);
        Assert.True(e.DtStart.IsUtc);
        Assert.Contains("DTSTART:20270118T160000Z", text, StringComparison.Ordinal);
        Assert.Null(e.DtEnd);
        Assert.Equal("Deadline bijdrage Voortgang Integrale Migratieagenda 2027 (pijlers 5 en 6)", e.Summary);
        Assert.Contains("Ministerie van Sociale Zaken en Werkgelegenheid", e.Description);
        Assert.Contains("maandag 18 januari 2027 17:00", e.Description);
        Assert.Contains("- Pijler 5 – Bevorderen legale migratieroutes", e.Description);
        Assert.Contains("- Pijler 6 – Bevorderen integratie en participatie", e.Description);
        Assert.Equal("ima-2027.szw.deadline@noreply.example", e.Uid);
        Assert.Equal(0, e.Sequence);
        Assert.Equal("CONFIRMED", e.Status);
        Assert.Equal("TRANSPARENT", e.Transparency);
        Assert.Equal("mailto:migratieagenda@noreply.example", e.Organizer!.Value!.ToString());
        Assert.Equal(Stamp.UtcDateTime, e.DtStamp!.AsUtc);

        var alarm = Assert.Single(e.Alarms);
        Assert.Equal("DISPLAY", alarm.Action);
        Assert.True(alarm.Trigger!.IsRelative);
        var remindAt = deadline + alarm.Trigger.Duration!.Value.ToTimeSpanUnspecified();
        Assert.Equal(new DateTimeOffset(2027, 1, 15, 9, 0, 0, TimeSpan.FromHours(1)), remindAt);
        Assert.Contains("Deadline bijdrage", alarm.Description);
        // Folded lines of at most 75 octets, CRLF endings, as RFC 5545 asks.
        Assert.All(text.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.False(attachment.Content.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte-order mark before BEGIN:VCALENDAR");
    }

    [Fact]
    public void An_extended_deadline_keeps_the_UID_and_raises_SEQUENCE_so_Outlook_moves_the_event()
    {
        var first = new DateTimeOffset(2027, 1, 15, 17, 0, 0, TimeSpan.FromHours(1));
        var extended = new DateTimeOffset(2027, 1, 22, 17, 0, 0, TimeSpan.FromHours(1));

        var (_, before, _) = Read(DeadlineCalendar.Publish(Szw(first, 0), Options, Stamp));
        var (_, after, _) = Read(DeadlineCalendar.Publish(Szw(extended, 1), Options, Stamp.AddDays(10)));

        Assert.Equal(before.Uid, after.Uid);
        Assert.True(after.Sequence > before.Sequence);
        Assert.Equal(extended.UtcDateTime, after.DtStart!.AsUtc);
        Assert.Equal(new DateTimeOffset(2027, 1, 21, 9, 0, 0, TimeSpan.FromHours(1)),
            extended + Assert.Single(after.Alarms).Trigger!.Duration!.Value.ToTimeSpanUnspecified());
        // Another ministry or round is another event.
        var bzk = DeadlineEvent.For(_plan, _plan.FindParticipant("BZK")!, [6], first, first.AddDays(-1), 0);
        Assert.NotEqual(before.Uid, Read(DeadlineCalendar.Publish(bzk, Options, Stamp)).Event.Uid);
        var nextYear = SamplePlans.Ima("ima-2028", 2028);
        var szw2028 = DeadlineEvent.For(nextYear, nextYear.FindParticipant("SZW")!, [5, 6], first.AddYears(1), first.AddYears(1).AddDays(-1), 0);
        Assert.NotEqual(before.Uid, Read(DeadlineCalendar.Publish(szw2028, Options, Stamp)).Event.Uid);
    }

    [Fact]
    public void A_cancelled_round_cancels_the_same_event()
    {
        var deadline = new DateTimeOffset(2027, 1, 15, 17, 0, 0, TimeSpan.FromHours(1));
        var (_, published, _) = Read(DeadlineCalendar.Publish(Szw(deadline, 1), Options, Stamp));

        var cancel = DeadlineCalendar.Cancel(Szw(deadline, 2), Options, Stamp.AddDays(3));

        Assert.Equal("text/calendar; method=CANCEL; charset=utf-8", cancel.ContentType);
        var (calendar, e, _) = Read(cancel);
        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal("CANCELLED", e.Status);
        Assert.Equal(published.Uid, e.Uid);
        Assert.Equal(2, e.Sequence);
        Assert.StartsWith("Geannuleerd: Deadline bijdrage", e.Summary, StringComparison.Ordinal);
        Assert.Contains("geannuleerd", e.Description, StringComparison.Ordinal);
        Assert.Empty(e.Alarms);
    }

    [Fact]
    public void A_reminder_after_the_deadline_or_a_negative_sequence_is_refused()
    {
        var deadline = new DateTimeOffset(2027, 1, 15, 17, 0, 0, TimeSpan.FromHours(1));
        Assert.Throws<ArgumentException>(() => DeadlineCalendar.Publish(Szw(deadline, 0) with { RemindAt = deadline }, Options, Stamp));
        Assert.Throws<ArgumentException>(() => DeadlineCalendar.Publish(Szw(deadline, -1), Options, Stamp));
    }

    [Fact]
    public void The_event_survives_JSON_as_an_activity_input_and_gives_the_same_file()
    {
        var deadline = new DateTimeOffset(2027, 1, 15, 17, 0, 0, TimeSpan.FromHours(1));
        var original = Szw(deadline, 4);

        var json = System.Text.Json.JsonSerializer.Serialize(original, MigrationAgenda.Storage.JsonDefaults.Options);
        var copy = System.Text.Json.JsonSerializer.Deserialize<DeadlineEvent>(json, MigrationAgenda.Storage.JsonDefaults.Options)!;

        Assert.Equal(DeadlineCalendar.Publish(original, Options, Stamp).Content, DeadlineCalendar.Publish(copy, Options, Stamp).Content);
        Assert.Contains("Bevorderen legale migratieroutes", json, StringComparison.Ordinal);
    }

    [Fact]
    public void One_pillar_reads_as_one_pillar()
    {
        var deadline = new DateTimeOffset(2027, 1, 15, 17, 0, 0, TimeSpan.FromHours(1));
        var bzk = DeadlineEvent.For(_plan, _plan.FindParticipant("BZK")!, [6], deadline, deadline.AddDays(-1), 0);
        var (_, e, _) = Read(DeadlineCalendar.Publish(bzk, Options, Stamp));
        Assert.Equal("Deadline bijdrage Voortgang Integrale Migratieagenda 2027 (pijler 6)", e.Summary);
        Assert.Contains("Gevraagd wordt de tekst voor:\n- Pijler 6 –", e.Description, StringComparison.Ordinal);
    }
}
