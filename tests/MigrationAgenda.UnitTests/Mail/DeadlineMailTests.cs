using System.Globalization;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Mail;

/// <summary>The deadline in the ministry's calendar: the .ics on mails, the changed-deadline and the cancellation messages.</summary>
public sealed class DeadlineMailTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = new(2027, 3, 30, 17, 0, 0, TimeSpan.FromHours(2));
    private readonly ReplyToken _tokens = new(new TokenOptions { SigningKey = "deadline-mail-key-0123456789-abcdefghijkl" }, new MailOptions());
    private readonly MailComposer _composer;
    private readonly RoundPlan _plan = SamplePlans.Ima("ima-2027", 2027, Deadline);

    public DeadlineMailTests() => _composer = new MailComposer(_tokens, new MailOptions { FromAddress = "ima@noreply.example" }, new MailTestClock(Now));

    private Participant Szw => _plan.FindParticipant("SZW")!;

    private static string Local(DateTimeOffset moment) => AmsterdamTime.ToLocal(moment).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    [Fact]
    public void A_request_reminder_or_escalation_carries_the_deadline_event_with_its_revision()
    {
        var request = _composer.WithDeadline(_composer.Request(_plan, Szw, 1, [5, 6], Deadline), _plan, Szw, [5, 6], Deadline, revision: 0);
        var escalation = _composer.WithDeadline(_composer.Escalation(_plan, Szw, 2, 1, [6], Deadline), _plan, Szw, [6], Deadline, revision: 3);

        var ics = DeadlineIcs.Of(request);
        Assert.Equal(("PUBLISH", "ima-2027.szw.deadline@noreply.example", 0, Deadline), (ics.Method, ics.Uid, ics.Sequence, ics.Start));
        // One working day before the Tuesday after Easter is Thursday 25 March, 09:00.
        Assert.Equal("2027-03-25 09:00 +01:00", Local(ics.RemindAt!.Value));
        Assert.Equal(Now, new DateTimeOffset(ics.Event.DtStamp!.AsUtc, TimeSpan.Zero));
        Assert.Equal("deadline-ima-2027-szw.ics", request.Attachments.Single().FileName);
        Assert.Equal(("Request", "SZW", "1", "0"), (request.CustomArgs["kind"], request.CustomArgs["ministry"], request.CustomArgs["version"], request.CustomArgs["revision"]));

        var later = DeadlineIcs.Of(escalation);
        Assert.Equal((ics.Uid, 3), (later.Uid, later.Sequence));
        Assert.Contains("(pijler 6)", later.Event.Summary, StringComparison.Ordinal);
        Assert.Equal(("2", "3"), (escalation.CustomArgs["level"], escalation.CustomArgs["revision"]));
    }

    [Fact]
    public void A_changed_deadline_says_the_new_and_the_old_moment_and_moves_the_event()
    {
        var extended = new DateTimeOffset(2027, 4, 9, 17, 0, 0, TimeSpan.FromHours(2));

        var mail = _composer.DeadlineChanged(_plan, Szw, 2, [6], extended, Deadline, revision: 1);

        Assert.Equal(MailKind.DeadlineChanged, mail.Kind);
        Assert.Equal("[ima-2027] Deadline gewijzigd: bijdrage aan Voortgang Integrale Migratieagenda 2027 uiterlijk 9 april 2027 (SZW)", mail.Subject);
        Assert.Equal(["integratie@szw.example"], mail.To.Select(c => c.Email));
        Assert.Contains("Nieuwe deadline: vrijdag 9 april 2027 17:00", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Vorige deadline: dinsdag 30 maart 2027 17:00", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Pijler 6 – Bevorderen integratie en participatie", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Pijler 5", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("verplaatst de deadline in uw agenda", mail.TextBody, StringComparison.Ordinal);
        // A reply to this mail is a contribution: it carries the ministry's reply address for its current request version.
        Assert.Equal(_tokens.ReplyAddress("ima-2027", "SZW", 2, Now), mail.ReplyTo);
        Assert.Equal(("DeadlineChanged", "SZW", "2", "1", "6"),
            (mail.CustomArgs["kind"], mail.CustomArgs["ministry"], mail.CustomArgs["version"], mail.CustomArgs["revision"], mail.CustomArgs["pillars"]));
        var ics = DeadlineIcs.Of(mail);
        Assert.Equal(("PUBLISH", "ima-2027.szw.deadline@noreply.example", 1, extended), (ics.Method, ics.Uid, ics.Sequence, ics.Start));
        Assert.Equal("2027-04-08 09:00 +02:00", Local(ics.RemindAt!.Value));
    }

    [Fact]
    public void A_cancelled_round_takes_the_event_out_of_the_calendar_and_points_to_the_coordinator()
    {
        var mail = _composer.RoundCancelled(_plan, Szw, Deadline, revision: 2);

        Assert.Equal(MailKind.RoundCancelled, mail.Kind);
        Assert.Equal("[ima-2027] Uitvraag voor Voortgang Integrale Migratieagenda 2027 geannuleerd (SZW)", mail.Subject);
        Assert.Contains("is geannuleerd", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("hoeft hiervoor geen bijdrage (meer) te leveren", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("dinsdag 30 maart 2027 17:00", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(SamplePlans.Coordinator.Email, mail.ReplyTo);
        Assert.Equal(("RoundCancelled", "SZW", "2"), (mail.CustomArgs["kind"], mail.CustomArgs["ministry"], mail.CustomArgs["revision"]));
        var attachment = Assert.Single(mail.Attachments);
        Assert.Equal(DeadlineCalendar.ContentTypeCancel, attachment.ContentType);
        var ics = DeadlineIcs.Of(mail);
        Assert.Equal(("CANCEL", "ima-2027.szw.deadline@noreply.example", 2, "CANCELLED"), (ics.Method, ics.Uid, ics.Sequence, ics.Event.Status));
        Assert.Null(ics.RemindAt);
    }

    [Fact]
    public void The_new_messages_have_Dutch_labels_in_the_timeline()
    {
        Assert.Equal("gewijzigde deadline verstuurd", AuditActions.Label(AuditActions.Mail(MailKind.DeadlineChanged)));
        Assert.Equal("annulering verstuurd", AuditActions.Label(AuditActions.Mail(MailKind.RoundCancelled)));
    }
}
