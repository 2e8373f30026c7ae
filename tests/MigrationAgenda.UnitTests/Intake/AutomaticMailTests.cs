using System.Text;
using MigrationAgenda.Intake;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>The automatic-mail detector's signals one by one, the kinds, and return dates in Dutch and English.</summary>
public sealed class AutomaticMailTests
{
    private static readonly DateTimeOffset Received = new(2027, 1, 4, 11, 12, 0, TimeSpan.FromHours(1));

    private static InboundMessage Message(string subject = "RE: Verzoek om bijdrage", string text = "Pijler 5\n\nTekst.", string? headers = null,
        bool nullSender = false, string from = "j.devries@szw.example", IReadOnlyList<InboundAttachment>? attachments = null) => new()
    {
        Mode = InboundMode.Parsed,
        From = new InboundAddress(from),
        Subject = subject,
        TextBody = text,
        Date = Received,
        NullSender = nullSender,
        HeaderFields = (headers ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => new InboundHeader(h[..h.IndexOf(':', StringComparison.Ordinal)], h[(h.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList(),
        Attachments = attachments ?? [],
    };

    [Theory]
    [InlineData("Auto-Submitted: auto-replied", AutomaticMailSignals.AutoSubmitted)]
    [InlineData("Auto-Submitted: auto-generated", AutomaticMailSignals.AutoSubmitted)]
    [InlineData("Auto-Submitted: auto-notified; owner-email=\"x@y.example\"", AutomaticMailSignals.AutoSubmitted)]
    [InlineData("X-Autoreply: yes", AutomaticMailSignals.AutoReplyHeader)]
    [InlineData("X-Autorespond: Pieter Bakker", AutomaticMailSignals.AutoReplyHeader)]
    [InlineData("Precedence: auto_reply", AutomaticMailSignals.Precedence)]
    [InlineData("Precedence: bulk", AutomaticMailSignals.Precedence)]
    [InlineData("Precedence: junk", AutomaticMailSignals.Precedence)]
    [InlineData("X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent", AutomaticMailSignals.ExchangeGenerated)]
    [InlineData("Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"", AutomaticMailSignals.Report)]
    public void Each_header_signal_makes_a_message_automatic(string header, AutomaticMailSignals signal)
    {
        var automatic = AutomaticMail.Detect(Message(headers: header));
        Assert.NotNull(automatic);
        Assert.Equal(signal, automatic.Signals);
    }

    [Theory]
    [InlineData("Auto-Submitted: no")]
    [InlineData("Auto-Submitted: No (sent by a person)")]
    [InlineData("X-Autoreply: no")]
    [InlineData("Precedence: normal")]
    [InlineData("Precedence: first-class")]
    [InlineData("Precedence: list\nList-Id: <ima-coordinatie.googlegroups.com>")]
    [InlineData("X-Auto-Response-Suppress: All")]
    [InlineData("Thread-Topic: Automatisch antwoord")]
    public void Human_mail_is_not_automatic(string header) =>
        Assert.Null(AutomaticMail.Detect(Message(headers: header)));

    [Fact]
    public void List_precedence_counts_together_with_another_signal()
    {
        var automatic = AutomaticMail.Detect(Message(headers: "Precedence: list\nAuto-Submitted: auto-replied", text: "I am out of the office."));
        Assert.Equal(AutomaticMailSignals.Precedence | AutomaticMailSignals.AutoSubmitted, automatic!.Signals);
    }

    [Fact]
    public void A_null_envelope_sender_is_a_signal_and_from_a_mailer_daemon_a_delivery_failure()
    {
        var automatic = AutomaticMail.Detect(Message(nullSender: true, from: "MAILER-DAEMON@mx.bzk.example", text: "Delivery to the following recipient failed permanently."));
        Assert.Equal(new AutomaticMail(AutomaticMailKind.DeliveryFailure, AutomaticMailSignals.NullSender, null), automatic);
    }

    [Fact]
    public void A_delivery_status_part_makes_a_delivery_failure_even_without_the_report_content_type()
    {
        var status = new InboundAttachment("", "message/delivery-status", Encoding.ASCII.GetBytes("Action: failed\r\nStatus: 5.1.1\r\n"));
        var automatic = AutomaticMail.Detect(Message(headers: "Auto-Submitted: auto-replied", attachments: [status]));
        Assert.Equal(AutomaticMailKind.DeliveryFailure, automatic!.Kind);
    }

    [Fact]
    public void A_read_receipt_report_is_another_auto_reply()
    {
        var automatic = AutomaticMail.Detect(Message(headers: "Content-Type: multipart/report; report-type=disposition-notification; boundary=b", text: "Uw bericht is gelezen."));
        Assert.Equal(AutomaticMailKind.OtherAutoReply, automatic!.Kind);
    }

    [Theory]
    [InlineData("Automatisch antwoord: Verzoek om bijdrage", AutomaticMailKind.OutOfOffice)]
    [InlineData("Automatic reply: Request for contribution", AutomaticMailKind.OutOfOffice)]
    [InlineData("Out of Office: Request", AutomaticMailKind.OutOfOffice)]
    [InlineData("OOO until 18 January", AutomaticMailKind.OutOfOffice)]
    [InlineData("Afwezig", AutomaticMailKind.OutOfOffice)]
    [InlineData("Afwezigheidsbericht", AutomaticMailKind.OutOfOffice)]
    [InlineData("AutoReply: Verzoek", AutomaticMailKind.OutOfOffice)]
    [InlineData("Onbestelbaar: Verzoek om bijdrage", AutomaticMailKind.DeliveryFailure)]
    [InlineData("Niet bezorgd: Verzoek om bijdrage", AutomaticMailKind.DeliveryFailure)]
    [InlineData("Undeliverable: Request for contribution", AutomaticMailKind.DeliveryFailure)]
    [InlineData("Delivery Status Notification (Failure)", AutomaticMailKind.DeliveryFailure)]
    [InlineData("Delivery Status Notification (Delay)", AutomaticMailKind.DeliveryFailure)]
    [InlineData("Mail delivery failed: returning message to sender", AutomaticMailKind.DeliveryFailure)]
    [InlineData("Undelivered Mail Returned to Sender", AutomaticMailKind.DeliveryFailure)]
    [InlineData("Gelezen: Verzoek om bijdrage", AutomaticMailKind.OtherAutoReply)]
    [InlineData("Read: Request for contribution", AutomaticMailKind.OtherAutoReply)]
    public void The_subject_is_a_second_signal_in_dutch_and_english(string subject, AutomaticMailKind kind)
    {
        var automatic = AutomaticMail.Detect(Message(subject: subject, text: "Dit is een automatisch bericht."));
        Assert.Equal(kind, automatic!.Kind);
        Assert.Equal(AutomaticMailSignals.Subject, automatic.Signals);
    }

    [Theory]
    [InlineData("RE: Automatisch antwoord: Verzoek om bijdrage")]
    [InlineData("Re: Out of Office")]
    [InlineData("Afwezigheid van gemeenten bij de Regietafel")]
    [InlineData("Verzoek om bijdrage (SZW)")]
    [InlineData("Vakantiespreiding en migratie")]
    public void Subjects_that_only_mention_such_words_are_human(string subject) =>
        Assert.Null(AutomaticMail.Detect(Message(subject: subject)));

    [Theory]
    [InlineData("Ik ben met verlof en vanaf maandag weer op kantoor.", AutomaticMailKind.OutOfOffice)]
    [InlineData("I am away from the office with limited access to e-mail.", AutomaticMailKind.OutOfOffice)]
    [InlineData("Uw bericht is ontvangen onder nummer 12345.", AutomaticMailKind.OtherAutoReply)]
    public void Behind_a_header_signal_the_text_tells_out_of_office_from_other_replies(string text, AutomaticMailKind kind) =>
        Assert.Equal(kind, AutomaticMail.Detect(Message(headers: "Auto-Submitted: auto-replied", text: text))!.Kind);

    [Fact]
    public void The_return_date_comes_from_the_reply_not_from_the_quoted_request()
    {
        var text = "Ik ben afwezig tot en met 18 januari.\n\nOp 4 jan. 2027 om 09:00 schreef Coördinatie <c@jenv.example>:\n> Graag uiterlijk tot en met 15 januari uw bijdrage.";
        var automatic = AutomaticMail.Detect(Message(subject: "Automatisch antwoord: Verzoek", text: text));
        Assert.Equal(new ReturnDate(new DateOnly(2027, 1, 18), ReturnDateMeaning.AwayThrough), automatic!.ReturnDate);
        Assert.Equal(new DateOnly(2027, 1, 19), automatic.ReturnDate!.FirstDayBack);
    }

    [Fact]
    public void Extraction_reads_nothing_of_an_automatic_message()
    {
        var result = ContributionExtractor.Extract(Message(subject: "Automatisch antwoord: Verzoek", text: "Pijler 5\n\nIk ben afwezig tot 18 januari."), [5, 6], IntakeTestData.Definition);
        Assert.Equal(ExtractionOutcome.Automatic, result.Outcome);
        Assert.Empty(result.Sections);
        Assert.True(result.Accepted);
        Assert.Equal("Automatic OutOfOffice", result.RejectionReason);
    }

    [Theory]
    [InlineData("Ik ben afwezig tot en met maandag 18 januari 2027.", "2027-01-18", ReturnDateMeaning.AwayThrough)]
    [InlineData("Afwezig t/m 18-1.", "2027-01-18", ReturnDateMeaning.AwayThrough)]
    [InlineData("afwezig t/m vr 15 jan.", "2027-01-15", ReturnDateMeaning.AwayThrough)]
    [InlineData("Ik ben tot 18 januari niet aanwezig.", "2027-01-18", ReturnDateMeaning.AwayUntil)]
    [InlineData("Vanaf maandag 18 januari ben ik weer bereikbaar.", "2027-01-18", ReturnDateMeaning.BackOn)]
    [InlineData("Ik ben weer aanwezig op 18/01/2027.", "2027-01-18", ReturnDateMeaning.BackOn)]
    [InlineData("Ik ben van 4 januari tot en met 15 januari afwezig. Vanaf 18 januari ben ik er weer.", "2027-01-15", ReturnDateMeaning.AwayThrough)]
    [InlineData("Ik ben vanaf 4 januari afwezig tot 1 februari.", "2027-02-01", ReturnDateMeaning.AwayUntil)]
    [InlineData("I will be back on January 18th.", "2027-01-18", ReturnDateMeaning.BackOn)]
    [InlineData("I will return on 18/01.", "2027-01-18", ReturnDateMeaning.BackOn)]
    [InlineData("I'm back in the office on Monday, 18 January.", "2027-01-18", ReturnDateMeaning.BackOn)]
    [InlineData("I am out of the office until Monday, January 18, 2027.", "2027-01-18", ReturnDateMeaning.AwayUntil)]
    [InlineData("Out of office from 4 January until 18 January.", "2027-01-18", ReturnDateMeaning.AwayUntil)]
    [InlineData("I am on leave through the 18th of January.", "2027-01-18", ReturnDateMeaning.AwayThrough)]
    [InlineData("Returning 2027-01-18.", "2027-01-18", ReturnDateMeaning.BackOn)]
    [InlineData("I will return on 01/18.", "2027-01-18", ReturnDateMeaning.BackOn)]
    public void Return_dates_are_read_in_dutch_and_english(string text, string date, ReturnDateMeaning meaning) =>
        Assert.Equal(new ReturnDate(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), meaning), ReturnDate.Find(text, new DateOnly(2027, 1, 4)));

    [Theory]
    [InlineData("Ik ben afwezig tot en met 4 januari.", "2026-12-28", "2027-01-04")]
    [InlineData("Back on 2 January.", "2026-12-31", "2027-01-02")]
    [InlineData("Afwezig tot en met 28 december.", "2026-12-28", "2026-12-28")]
    [InlineData("Afwezig tot en met 29 februari.", "2027-03-01", "2028-02-29")]
    public void A_date_without_a_year_is_the_next_such_date_on_or_after_receipt(string text, string received, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            ReturnDate.Find(text, DateOnly.Parse(received, System.Globalization.CultureInfo.InvariantCulture))!.Date);

    [Theory]
    [InlineData("Ik ben afwezig.")]
    [InlineData("Ik ben tot 10.30 uur in overleg.")]
    [InlineData("Afwezig tot en met 31 februari 2027.")]
    [InlineData("Ik ben afwezig vanaf 4 januari.")]
    [InlineData("Het rapport verschijnt tot slot in maart.")]
    public void Text_without_a_return_date_gives_none(string text) =>
        Assert.Null(ReturnDate.Find(text, new DateOnly(2027, 1, 4)));

    [Fact]
    public void Without_a_received_date_only_dates_with_a_year_count() 
    {
        Assert.Null(ReturnDate.Find("Afwezig tot en met 18 januari.", null));
        Assert.Equal(new DateOnly(2027, 1, 18), ReturnDate.Find("Afwezig tot en met 18 januari 2027.", null)!.Date);
    }

    [Fact]
    public async Task Both_modes_carry_the_header_fields_and_the_null_sender()
    {
        var parser = new SendGridInboundParser();
        var parsed = await parser.ParseAsync(new MemoryStream(new SendGridPost()
            .Field("headers", "Auto-Submitted: auto-replied\r\nReturn-Path: <>\r\nSubject: =?utf-8?Q?Automatisch_antwoord:_Verzoek?=\r\n")
            .Field("from", "Jan <j.devries@szw.example>").Field("to", IntakeCorpus.ReplyTo).Field("text", "Afwezig.")
            .Field("envelope", $"{{\"to\":[\"{IntakeCorpus.ReplyTo}\"],\"from\":\"\"}}").Build()), SendGridPost.ContentType);
        Assert.Equal("auto-replied", parsed.Header("auto-submitted"));
        Assert.Equal("Automatisch antwoord: Verzoek", parsed.Header("Subject"));
        Assert.True(parsed.NullSender);
        Assert.Null(parsed.EnvelopeFrom);

        var mime = "From: Jan <j.devries@szw.example>\r\nTo: " + IntakeCorpus.ReplyTo + "\r\nSubject: Out of Office\r\nReturn-Path: <>\r\nX-Autoreply: yes\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\n\r\nI am out of the office.\r\n";
        var raw = await parser.ParseAsync(new MemoryStream(new SendGridPost().Field("email", mime).Field("to", IntakeCorpus.ReplyTo)
            .Field("envelope", $"{{\"to\":[\"{IntakeCorpus.ReplyTo}\"],\"from\":\"j.devries@szw.example\"}}").Build()), SendGridPost.ContentType);
        Assert.Equal("yes", raw.Header("X-Autoreply"));
        Assert.True(raw.NullSender);
        Assert.Equal(AutomaticMailSignals.AutoReplyHeader | AutomaticMailSignals.NullSender | AutomaticMailSignals.Subject, AutomaticMail.Detect(raw)!.Signals);
    }
}
