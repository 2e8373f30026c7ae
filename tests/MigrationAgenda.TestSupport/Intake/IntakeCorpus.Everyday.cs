using System.Text;
using static MigrationAgenda.TestSupport.Intake.DocxBuilder;

namespace MigrationAgenda.TestSupport.Intake;

/// <summary>
/// Everyday mail, shaped the way the clients and servers ministries use really write it: out-of-office replies and
/// delivery reports with their real headers, short human notes, forwards from each client, bottom-posted and inline
/// answers, long Rijkshuisstijl signatures, disclaimers, mobile and list footers, and .docx replies with tracked
/// changes, lists, tables and endnotes. Each case states its whole outcome.
/// </summary>
public static partial class IntakeCorpus
{
    // More text from the 2021 letter.
    public const string P1c = "Daarnaast is Nederland voorzitter van het Khartoem Proces, een dialoog tussen landen in de Hoorn van Afrika en Europese landen over migratiegeoriënteerde onderwerpen zoals uiteengezet in het Joint Valetta Action Plan. Dit voorzitterschap ging begin maart 2020 van start met de jaarlijkse vergadering op hoog-ambtelijk niveau in Den Haag.";
    public const string P3 = "Het afgelopen jaar zijn ook verschillende maatregelen getroffen om de aanpak van overlastgevende en/of criminele asielzoekers te intensiveren. Zo is in februari de Handhaving- en Toezichtlocatie (htl) geopend in Hoogeveen. Hier kan het COA stelselmatig overlastgevende asielzoekers naar overplaatsen om de leefbaarheid op reguliere locaties te borgen.";
    public const string P4c = "De vijf pilot-LVV’s in Amsterdam, Eindhoven, Groningen, Rotterdam en Utrecht bevinden zich momenteel in de ontwikkelfase. Door vertragingen in de opstartfase en de maatregelen als gevolg van COVID-19 hebben deze pilots slechts een deel van de oorspronkelijk bedoelde ontwikkelfase effectief doorlopen.";
    public const string P5c = "Daarnaast heeft het kabinet een website gelanceerd (workinnl.nl) waar migranten informatie kunnen vinden over hun rechten en plichten zolang zij in Nederland wonen en werken.";
    public const string P6b = "De volledige set van maatregelen wordt op dit moment uitgewerkt door de ministeries van JenV, BZK en SZW, in nauwe samenwerking met de VNG en het COA.";

    private const string Fatima = "Fatima El Amrani <fatima.elamrani@bhos.example>";
    private const string Pieter = "Pieter Bakker <p.bakker@bz.example>";
    private const string Els = "Els Visser <e.visser@bzk.example>";
    private const string Tom = "Tom Hendriks <t.hendriks@jenv.example>";
    private const string RequestSubject = "Verzoek om bijdrage aan Voortgang Integrale Migratieagenda 2027";

    /// <summary>Our request as MailComposer writes it: what replies quote.</summary>
    private static string Request(string ministry, params (int Pillar, string Title)[] pillars)
    {
        var text = new StringBuilder("Beste collega,\n\n");
        text.Append($"Voor de brief \"Voortgang Integrale Migratieagenda 2027\" vragen wij de bijdrage van {ministry} voor de volgende {(pillars.Length == 1 ? "pijler" : "pijlers")}:\n\n");
        foreach (var (pillar, title) in pillars) text.Append($"  - Pijler {pillar} – {title}\n");
        text.Append("\nWij ontvangen uw bijdrage graag uiterlijk vrijdag 15 januari 2027 17:00.\n\n");
        text.Append("Zo levert u uw bijdrage aan:\n");
        text.Append("  - Beantwoord deze e-mail met 'Beantwoorden'. Het antwoordadres is persoonlijk voor uw ministerie en deze uitvraag; wijzig het niet.\n");
        text.Append(pillars.Length > 1
            ? $"  - Begin voor elke pijler een eigen sectie met als kop \"Pijler N\" op een eigen regel, dus {string.Join(", ", pillars.Select(p => $"\"Pijler {p.Pillar}\""))}.\n"
            : "  - Een kop is niet nodig: uw tekst geldt voor de genoemde pijler.\n");
        text.Append("  - Voetnoten: zet een verwijzing als [^1] in de tekst en de voetnoot zelf onderaan op een eigen regel, bijvoorbeeld:\n");
        text.Append("      [^1]: Kamerstukken II 2019/20, 28638, nr. 176.\n");
        text.Append("    In de brief worden alle voetnoten doorgenummerd.\n\n");
        text.Append("Met vriendelijke groet,\n\nCoördinatie Migratieagenda\nMinisterie van Justitie en Veiligheid\nKenmerk: 3001668\n");
        return text.ToString();
    }

    private static readonly (int, string) T1 = (1, "Voorkomen irreguliere migratie");
    private static readonly (int, string) T2 = (2, "Versterken opvang en bescherming voor vluchtelingen en ontheemden in de regio");
    private static readonly (int, string) T4 = (4, "Tegengaan illegaal verblijf en bevorderen terugkeer");
    private static readonly (int, string) T5 = (5, "Bevorderen legale migratieroutes");
    private static readonly (int, string) T6 = (6, "Bevorderen integratie en participatie");

    /// <summary>"&gt; " before every line, "&gt;" on empty ones, as Gmail, Apple Mail and Thunderbird quote.</summary>
    private static string Quote(string text) =>
        string.Join('\n', text.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l)) + "\n";

    private const string SignatureRijk = """
        Met vriendelijke groet,

        Jan de Vries
        Senior beleidsmedewerker arbeidsmigratie
        .......................................................................
        Ministerie van Sociale Zaken en Werkgelegenheid
        Directie Werk en Inkomen | Arbeidsmigratie en Integratie
        Parnassusplein 5 | 2511 VX | Den Haag
        Postbus 90801 | 2509 LV | Den Haag
        .......................................................................
        T 070 333 44 44
        M 06 12 34 56 78
        j.devries@szw.example
        www.rijksoverheid.nl/szw
        Aanwezig: ma, di, do

        """;

    private const string SignatureRijkEn = """
        Kind regards,

        Pieter Bakker
        Senior Policy Officer | Migration and Development
        Ministry of Foreign Affairs of the Netherlands
        Department for Stabilisation and Humanitarian Aid (DSH)
        Rijnstraat 8 | 2515 XP | The Hague
        PO Box 20061 | 2500 EB | The Hague
        T +31 70 348 6486
        M +31 6 1234 5678
        p.bakker@bz.example
        www.government.nl/ministries/ministry-of-foreign-affairs

        """;

    /// <summary>The Rijksoverheid's bilingual disclaimer, as government mail servers append it.</summary>
    private const string DisclaimerRijk = """
        Dit bericht kan informatie bevatten die niet voor u is bestemd. Indien u niet de geadresseerde bent of dit bericht abusievelijk aan u is toegezonden, wordt u verzocht dat aan de afzender te melden en het bericht te verwijderen. De Staat aanvaardt geen aansprakelijkheid voor schade, van welke aard ook, die verband houdt met risico's verbonden aan het elektronisch verzenden van berichten.

        This message may contain information that is not intended for you. If you are not the addressee or if this message was sent to you by mistake, you are requested to inform the sender and delete the message. The State accepts no liability for damage of any kind resulting from the risks inherent in the electronic transmission of messages.

        """;

    private static readonly string[] EverydayAbsent =
        ["Verzonden:", "Met vriendelijke groet", "Beleidsmedewerker", "Kenmerk: 3001668", "Wij ontvangen uw bijdrage", "Dit bericht kan informatie", "Parnassusplein", "Postbus", "www.", "@", "........"];

    private static CorpusExpectation Contribution(params ExpectedSection[] sections) =>
        Accepted(sections) with { Absent = EverydayAbsent };

    private static CorpusExpectation Auto(string kind, string? returnDate, bool mayReply = true, string sender = "Allowed") =>
        new() { Sender = sender, MayReply = mayReply, Outcome = "Automatic", Automatic = kind, ReturnDate = returnDate };

    private static ExpectedSection S(int pillar, string text, params ExpectedFootnote[] footnotes) => new(pillar, text, footnotes.Length == 0 ? null : footnotes);

    private static SendGridPost Files(SendGridPost post, params (string Name, string Type, byte[] Content)[] files) => WithFiles(post, files).Field("attachments", files.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IEnumerable<CorpusCase> EverydayCases() => [.. Automatic(), .. Notes(), .. Forwards(), .. QuotesAndSignatures(), .. WordReplies()];

    private static IEnumerable<CorpusCase> Automatic()
    {
        const string exchangeHeaders = """
            Thread-Topic: Verzoek om bijdrage aan Voortgang Integrale Migratieagenda 2027 (SZW)
            Thread-Index: AQHa5TQ2bW9yZ2VuIGdlZW4gdGlqZA==
            Content-Language: nl-NL
            X-MS-Has-Attach:
            X-MS-TNEF-Correlator:
            Auto-Submitted: auto-generated
            X-MS-Exchange-Inbox-Rules-Loop: j.devries@szw.example
            X-Auto-Response-Suppress: All

            """;
        var oooNl = Crlf("""
            Beste afzender,

            Ik ben afwezig tot en met maandag 18 januari 2027 en heb beperkt toegang tot mijn e-mail. Uw bericht wordt niet doorgestuurd. Voor dringende zaken kunt u contact opnemen met Karin de Wit (k.dewit@szw.example, 070 333 55 55).

            Met vriendelijke groet,
            Jan de Vries

            """);
        yield return new CorpusCase
        {
            File = "p41-exchange-out-of-office-nl.txt",
            Description = "Exchange out-of-office in Dutch: Auto-Submitted: auto-generated, 'Automatisch antwoord:' subject, 'afwezig tot en met maandag 18 januari 2027'",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Auto("OutOfOffice", "2027-01-18 AwayThrough") with { Subject = "Automatisch antwoord: " + RequestSubject + " (SZW)" },
            Build = () => Parsed(Jan, "Automatisch antwoord: " + RequestSubject + " (SZW)", oooNl,
                OutlookHtml(MsoP("Beste afzender,") + MsoEmpty + MsoP("Ik ben afwezig tot en met maandag 18 januari 2027.")),
                extraHeaders: exchangeHeaders).Build(),
        };

        var oooEnText = Crlf("""
            Thank you for your email. I am out of the office with limited access to email. I will be back on Monday, January 18th.

            For urgent matters regarding migration cooperation, please contact the DSH front office: dsh@bz.example.

            """);
        var r11 = MimeHeaders(Pieter, "Automatic reply: Request for contribution (BZ)", "oof-r11@bz.example", "multipart/alternative; boundary=\"_000_DB9PR_\"",
                "Thread-Topic: Request for contribution (BZ)\nContent-Language: en-US\nX-MS-Has-Attach:\nAuto-Submitted: auto-generated\nX-Auto-Response-Suppress: All\n") + "\r\n" +
            "--_000_DB9PR_\r\nContent-Type: text/plain; charset=\"us-ascii\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
            SendGridPost.QuotedPrintable(oooEnText, Encoding.ASCII) + "\r\n" +
            "--_000_DB9PR_\r\nContent-Type: text/html; charset=\"us-ascii\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
            SendGridPost.QuotedPrintable("<html><body><p>Thank you for your email. I am out of the office with limited access to email. I will be back on Monday, January 18th.</p></body></html>", Encoding.ASCII) +
            "\r\n--_000_DB9PR_--\r\n";
        yield return new CorpusCase
        {
            File = "r11-exchange-out-of-office-en.txt",
            Description = "raw mode: Exchange out-of-office in English, 'Automatic reply:', 'I will be back on Monday, January 18th'",
            Ministry = "BZ", Owed = [1, 4],
            Expect = Auto("OutOfOffice", "2027-01-18 BackOn") with { Mode = "Raw" },
            Build = () => Raw(r11, Pieter).Build(),
        };

        yield return new CorpusCase
        {
            File = "p42-gmail-vacation-nl.txt",
            Description = "Gmail vacation responder in Dutch: Auto-Submitted: auto-replied, subject 'Afwezig', 'vanaf 18-1 weer bereikbaar'",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Auto("OutOfOffice", "2027-01-18 BackOn"),
            Build = () => Parsed(Fatima, "Afwezig", Crlf("Ik ben met vakantie en vanaf 18-1 weer bereikbaar. Uw bericht lees ik na terugkomst.\n"),
                $"<div dir=\"ltr\">Ik ben met vakantie en vanaf 18-1 weer bereikbaar. Uw bericht lees ik na terugkomst.</div>\n",
                extraHeaders: "Auto-Submitted: auto-replied\n").Build(),
        };

        var r12Text = Crlf("Hi,\n\nI'm on annual leave and will return on 18/01. For urgent matters please contact migratie@bhos.example.\n\nFatima\n");
        var r12 = MimeHeaders(Fatima, "Out of Office", "CAF=vacation-r12@mail.gmail.example", "text/plain; charset=\"UTF-8\"", "Auto-Submitted: auto-replied\n") +
            "Content-Transfer-Encoding: 7bit\r\n\r\n" + r12Text;
        yield return new CorpusCase
        {
            File = "r12-gmail-vacation-en.txt",
            Description = "raw mode: Gmail vacation responder in English, 'will return on 18/01' (day first)",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Auto("OutOfOffice", "2027-01-18 BackOn"),
            Build = () => Raw(r12, Fatima).Build(),
        };

        yield return new CorpusCase
        {
            File = "p43-out-of-office-year-rollover.txt",
            Description = "out-of-office received 28 December 2026: 'tot en met 4 januari' is 4 January 2027",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Auto("OutOfOffice", "2027-01-04 AwayThrough"),
            Build = () => Parsed(Jan, "Automatisch antwoord: Herinnering: bijdrage aan Voortgang Integrale Migratieagenda 2027 uiterlijk 15 januari (SZW)",
                Crlf("Ik ben afwezig tot en met 4 januari. Uw e-mail wordt niet doorgestuurd.\n"),
                extraHeaders: "Auto-Submitted: auto-generated\nX-Auto-Response-Suppress: All\n", date: "Mon, 28 Dec 2026 09:30:00 +0100").Build(),
        };

        yield return new CorpusCase
        {
            File = "p44-out-of-office-subject-only.txt",
            Description = "out-of-office whose headers a forwarding rule dropped: the subject is the signal; 'tot 18 januari' is 'until'",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Auto("OutOfOffice", "2027-01-18 AwayUntil"),
            Build = () => Parsed(Jan, "Automatisch antwoord: RE: " + RequestSubject + " (SZW)", Crlf("Ik ben tot 18 januari niet aanwezig.\n")).Build(),
        };

        yield return new CorpusCase
        {
            File = "p45-x-autorespond-without-date.txt",
            Description = "an old server's auto-responder (X-Autorespond) under an ordinary subject: out of office, no date in the text",
            Ministry = "BZ", Owed = [1, 4],
            Expect = Auto("OutOfOffice", null),
            Build = () => Parsed(Pieter, "Re: " + RequestSubject + " (BZ)", Crlf("I am currently out of the office with limited access to e-mail.\n\nPieter Bakker\n"),
                extraHeaders: "X-Autorespond: Pieter Bakker\n").Build(),
        };

        var ndrNl = Crlf("""
            Uw bericht heeft de volgende geadresseerden of groepen niet bereikt:

            m.bos@szw.example
            Het e-mailadres dat u hebt ingevoerd, is niet gevonden. Controleer het e-mailadres van de ontvanger en probeer het bericht opnieuw te verzenden.

            Diagnostische informatie voor beheerders:

            Genererende server: AM0PR09MB1234.eurprd09.prod.outlook.com

            m.bos@szw.example
            Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

            """);
        var r13 = MimeHeaders("Microsoft Outlook <postmaster@szw.example>", "Onbestelbaar: " + RequestSubject + " (SZW)", "ndr-r13@AM0PR09MB1234.eurprd09.prod.outlook.com",
                "multipart/report; report-type=delivery-status; boundary=\"ndr_boundary\"",
                "Return-Path: <>\nAuto-Submitted: auto-replied\nX-MS-Exchange-Message-Is-Ndr:\nContent-Language: nl-NL\n") + "\r\n" +
            "--ndr_boundary\r\nContent-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + ndrNl + "\r\n" +
            "--ndr_boundary\r\nContent-Type: message/delivery-status\r\n\r\n" +
            Crlf("Reporting-MTA: dns;AM0PR09MB1234.eurprd09.prod.outlook.com\nReceived-From-MTA: dns;mail.szw.example\nArrival-Date: Mon, 4 Jan 2027 09:00:01 +0000\n\nFinal-Recipient: rfc822;m.bos@szw.example\nAction: failed\nStatus: 5.1.10\nDiagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n") + "\r\n" +
            "--ndr_boundary\r\nContent-Type: text/rfc822-headers\r\n\r\n" +
            Crlf($"From: {Coordinator}\nTo: Mirjam Bos <m.bos@szw.example>\nSubject: {RequestSubject} (SZW)\nDate: Mon, 4 Jan 2027 09:00:00 +0100\n") +
            "\r\n--ndr_boundary--\r\n";
        yield return new CorpusCase
        {
            File = "r13-exchange-delivery-report-nl.txt",
            Description = "raw mode: Exchange non-delivery report in Dutch (multipart/report, message/delivery-status, 'Onbestelbaar:', Return-Path <>)",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Auto("DeliveryFailure", null) with { OtherAttachments = [""] },
            Build = () => Raw(r13, "Microsoft Outlook <postmaster@szw.example>", nullSender: true).Build(),
        };

        var dsn = Crlf("""
            ** Het adres is niet gevonden **

            Je bericht is niet bezorgd bij l.meijer@bhos.example omdat het adres niet is gevonden of geen e-mail kan ontvangen.

            Het antwoord was:

            550 5.1.1 The email account that you tried to reach does not exist.

            """);
        var r14 = MimeHeaders("Mail Delivery Subsystem <mailer-daemon@googlemail.com>", "Delivery Status Notification (Failure)", "dsn-r14@mx.google.example",
                "multipart/report; boundary=\"000000000000dsn\"; report-type=delivery-status",
                "Auto-Submitted: auto-replied\nX-Failed-Recipients: l.meijer@bhos.example\n") + "\r\n" +
            "--000000000000dsn\r\nContent-Type: multipart/related; boundary=\"000000000000rel\"\r\n\r\n" +
            "--000000000000rel\r\nContent-Type: multipart/alternative; boundary=\"000000000000alt\"\r\n\r\n" +
            "--000000000000alt\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\r\n" + dsn + "\r\n" +
            "--000000000000alt--\r\n--000000000000rel--\r\n" +
            "--000000000000dsn\r\nContent-Type: message/delivery-status\r\n\r\n" +
            Crlf("Reporting-MTA: dns; googlemail.com\nArrival-Date: Mon, 04 Jan 2027 02:02:11 -0800 (PST)\n\nFinal-Recipient: rfc822; l.meijer@bhos.example\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 The email account that you tried to reach does not exist.\n") + "\r\n" +
            "--000000000000dsn\r\nContent-Type: message/rfc822\r\n\r\n" +
            Crlf($"From: {Fatima}\nTo: Lotte Meijer <l.meijer@bhos.example>\nSubject: Fwd: {RequestSubject} (BHOS)\nDate: Mon, 4 Jan 2027 11:02:00 +0100\nContent-Type: text/plain; charset=UTF-8\n\nLotte, kun jij pijler 2 schrijven?\n") +
            "\r\n--000000000000dsn--\r\n";
        yield return new CorpusCase
        {
            File = "r14-gmail-delivery-status-notification.txt",
            Description = "raw mode: Gmail's 'Delivery Status Notification (Failure)' from mailer-daemon, multipart/report with the returned message",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Auto("DeliveryFailure", null, sender: "NotOnAllowList") with { OtherAttachments = [""] },
            Build = () => Raw(r14, "Mail Delivery Subsystem <mailer-daemon@googlemail.com>", nullSender: true).Build(),
        };

        var exim = Crlf("""
            This message was created automatically by mail delivery software.

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              k.mulder@bzk.example
                mailbox is full: retry timeout exceeded

            """);
        yield return new CorpusCase
        {
            File = "p46-parsed-delivery-report-null-sender.txt",
            Description = "parsed mode: an Exim bounce ('Mail delivery failed'), empty envelope sender, multipart/report in the headers field",
            Ministry = "BZK", Owed = [6],
            Expect = Auto("DeliveryFailure", null, sender: "NotOnAllowList", mayReply: false),
            Build = () => Parsed("Mail Delivery System <Mailer-Daemon@mx.bzk-mail.example>", "Mail delivery failed: returning message to sender", exim,
                extraHeaders: "Auto-Submitted: auto-replied\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"1704360000-eximdsn\"\n",
                nullSender: true, spf: "none", dkim: "none").Build(),
        };

        yield return new CorpusCase
        {
            File = "p47-ticket-system-acknowledgement.txt",
            Description = "a ticket system's receipt (Precedence: bulk, X-Autoreply: yes): an automatic reply, not a note",
            Ministry = "BZK", Owed = [6],
            Expect = Auto("OtherAutoReply", null),
            Build = () => Parsed("Servicedesk BZK <servicedesk@bzk.example>", "Uw bericht is ontvangen [#12345]",
                Crlf("Dit is een automatisch bericht. Uw e-mail is ontvangen en geregistreerd onder nummer 12345. U hoeft niet te reageren.\n"),
                extraHeaders: "Precedence: bulk\nX-Autoreply: yes\n").Build(),
        };

        yield return new CorpusCase
        {
            File = "p48-exchange-mailbox-rule-reply.txt",
            Description = "an Exchange mailbox rule's reply (X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent) under the request's subject",
            Ministry = "BZ", Owed = [1, 4],
            Expect = Auto("OtherAutoReply", null),
            Build = () => Parsed("Postbus Migratie BZ <migratie@bz.example>", "RE: " + RequestSubject + " (BZ)",
                Crlf("Deze mailbox wordt niet meer gelezen. Stuur uw bericht naar dsh@bz.example.\n"),
                extraHeaders: "X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent\n").Build(),
        };

        yield return new CorpusCase
        {
            File = "p49-outlook-read-receipt.txt",
            Description = "an Outlook read receipt ('Gelezen:'), its headers lost on the way: the subject says it is automatic",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Auto("OtherAutoReply", null),
            Build = () => Parsed(Jan, "Gelezen: " + RequestSubject + " (SZW)",
                Crlf($"Uw bericht\n\n  Aan: Jan de Vries\n  Onderwerp: {RequestSubject} (SZW)\n  Verzonden: maandag 4 januari 2027 09:00:00 (UTC+01:00) Amsterdam, Berlijn, Bern, Rome, Stockholm, Wenen\n\nis gelezen op maandag 4 januari 2027 11:12:00 (UTC+01:00) Amsterdam, Berlijn, Bern, Rome, Stockholm, Wenen.\n")).Build(),
        };

        yield return new CorpusCase
        {
            File = "p50-auto-submitted-no-is-human.txt",
            Description = "'Auto-Submitted: no' (RFC 3834: sent by a person) with a real two-pillar answer: a contribution",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Contribution(S(5, P5), S(6, P6)),
            Build = () => Parsed(Jan, "RE: " + RequestSubject + " (SZW)", Crlf($"Pijler 5\n\n{P5}\n\nPijler 6\n\n{P6}\n\n") + SignatureSzw,
                extraHeaders: "Auto-Submitted: no\n").Build(),
        };
    }

    private static IEnumerable<CorpusCase> Notes()
    {
        var outlookQuote = "________________________________\n" +
            $"Van: {Coordinator}\nVerzonden: maandag 4 januari 2027 09:00\nAan: Jan de Vries <j.devries@szw.example>\nOnderwerp: {RequestSubject} (SZW)\n\n" +
            Request("Ministerie van Sociale Zaken en Werkgelegenheid", T5, T6);
        yield return new CorpusCase
        {
            File = "p51-outlook-acknowledgement-nl.txt",
            Description = "Outlook, Dutch: 'Dank, wij leveren vrijdag aan.' above the Rijkshuisstijl signature, disclaimer and request: a note, not pillar text",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Noted("Dank, wij leveren vrijdag aan.", "Acknowledgement") with { Absent = EverydayAbsent },
            Build = () => Parsed(Jan, "RE: " + RequestSubject + " (SZW)", Crlf("Dank, wij leveren vrijdag aan.\n\n" + SignatureRijk + "\n" + DisclaimerRijk + outlookQuote)).Build(),
        };

        var gmailQuote = $"On Mon, Jan 4, 2027 at 9:00 AM Coördinatie Migratieagenda <{CoordinatorAddress}> wrote:\n\n" +
            Quote(Request("Ministerie van Buitenlandse Zaken", T1, T4));
        yield return new CorpusCase
        {
            File = "p52-gmail-acknowledgement-en.txt",
            Description = "Gmail, English: 'Thanks, will send our input by Friday.' and 'Best,' sign-off above the quoted request",
            Ministry = "BZ", Owed = [1, 4],
            Expect = Noted("Thanks, will send our input by Friday.", "Acknowledgement") with { Absent = EverydayAbsent },
            Build = () => Parsed(Pieter, "Re: " + RequestSubject + " (BZ)", Crlf("Thanks, will send our input by Friday.\n\nBest,\nPieter\n\n" + gmailQuote)).Build(),
        };

        yield return new CorpusCase
        {
            File = "p53-no-changes-nl.txt",
            Description = "'Geen wijzigingen ten opzichte van vorig jaar.': a NoChanges note for every owed pillar",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Noted("Geen wijzigingen ten opzichte van vorig jaar.", "NoChanges") with { UnchangedPillars = [5, 6] },
            Build = () => Parsed(Jan, "RE: " + RequestSubject + " (SZW)", Crlf("Beste Karin,\n\nGeen wijzigingen ten opzichte van vorig jaar.\n\nGroet,\nJan\n")).Build(),
        };

        var r15Text = Crlf($"No changes to last year’s text for pillar 4.\n\nSent from my iPhone\n\nOn 4 Jan 2027, at 09:00, Coördinatie Migratieagenda <{CoordinatorAddress}> wrote:\n\n" +
            Quote(Request("Ministerie van Buitenlandse Zaken", T4)));
        var r15 = MimeHeaders(Pieter, "Re: " + RequestSubject + " (BZ)", "r15@bz.example", "text/plain; charset=utf-8") +
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + SendGridPost.QuotedPrintable(r15Text, Encoding.UTF8);
        yield return new CorpusCase
        {
            File = "r15-apple-no-changes-en.txt",
            Description = "raw mode: Apple Mail from iPhone, English: 'No changes to last year’s text for pillar 4.'",
            Ministry = "BZ", Owed = [4],
            Expect = Noted("No changes to last year’s text for pillar 4.", "NoChanges") with { UnchangedPillars = [4], Absent = ["iPhone", "wrote:"] },
            Build = () => Raw(r15, Pieter).Build(),
        };

        yield return new CorpusCase
        {
            File = "p54-heading-says-no-changes.txt",
            Description = "pillar 5 written, pillar 6 only 'Geen wijzigingen.': pillar 5 is stored, pillar 6 reported as unchanged, not as text",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Contribution(S(5, P5 + "\n\n" + P5b)) with { UnchangedPillars = [6] },
            Build = () => Parsed(Jan, "RE: " + RequestSubject + " (SZW)", Crlf($"Pijler 5\n\n{P5}\n\n{P5b}\n\nPijler 6\n\nGeen wijzigingen.\n\n") + SignatureSzw).Build(),
        };

        const string shortText = "De handreiking huisvesting vergunninghouders is in december 2026 aan alle gemeenten verstuurd.";
        yield return new CorpusCase
        {
            File = "p55-short-text-single-pillar.txt",
            Description = "one short sentence for the one owed pillar, no heading: held as a note for one click, not guessed into the letter",
            Ministry = "BZK", Owed = [6],
            Expect = Noted(shortText, "Short"),
            Build = () => Parsed(Els, "RE: " + RequestSubject + " (BZK)", Crlf($"Beste Karin,\n\n{shortText}\n\nMet vriendelijke groet,\nEls Visser\n")).Build(),
        };

        const string question = "Mogen wij een week uitstel? De cijfers van het CBS over arbeidsmigratie komen pas op 20 januari.";
        yield return new CorpusCase
        {
            File = "p56-question-two-pillars-owed.txt",
            Description = "a question while two pillars are owed: a note, not an 'ambiguous' rejection",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Noted(question, "Acknowledgement"),
            Build = () => Parsed(Jan, "RE: " + RequestSubject + " (SZW)", Crlf($"Hoi Karin,\n\n{question}\n\nGroet,\nJan\n")).Build(),
        };

        yield return new CorpusCase
        {
            File = "p57-long-answer-after-thanks.txt",
            Description = "'Dank voor je bericht.' then a long single-pillar answer without heading: the thanks line goes, the text is the contribution",
            Ministry = "BZ", Owed = [4],
            Expect = Contribution(S(4, P4 + "\n\n" + P4b)),
            Build = () => Parsed(Pieter, "Re: " + RequestSubject + " (BZ)", Crlf($"Dank voor je bericht.\n\n{P4}\n\n{P4b}\n\nMet vriendelijke groet,\nPieter\n")).Build(),
        };

        var ackHtml = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><style><!-- p.MsoNormal {margin:0cm;} --></style></head><body lang=\"NL\"><div class=\"WordSection1\">" +
            MsoP("Ontvangen, wij sturen de bijdrage uiterlijk maandag.") + MsoEmpty + MsoP("Groet,") + MsoP("Els") + MsoEmpty +
            "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p class=\"MsoNormal\"><b>Van:</b> Coördinatie Migratieagenda &lt;migratieagenda@jenv.example&gt; <br><b>Verzonden:</b> maandag 4 januari 2027 09:00<br><b>Aan:</b> Els Visser &lt;e.visser@bzk.example&gt;<br><b>Onderwerp:</b> " + RequestSubject + " (BZK)<o:p></o:p></p></div>" +
            MsoEmpty + MsoP("Beste collega,") + MsoP("Wij ontvangen uw bijdrage graag uiterlijk vrijdag 15 januari 2027 17:00.") + "</div></body></html>";
        var r16 = MimeHeaders(Els, "RE: " + RequestSubject + " (BZK)", "r16@bzk.example", "text/html; charset=\"utf-8\"") +
            "Content-Transfer-Encoding: base64\r\n\r\n" + SendGridPost.Base64(ackHtml, Encoding.UTF8);
        yield return new CorpusCase
        {
            File = "r16-outlook-html-acknowledgement.txt",
            Description = "raw mode: Outlook HTML only, 'Ontvangen, wij sturen de bijdrage uiterlijk maandag.' above the border-top history",
            Ministry = "BZK", Owed = [6],
            Expect = Noted("Ontvangen, wij sturen de bijdrage uiterlijk maandag.", "Acknowledgement") with { Absent = EverydayAbsent },
            Build = () => Raw(r16, Els).Build(),
        };
    }

    private static IEnumerable<CorpusCase> Forwards()
    {
        var gmailNl = Crlf($"""
            Hoi Karin,

            Ter info: Els heeft de tekst voor pijler 6 geschreven, ik stuur hem door.

            Groet,
            Kees

            ---------- Doorgestuurd bericht ---------
            Van: Els Visser <e.visser@bzk.example>
            Date: ma 4 jan. 2027 om 14:02
            Subject: Re: {RequestSubject} (BZK)
            To: Kees Mulder <k.mulder@bzk.example>


            Hoi Kees,

            {P6}

            {P6b}

            Groet,
            Els

            Op ma 4 jan. 2027 om 09:00 schreef Kees Mulder <k.mulder@bzk.example>:

            > Kun jij pijler 6 schrijven?

            """);
        yield return new CorpusCase
        {
            File = "p58-gmail-forward-nl.txt",
            Description = "Gmail, Dutch: a colleague's answer forwarded ('---------- Doorgestuurd bericht ---------'); the covering note is kept as a note",
            Ministry = "BZK", Owed = [6],
            Expect = Contribution(S(6, P6 + "\n\n" + P6b)) with { Forwarded = true, Note = "Ter info: Els heeft de tekst voor pijler 6 geschreven, ik stuur hem door.", NoteReason = "Covering" },
            Build = () => Parsed("Kees Mulder <k.mulder@bzk.example>", "Fwd: Re: " + RequestSubject + " (BZK)", gmailNl).Build(),
        };

        var gmailEnHtml = "<div dir=\"ltr\">FYI, below is Anna's text for pillar 1.<div><br></div><div>Best,</div><div>Pieter</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">---------- Forwarded message ---------<br>" +
            "From: <strong class=\"gmail_sendername\" dir=\"auto\">Anna Smit</strong> <span dir=\"auto\">&lt;<a href=\"mailto:a.smit@bz.example\">a.smit@bz.example</a>&gt;</span><br>" +
            "Date: Mon, 4 Jan 2027 at 14:02<br>Subject: Re: Request for contribution<br>To: Pieter Bakker &lt;<a href=\"mailto:p.bakker@bz.example\">p.bakker@bz.example</a>&gt;<br></div><br><br>" +
            $"<div dir=\"ltr\"><div>Pieter,</div><div><br></div><div>{P1b}</div><div><br></div><div>{P1c}</div><div><br></div><div>Regards,</div><div>Anna</div></div></div></div>";
        yield return new CorpusCase
        {
            File = "p59-gmail-forward-en-html.txt",
            Description = "Gmail, English, HTML only: '---------- Forwarded message ---------' in gmail_attr, the forwarded body unquoted",
            Ministry = "BZ", Owed = [1],
            Expect = Contribution(S(1, P1b + "\n\n" + P1c)) with { Forwarded = true, Note = "FYI, below is Anna's text for pillar 1.", NoteReason = "Covering" },
            Build = () => Parsed(Pieter, "Fwd: Re: Request for contribution", null, gmailEnHtml).Build(),
        };

        var appleForward = Crlf("Daan heeft de tekst geschreven, zie hieronder.\n\nVerstuurd vanaf mijn iPad\n\nBegin doorgestuurd bericht:\n\n" + Quote($"""
            Van: Daan Kok <d.kok@bhos.example>
            Datum: 4 januari 2027 om 14:02:11 CET
            Aan: Fatima El Amrani <fatima.elamrani@bhos.example>
            Onderwerp: Antw.: {RequestSubject} (BHOS)

            Pijler 2

            {P2}

            Pijler 1

            {P1}

            Groet,
            Daan
            """));
        var r17 = MimeHeaders(Fatima, "Fwd: Antw.: " + RequestSubject + " (BHOS)", "r17@bhos.example", "text/plain; charset=utf-8") +
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + SendGridPost.QuotedPrintable(appleForward, Encoding.UTF8);
        yield return new CorpusCase
        {
            File = "r17-apple-forward-nl.txt",
            Description = "raw mode: Apple Mail, Dutch: 'Begin doorgestuurd bericht:' with the whole forward quoted, Van:/Datum:/Aan:/Onderwerp:",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Contribution(S(1, P1), S(2, P2)) with { Forwarded = true, Note = "Daan heeft de tekst geschreven, zie hieronder.", NoteReason = "Covering" },
            Build = () => Raw(r17, Fatima).Build(),
        };

        var outlookForward = Crlf($"""
            Ter info, hieronder de bijdrage van onze directie Integratie.

            Met vriendelijke groet,
            Jan de Vries

            ________________________________
            Van: Mirjam Bos <m.bos@szw.example>
            Verzonden: maandag 4 januari 2027 14:02
            Aan: Jan de Vries <j.devries@szw.example>
            Onderwerp: RE: {RequestSubject} (SZW)

            Hoi Jan,

            Pijler 6

            {P6}

            Groet,
            Mirjam

            Van: Jan de Vries <j.devries@szw.example>
            Verzonden: maandag 4 januari 2027 10:00
            Aan: Mirjam Bos <m.bos@szw.example>
            Onderwerp: FW: {RequestSubject} (SZW)

            Mirjam, kun jij pijler 6 doen?

            """);
        yield return new CorpusCase
        {
            File = "p60-outlook-forward-nl.txt",
            Description = "Outlook desktop, Dutch, plain text: 'FW:' subject, underscore rule and Van: block; the forwarded message's own history goes",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Contribution(S(6, P6)) with { Forwarded = true, Note = "Ter info, hieronder de bijdrage van onze directie Integratie.", NoteReason = "Covering" },
            Build = () => Parsed(Jan, "FW: RE: " + RequestSubject + " (SZW)", outlookForward).Build(),
        };

        var owaForward = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><style type=\"text/css\" style=\"display:none;\"> P {margin-top:0;margin-bottom:0;} </style></head><body dir=\"ltr\">" +
            "<div class=\"elementToProof\" style=\"font-family: Aptos, sans-serif; font-size: 12pt;\">Forwarding Anna's contribution for pillar 4.</div>" +
            "<div id=\"Signature\"><p>Pieter Bakker<br>Ministry of Foreign Affairs</p></div>" +
            "<div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">" +
            "<div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri, sans-serif\" style=\"font-size:11pt\" color=\"#000000\"><b>From:</b> Anna Smit &lt;a.smit@bz.example&gt;<br><b>Sent:</b> Monday, January 4, 2027 2:02 PM<br><b>To:</b> Pieter Bakker &lt;p.bakker@bz.example&gt;<br><b>Subject:</b> RE: Request for contribution</font><div>&nbsp;</div></div>" +
            $"<div><div>Pieter,</div><div><br></div><div>{P4}</div><div><br></div><div>{P4b}</div><div><br></div><div>Kind regards,</div><div>Anna Smit</div><div>Senior Policy Officer</div></div></body></html>";
        var r18 = MimeHeaders(Pieter, "FW: RE: Request for contribution", "r18@bz.example", "multipart/alternative; boundary=\"_000_owa_\"") + "\r\n" +
            "--_000_owa_\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + SendGridPost.Base64(owaForward, Encoding.UTF8) +
            "--_000_owa_--\r\n";
        yield return new CorpusCase
        {
            File = "r18-owa-forward-en.txt",
            Description = "raw mode: Outlook on the web, English, HTML: #Signature, #appendonsend, <hr>, #divRplyFwdMsg From:/Sent:/To:/Subject:",
            Ministry = "BZ", Owed = [4],
            Expect = Contribution(S(4, P4 + "\n\n" + P4b)) with { Forwarded = true, Note = "Forwarding Anna's contribution for pillar 4.", NoteReason = "Covering" },
            Build = () => Raw(r18, Pieter).Build(),
        };

        var thunderbird = Crlf($"""
            Bijgaand de tekst van Sanne.

            -------- Doorgestuurd bericht --------
            Onderwerp: 	Tekst pijler 3 en 4
            Datum: 	Mon, 4 Jan 2027 14:02:11 +0100
            Van: 	Sanne Dekker <s.dekker@jenv.example>
            Aan: 	Tom Hendriks <t.hendriks@jenv.example>



            Pijler 3

            {P3}

            Pijler 4

            {P4c}

            -- 
            Sanne Dekker
            DG Migratie

            """);
        yield return new CorpusCase
        {
            File = "p61-thunderbird-forward-nl.txt",
            Description = "Thunderbird, Dutch: '-------- Doorgestuurd bericht --------' with Onderwerp: first and tab-separated values; 'Bijgaand de tekst' is only covering",
            Ministry = "JenV", Owed = [3, 4],
            Expect = Contribution(S(3, P3), S(4, P4c)) with { Forwarded = true },
            Build = () => Parsed(Tom, "Fwd: Tekst pijler 3 en 4", thunderbird).Build(),
        };

        var ourRequest = Crlf("Mirjam, kun jij dit oppakken voor vrijdag?\n\nJan\n\n________________________________\n" +
            $"Van: {Coordinator}\nVerzonden: maandag 4 januari 2027 09:00\nAan: Jan de Vries <j.devries@szw.example>\nOnderwerp: {RequestSubject} (SZW)\n\n" +
            Request("Ministerie van Sociale Zaken en Werkgelegenheid", T5, T6));
        yield return new CorpusCase
        {
            File = "p62-forward-of-our-own-request.txt",
            Description = "our request forwarded to a colleague with the reply address in copy: the forward is ours, not a contribution; the line above it is a note",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Noted("Mirjam, kun jij dit oppakken voor vrijdag?", "Conversation") with { Absent = EverydayAbsent },
            Build = () => Parsed(Jan, "FW: " + RequestSubject + " (SZW)", ourRequest).Build(),
        };

        var iosForward = Crlf($"""
            Tekst van Lotte voor pijler 2, zojuist binnengekomen.

            Outlook voor iOS downloaden<https://aka.ms/o0ukef>
            ________________________________
            Van: Lotte Meijer <l.meijer@bhos.example>
            Verzonden: Monday, January 4, 2027 2:02:11 PM
            Aan: Fatima El Amrani <fatima.elamrani@bhos.example>
            Onderwerp: Bijdrage pijler 2

            Hoi Fatima,

            {P2}

            {P2Fn}

            [^1]: {Fn1}

            Groetjes,
            Lotte

            """);
        var r19 = MimeHeaders(Fatima, "Fwd: Bijdrage pijler 2", "r19@bhos.example", "text/plain; charset=\"utf-8\"") +
            "Content-Transfer-Encoding: base64\r\n\r\n" + SendGridPost.Base64(iosForward, Encoding.UTF8);
        yield return new CorpusCase
        {
            File = "r19-outlook-ios-forward-nl.txt",
            Description = "raw mode: Outlook for iOS, Dutch forward with its download footer, underscore rule and mixed Dutch/English field names; footnote kept",
            Ministry = "BHOS", Owed = [2],
            Expect = Contribution(S(2, P2 + "\n\n" + P2Fn, new ExpectedFootnote("1", Fn1))) with { Forwarded = true, Note = "Tekst van Lotte voor pijler 2, zojuist binnengekomen.", NoteReason = "Covering" },
            Build = () => Raw(r19, Fatima).Build(),
        };
    }

    private static IEnumerable<CorpusCase> QuotesAndSignatures()
    {
        var outlookEn = Crlf($"Pillar 1\n\n{P1}\n\nPillar 4\n\n{P4b}\n\n" + SignatureRijkEn +
            "-----------------------------------------\n" +
            $"Subject: {RequestSubject} (BZ)\nFrom: {Coordinator}\nDate: Monday, 4 January 2027 09:00\nTo: Pieter Bakker <p.bakker@bz.example>;\n Dirk Smits <d.smits@bz.example>\n\n" +
            Request("Ministerie van Buitenlandse Zaken", T1, T4));
        yield return new CorpusCase
        {
            File = "p63-outlook-en-subject-first-dashed-rule.txt",
            Description = "Outlook, English plain text: long Rijkshuisstijl signature in English, dashed rule above a header block that starts with Subject: and wraps To:",
            Ministry = "BZ", Owed = [1, 4],
            Expect = Contribution(S(1, P1), S(4, P4b)) with { Absent = [.. EverydayAbsent, "---", "Kind regards", "Senior Policy"] },
            Build = () => Parsed(Pieter, "RE: " + RequestSubject + " (BZ)", outlookEn).Build(),
        };

        string Lines(string text) => string.Concat(text.TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? MsoEmpty : MsoP(l)));
        var rijkHtml = OutlookHtml(
            MsoP("Beste Karin,") + MsoEmpty + MsoP("<b>Pijler 5</b>") + MsoEmpty + MsoP(P5) + MsoEmpty + MsoP("<b>Pijler 6</b>") + MsoEmpty + MsoP(P6) + MsoEmpty +
            Lines(SignatureRijk) + MsoEmpty +
            "<p class=\"MsoNormal\"><span style=\"font-size:7.5pt;color:gray\">" + DisclaimerRijk.Split("\n\n")[0] + "</span><o:p></o:p></p>" + MsoEmpty +
            "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p class=\"MsoNormal\"><b>Van:</b> Coördinatie Migratieagenda &lt;migratieagenda@jenv.example&gt; <br><b>Verzonden:</b> maandag 4 januari 2027 09:00<br><b>Aan:</b> Jan de Vries &lt;j.devries@szw.example&gt;<br><b>Onderwerp:</b> " + RequestSubject + " (SZW)<o:p></o:p></p></div>" +
            MsoEmpty + Lines(Request("Ministerie van Sociale Zaken en Werkgelegenheid", T5, T6)));
        yield return new CorpusCase
        {
            File = "p64-outlook-html-rijkshuisstijl.txt",
            Description = "Outlook desktop, Dutch, HTML only: bold 'Pijler N' headings, 14-line Rijkshuisstijl signature with dotted rules, disclaimer, border-top history",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Contribution(S(5, P5), S(6, P6)),
            Build = () => Parsed(Jan, "RE: " + RequestSubject + " (SZW)", null, rijkHtml).Build(),
        };

        var owaNl = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body dir=\"ltr\">" +
            $"<div class=\"elementToProof\">Pijler 1</div><div class=\"elementToProof\"><br></div><div class=\"elementToProof\">{P1}</div><div class=\"elementToProof\"><br></div>" +
            $"<div class=\"elementToProof\">Pijler 4</div><div class=\"elementToProof\"><br></div><div class=\"elementToProof\">{P4}</div><div class=\"elementToProof\"><br></div>" +
            "<div id=\"Signature\"><div>Met vriendelijke groet,</div><div><br></div><div>Pieter Bakker</div><div>Ministerie van Buitenlandse Zaken</div><div>T 070 348 6486</div></div>" +
            "<div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">" +
            $"<div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri, sans-serif\" style=\"font-size:11pt\" color=\"#000000\"><b>Van:</b> Coördinatie Migratieagenda &lt;migratieagenda@jenv.example&gt;<br><b>Verzonden:</b> maandag 4 januari 2027 09:00<br><b>Aan:</b> Pieter Bakker &lt;p.bakker@bz.example&gt;<br><b>Onderwerp:</b> {RequestSubject} (BZ)</font><div>&nbsp;</div></div>" +
            "<div>" + string.Concat(Request("Ministerie van Buitenlandse Zaken", T1, T4).Split('\n').Select(l => $"<div>{(l.Length == 0 ? "<br>" : l)}</div>")) + "</div></body></html>";
        var r20 = MimeHeaders(Pieter, "RE: " + RequestSubject + " (BZ)", "r20@bz.example", "multipart/alternative; boundary=\"_000_owa_nl_\"") + "\r\n" +
            "--_000_owa_nl_\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + SendGridPost.QuotedPrintable(owaNl, Encoding.UTF8) +
            "\r\n--_000_owa_nl_--\r\n";
        yield return new CorpusCase
        {
            File = "r20-owa-html-nl.txt",
            Description = "raw mode: Outlook on the web, Dutch, HTML quoted-printable: elementToProof divs, #Signature, #appendonsend, <hr>, #divRplyFwdMsg",
            Ministry = "BZ", Owed = [1, 4],
            Expect = Contribution(S(1, P1), S(4, P4)),
            Build = () => Raw(r20, Pieter).Build(),
        };

        var iosNl = Crlf($"Pijler 5\n\n{P5}\n\nPijler 6\n\n{P6}\n\nOutlook voor iOS downloaden<https://aka.ms/o0ukef>\n________________________________\n" +
            $"Van: {Coordinator}\nVerzonden: Monday, January 4, 2027 9:00:00 AM\nAan: Jan de Vries <j.devries@szw.example>\nOnderwerp: {RequestSubject} (SZW)\n\n" +
            Request("Ministerie van Sociale Zaken en Werkgelegenheid", T5, T6));
        yield return new CorpusCase
        {
            File = "p65-outlook-ios-nl.txt",
            Description = "Outlook for iOS, Dutch: 'Outlook voor iOS downloaden<https://aka.ms/o0ukef>' footer straight above the underscore rule",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Contribution(S(5, P5), S(6, P6)) with { Absent = [.. EverydayAbsent, "Outlook", "aka.ms"] },
            Build = () => Parsed(Jan, "RE: " + RequestSubject + " (SZW)", iosNl).Build(),
        };

        var androidEn = Crlf($"{P1b}\n\n{P1c}\n\nGet Outlook for Android<https://aka.ms/ghei36>\n\nFrom: {Coordinator}\nSent: Monday, January 4, 2027 9:00:00 AM\nTo: Pieter Bakker <p.bakker@bz.example>\nSubject: {RequestSubject} (BZ)\n\n" +
            Request("Ministerie van Buitenlandse Zaken", T1));
        yield return new CorpusCase
        {
            File = "p66-outlook-android-en.txt",
            Description = "Outlook for Android, English: 'Get Outlook for Android<https://aka.ms/ghei36>', From:/Sent:/To:/Subject: block, one pillar owed",
            Ministry = "BZ", Owed = [1],
            Expect = Contribution(S(1, P1b + "\n\n" + P1c)) with { Absent = [.. EverydayAbsent, "Outlook", "aka.ms"] },
            Build = () => Parsed(Pieter, "RE: " + RequestSubject + " (BZ)", androidEn).Build(),
        };

        var bottom = Crlf($"Op ma 4 jan. 2027 om 09:00 schreef Coördinatie Migratieagenda <{CoordinatorAddress}>:\n\n" +
            Quote(Request("Buitenlandse Handel en Ontwikkelingssamenwerking", T1, T2)) + $"\nPijler 1\n\n{Wrap(P1)}\n\nPijler 2\n\n{Wrap(P2)}\n\nGroet,\nFatima\n");
        yield return new CorpusCase
        {
            File = "p67-gmail-bottom-posted-nl.txt",
            Description = "Gmail, Dutch, bottom-posted: the answer is written below the quoted request; nothing after 'schreef' may be lost",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Contribution(S(1, P1), S(2, P2)),
            Build = () => Parsed(Fatima, "Re: " + RequestSubject + " (BHOS)", bottom).Build(),
        };

        var request = Request("Ministerie van Buitenlandse Zaken", T1, T4).Split('\n');
        var inline = Crlf("On 04-01-2027 09:00, Coördinatie Migratieagenda wrote:\n" +
            Quote(string.Join('\n', request.Take(5))) + $"\nPillar 1\n\n{Wrap(P1b)}\n\n" +
            Quote(string.Join('\n', request.Skip(5).Take(1))) + $"\nPillar 4\n\n{Wrap(P4)}\n\n" +
            Quote(string.Join('\n', request.Skip(6))) + "\n-- \nPieter Bakker\nMinistry of Foreign Affairs\n");
        yield return new CorpusCase
        {
            File = "p68-thunderbird-inline-answers-en.txt",
            Description = "Thunderbird, English: answers written between the quoted request's lines (inline), '-- ' signature",
            Ministry = "BZ", Owed = [1, 4],
            Expect = Contribution(S(1, P1b), S(4, P4)),
            Build = () => Parsed(Pieter, "Re: " + RequestSubject + " (BZ)", inline).Build(),
        };

        var appleShort = Crlf($"{P4}\n\n{P4c}\n\nVerstuurd vanaf mijn iPhone\n\nOp 4 jan 2027, om 09:00, heeft Coördinatie Migratieagenda geschreven:\n\n" + Quote(Request("Ministerie van Buitenlandse Zaken", T4)));
        var r21 = MimeHeaders(Pieter, "Re: " + RequestSubject + " (BZ)", "r21@bz.example", "text/plain; charset=utf-8") +
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + SendGridPost.QuotedPrintable(appleShort, Encoding.UTF8);
        yield return new CorpusCase
        {
            File = "r21-apple-short-attribution-nl.txt",
            Description = "raw mode: Apple Mail, Dutch, the short attribution 'Op … heeft X geschreven:' (no address), 'Verstuurd vanaf mijn iPhone'",
            Ministry = "BZ", Owed = [4],
            Expect = Contribution(S(4, P4 + "\n\n" + P4c)) with { Absent = [.. EverydayAbsent, "iPhone", "geschreven"] },
            Build = () => Raw(r21, Pieter).Build(),
        };

        var appleEn = Crlf($"{P4}\n\n{P4b}\n\nSent from my iPad\n\nOn 4 Jan 2027, at 09:00, Coördinatie Migratieagenda <{CoordinatorAddress}> wrote:\n\n" + Quote(Request("Ministerie van Buitenlandse Zaken", T4)));
        yield return new CorpusCase
        {
            File = "p69-apple-mail-ipad-en.txt",
            Description = "Apple Mail on iPad, English: 'Sent from my iPad', 'On …, at …, X <x> wrote:'",
            Ministry = "BZ", Owed = [4],
            Expect = Contribution(S(4, P4 + "\n\n" + P4b)) with { Absent = [.. EverydayAbsent, "iPad", "wrote:"] },
            Build = () => Parsed(Pieter, "Re: " + RequestSubject + " (BZ)", appleEn).Build(),
        };

        static string Flow(string p) => SendGridPost.Wrap(p, 66).Replace("\r\n", " \r\n", StringComparison.Ordinal);
        var tbFlowed = $"Pijler 5\r\n\r\n{Flow(P5)}\r\n\r\nPijler 6\r\n\r\n{Flow(P6)}\r\n\r\n-- \r\nJan de Vries\r\nSZW\r\n\r\n" +
            "Op 04-01-2027 om 09:00 schreef Coördinatie Migratieagenda:\r\n" + Crlf(Quote(Request("Ministerie van Sociale Zaken en Werkgelegenheid", T5, T6)));
        var r22 = MimeHeaders(Jan, "Re: " + RequestSubject + " (SZW)", "r22@szw.example", "text/plain; charset=UTF-8; format=flowed") +
            "Content-Transfer-Encoding: 8bit\r\n\r\n" + tbFlowed;
        yield return new CorpusCase
        {
            File = "r22-thunderbird-flowed-nl.txt",
            Description = "raw mode: Thunderbird, Dutch, format=flowed 8bit: '-- ' signature above 'Op … schreef X:' and the quoted request",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Contribution(S(5, P5), S(6, P6)),
            Build = () => Raw(r22, Jan).Build(),
        };

        var blackberry = Crlf($"{P6}\n\n{P6b}\n\nVerzonden met BlackBerry Work\n(www.blackberry.com)\n\nVan: {Coordinator}\nDatum: maandag 4 jan. 2027 9:00 AM\nAan: Els Visser <e.visser@bzk.example>\nOnderwerp: {RequestSubject} (BZK)\n\n" +
            Request("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", T6));
        yield return new CorpusCase
        {
            File = "p70-blackberry-work-nl.txt",
            Description = "BlackBerry Work, Dutch: two-line footer 'Verzonden met BlackBerry Work' + '(www.blackberry.com)', Van:/Datum:/Aan:/Onderwerp: block",
            Ministry = "BZK", Owed = [6],
            Expect = Contribution(S(6, P6 + "\n\n" + P6b)) with { Absent = [.. EverydayAbsent, "BlackBerry"] },
            Build = () => Parsed(Els, "RE: " + RequestSubject + " (BZK)", blackberry).Build(),
        };

        var samsung = Crlf($"{P2}\n\n{P2Fn}\n\n[^1]: {Fn1}\n\nVerzonden vanaf mijn Samsung Galaxy-smartphone.\n\n-------- Oorspronkelijk bericht --------\nVan: {Coordinator}\nDatum: 04-01-2027 09:00 (GMT+01:00)\nAan: Fatima El Amrani <fatima.elamrani@bhos.example>\nOnderwerp: {RequestSubject} (BHOS)\n\n" +
            Request("Buitenlandse Handel en Ontwikkelingssamenwerking", T2));
        yield return new CorpusCase
        {
            File = "p71-samsung-email-nl.txt",
            Description = "Samsung Email, Dutch: 'Verzonden vanaf mijn Samsung Galaxy-smartphone.' and '-------- Oorspronkelijk bericht --------'; footnote kept",
            Ministry = "BHOS", Owed = [2],
            Expect = Contribution(S(2, P2 + "\n\n" + P2Fn, new ExpectedFootnote("1", Fn1))) with { Absent = [.. EverydayAbsent, "Samsung"] },
            Build = () => Parsed(Fatima, "Re: " + RequestSubject + " (BHOS)", samsung).Build(),
        };

        var android = Crlf($"{P1}\n\n{P1b}\n\nSent via the Samsung Galaxy S23 Ultra, an AT&T 5G smartphone\nSent from my T-Mobile 5G device\n\n-------- Original message --------\nFrom: {Coordinator}\nDate: 1/4/27 09:00 (GMT+01:00)\nTo: Pieter Bakker <p.bakker@bz.example>\nSubject: {RequestSubject} (BZ)\n\n" +
            Request("Ministerie van Buitenlandse Zaken", T1));
        yield return new CorpusCase
        {
            File = "p72-android-carrier-footers-en.txt",
            Description = "Android mail, English: carrier footers 'Sent via the Samsung Galaxy S23 Ultra, an AT&T 5G smartphone' and 'Sent from my T-Mobile 5G device'",
            Ministry = "BZ", Owed = [1],
            Expect = Contribution(S(1, P1 + "\n\n" + P1b)) with { Absent = [.. EverydayAbsent, "Sent via", "T-Mobile"] },
            Build = () => Parsed(Pieter, "Re: " + RequestSubject + " (BZ)", android).Build(),
        };

        var groups = Crlf($"{P5}\n\n{P5b}\n\n-Jan\n\n--\nYou received this message because you are subscribed to the Google Groups \"IMA-coördinatie\" group.\nTo unsubscribe from this group and stop receiving emails from it, send an email to ima-coordinatie+unsubscribe@googlegroups.com.\nTo view this discussion visit https://groups.google.com/d/msgid/ima-coordinatie/CAF%3Dabc%40mail.gmail.com.\n");
        yield return new CorpusCase
        {
            File = "p73-google-groups-footer-dash-name.txt",
            Description = "a reply through a Google Group (Precedence: list, List-Id): a person's text, not automatic; '-Jan' signature and the group's '--' footer",
            Ministry = "SZW", Owed = [5],
            Expect = Contribution(S(5, P5 + "\n\n" + P5b)) with { Absent = [.. EverydayAbsent, "-Jan", "subscribed", "unsubscribe"] },
            Build = () => Parsed(Jan, "Re: [IMA-coördinatie] " + RequestSubject + " (SZW)", groups, extraHeaders: "Precedence: list\nMailing-list: list ima-coordinatie@googlegroups.com; contact ima-coordinatie+owners@googlegroups.com\nList-Id: <ima-coordinatie.googlegroups.com>\n").Build(),
        };

        var mailman = Crlf($"{P6}\n\n{P6b}\n\nGroeten,\nEls\n_______________________________________________\nIMA-coordinatie mailing list\nIMA-coordinatie@lists.bzk.example\nhttps://lists.bzk.example/mailman/listinfo/ima-coordinatie\n");
        yield return new CorpusCase
        {
            File = "p74-mailman-footer.txt",
            Description = "a reply through a Mailman list: 'Groeten, Els' and the '___ / mailing list' footer",
            Ministry = "BZK", Owed = [6],
            Expect = Contribution(S(6, P6 + "\n\n" + P6b)) with { Absent = [.. EverydayAbsent, "mailing list", "listinfo"] },
            Build = () => Parsed(Els, "Re: [IMA-coordinatie] " + RequestSubject + " (BZK)", mailman).Build(),
        };

        var disclaimersEn = Crlf($"Pillar 1\n\n{P1c}\n\nPillar 4\n\n{P4c}\n\nKind regards,\nPieter\n\n" +
            "This e-mail and any attachments are confidential and may also be privileged. If you are not the intended recipient, please notify the sender immediately and delete this e-mail; do not copy, use or disclose its contents.\n\n" +
            "Please consider the environment before printing this e-mail.\n");
        yield return new CorpusCase
        {
            File = "p75-disclaimer-en.txt",
            Description = "English disclaimers by their form: 'This e-mail and any attachments …' and 'Please consider the environment …'",
            Ministry = "BZ", Owed = [1, 4],
            Expect = Contribution(S(1, P1c), S(4, P4c)) with { Absent = [.. EverydayAbsent, "confidential", "environment"] },
            Build = () => Parsed(Pieter, "RE: " + RequestSubject + " (BZ)", disclaimersEn).Build(),
        };

        var disclaimersNl = Crlf($"Pijler 1\n\n{P1}\n\nPijler 2\n\n{P2}\n\nMet vriendelijke groet,\nFatima El Amrani\n\n" +
            "Disclaimer:\nDe informatie verzonden in dit e-mailbericht is uitsluitend bestemd voor de geadresseerde. Gebruik van deze informatie door anderen dan de geadresseerde is verboden. Indien u dit bericht ten onrechte ontvangt, wordt u verzocht de inhoud niet te gebruiken maar de afzender direct te informeren door het bericht te retourneren.\n\n" +
            "Aan dit bericht kunnen geen rechten worden ontleend.\n");
        yield return new CorpusCase
        {
            File = "p76-disclaimer-nl-forms.txt",
            Description = "Dutch disclaimers in other words: 'Disclaimer:' + 'De informatie verzonden in dit e-mailbericht …', 'Aan dit bericht kunnen geen rechten worden ontleend.'",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Contribution(S(1, P1), S(2, P2)) with { Absent = [.. EverydayAbsent, "Disclaimer", "geadresseerde", "rechten"] },
            Build = () => Parsed(Fatima, "RE: " + RequestSubject + " (BHOS)", disclaimersNl).Build(),
        };

        const string typography1 = "Bij brief van 17 november 2020 is de Tweede Kamer geïnformeerd over de behaalde resultaten[^12] tot 1 november 2020. Volgens het onderzoek ligt het totale aantal onrechtmatig in Nederland verblijvende vreemdelingen tussen 23.000 en 58.000.";
        const string typography2 = "De vijf pilot-LVV’s – in Amsterdam, Eindhoven, Groningen, Rotterdam en Utrecht – bevinden zich in de ontwikkelfase (zie ook Kamerstukken II 2019/20, 19637, nr. 2645). Zo wordt vanuit de FRIT m.n. via het ESSN maandelijks steun geboden aan 1.7 miljoen vluchtelingen; dat is ca. 1 miljoen euro per week.";
        const string typography3 = "T.a.v. de motie Bisschop[^11]:\n- afspraken met West-Europese landen;\n- terugkeer naar het land van herkomst.";
        yield return new CorpusCase
        {
            File = "p77-letter-typography-is-not-a-signature.txt",
            Description = "letter text with diacritics, ’ and –, '1.7 miljoen', abbreviations with periods, [^n] markers, a Kamerstuk and a short list: none of it is cut",
            Ministry = "BZ", Owed = [4],
            Expect = Contribution(S(4, typography1 + "\n\n" + typography2 + "\n\n" + typography3,
                new ExpectedFootnote("12", Fn12), new ExpectedFootnote("11", "Kamerstukken II 2019/20, 19637, nr. 2623."))) with { Absent = ["ontleend"] },
            Build = () => Parsed(Pieter, "RE: " + RequestSubject + " (BZ)",
                Crlf($"Pijler 4\n\n{typography1}\n\n{typography2}\n\n{typography3}\n\n[^11]: Kamerstukken II 2019/20, 19637, nr. 2623.\n[^12]: {Fn12}\n\nP.B.\n\nAan dit bericht kunnen geen rechten worden ontleend.\n")).Build(),
        };

        const string realFirst = "Hieronder vallen ook de vijf pilot-LVV’s in Amsterdam, Eindhoven, Groningen, Rotterdam en Utrecht.";
        const string realSecond = "Graag wijs ik op de nieuwe illegalenschatting, uitgevoerd door de Universiteit Utrecht in opdracht van het WODC.";
        yield return new CorpusCase
        {
            File = "p78-first-lines-are-real-text.txt",
            Description = "first lines that begin like covering lines ('Hieronder vallen …', 'Graag wijs ik …') are real text and stay",
            Ministry = "BZ", Owed = [4],
            Expect = Contribution(S(4, realFirst + "\n\n" + realSecond + "\n\n" + P4b)),
            Build = () => Parsed(Pieter, "RE: " + RequestSubject + " (BZ)", Crlf($"Beste Karin,\n\n{realFirst}\n\n{realSecond}\n\n{P4b}\n\nGroet,\nPieter\n")).Build(),
        };

        yield return new CorpusCase
        {
            File = "p79-list-at-the-end-is-not-a-dash-signature.txt",
            Description = "a list ending in '- COA' at the end of the text is not a '-Name' signature",
            Ministry = "SZW", Owed = [6],
            Expect = Contribution(S(6, P6 + "\n\nDe handreiking is verstuurd aan:\n- VNG\n- Aedes\n- COA")),
            Build = () => Parsed(Jan, "RE: " + RequestSubject + " (SZW)", Crlf($"{P6}\n\nDe handreiking is verstuurd aan:\n- VNG\n- Aedes\n- COA\n\nGroet,\nJan\n")).Build(),
        };

        var big = string.Join("\n\n", Enumerable.Repeat(P5, 10));
        yield return new CorpusCase
        {
            File = "p80-too-large.txt",
            Description = "a pillar text longer than the limit passed in (2,000 characters here): rejected as too large, with size and limit",
            Ministry = "SZW", Owed = [5],
            MaxSectionChars = 2000,
            Expect = Rejected("TooLarge", new() { Pillars = [5], Size = big.Length, Limit = 2000 }),
            Build = () => Parsed(Jan, "RE: " + RequestSubject + " (SZW)", Crlf($"Pijler 5\n\n{big}\n\nGroet,\nJan\n")).Build(),
        };
    }

    private static IEnumerable<CorpusCase> WordReplies()
    {
        byte[] Tracked() => new DocxBuilder()
            .Heading("Pijler 5")
            .Paragraph(T("In februari van 2020 heb ik "), Del("mevrouw"), Ins("de heer"), T(" Groothuizen tijdens het Algemeen Overleg in de Tweede Kamer over het Vreemdelingenbeleid de toezegging gedaan "),
                Comment("het door hem gepresenteerde plan ‘Grip op migratie’", "Klopt de naam van het plan?"), T(" te bestuderen en in overleg met mijn collega van SZW tot een reactie te komen."))
            .Paragraph(MoveFrom("Dit geldt ook voor hervestiging. "), T("Bij brief van 26 mei 2020 is de Tweede Kamer bericht over het vaststellen van het nationaal meerjarig beleidskader hervestiging 2020-2023."), MoveTo(" Dit geldt ook voor hervestiging."))
            .ParagraphJoinedToNext(T("Hervestiging van vluchtelingen is, als gereguleerde overkomst van vluchtelingen, "))
            .Paragraph(T("ook een vorm van legale migratie."), Del(" Dit is een verwijderde zin."))
            .Heading("Pijler 6")
            .Paragraph(Ins("Daarom hebben de leden van Landelijke Regietafel Migratie en Integratie een pakket aan ondersteuningsmaatregelen uitgewerkt."), Del("Oude tekst die niet meer geldt."))
            .Paragraph(Del("Een alinea die helemaal is geschrapt."))
            .Build();
        const string tracked5 = "In februari van 2020 heb ik de heer Groothuizen tijdens het Algemeen Overleg in de Tweede Kamer over het Vreemdelingenbeleid de toezegging gedaan het door hem gepresenteerde plan ‘Grip op migratie’ te bestuderen en in overleg met mijn collega van SZW tot een reactie te komen.\n\n" +
            "Bij brief van 26 mei 2020 is de Tweede Kamer bericht over het vaststellen van het nationaal meerjarig beleidskader hervestiging 2020-2023. Dit geldt ook voor hervestiging.\n\n" +
            "Hervestiging van vluchtelingen is, als gereguleerde overkomst van vluchtelingen, ook een vorm van legale migratie.";
        const string tracked6 = "Daarom hebben de leden van Landelijke Regietafel Migratie en Integratie een pakket aan ondersteuningsmaatregelen uitgewerkt.";
        yield return new CorpusCase
        {
            File = "p81-docx-tracked-changes.txt",
            Description = ".docx with tracked changes as Word writes them: w:ins kept, w:del and w:moveFrom dropped, w:moveTo kept, a deleted paragraph mark joins, comments ignored",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Contribution(S(5, tracked5), S(6, tracked6)) with
            {
                Absent = ["mevrouw", "verwijderde", "Oude tekst", "geschrapt", "Klopt de naam"],
                Note = "In de bijlage onze bijdrage, met de wijzigingen van de directie nog zichtbaar.", NoteReason = "Covering",
            },
            Build = () => Files(Parsed(Jan, "RE: " + RequestSubject + " (SZW)", Crlf("Beste Karin,\n\nIn de bijlage onze bijdrage, met de wijzigingen van de directie nog zichtbaar.\n\nGroet,\nJan\n")),
                ("Bijdrage SZW IMA 2027 (wijzigingen).docx", DocxType, Tracked())).Build(),
        };

        byte[] Lists() => new DocxBuilder()
            .Heading("Pijler 1")
            .Paragraph("De bewustwordingscampagnes liepen in 2026 in:")
            .Bullet("Nigeria")
            .Bullet("Mali")
            .Bullet("Niger, met name in:")
            .Bullet("Agadez", level: 1)
            .Bullet("Niamey", level: 1)
            .Paragraph(P1c)
            .Heading("Pijler 2")
            .Paragraph("De inzet in de regio kende drie stappen:")
            .Numbered("opvang in de regio versterken;")
            .Numbered("onderwijs en werk voor vluchtelingen:")
            .Numbered("in Jordanië;", level: 1)
            .Numbered("in Libanon;", level: 1)
            .Numbered("steun aan gastgemeenschappen.")
            .Paragraph(P2)
            .Numbered("een tweede lijst begint weer bij één.", list: 3)
            .Build();
        const string lists1 = "De bewustwordingscampagnes liepen in 2026 in:\n\n- Nigeria\n- Mali\n- Niger, met name in:\n  - Agadez\n  - Niamey\n\n" + P1c;
        const string lists2 = "De inzet in de regio kende drie stappen:\n\n1. opvang in de regio versterken;\n2. onderwijs en werk voor vluchtelingen:\n  1. in Jordanië;\n  2. in Libanon;\n3. steun aan gastgemeenschappen.\n\n" +
            P2 + "\n\n1. een tweede lijst begint weer bij één.";
        var r23 = MimeHeaders(Fatima, "RE: " + RequestSubject + " (BHOS)", "r23@bhos.example", "multipart/mixed; boundary=\"mixed-docx\"") + "\r\n" +
            "--mixed-docx\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nZie de bijlage.\r\n\r\nGroet,\r\nFatima\r\n" +
            $"--mixed-docx\r\nContent-Type: {DocxType}; name=\"bijdrage-bhos.docx\"\r\nContent-Disposition: attachment; filename=\"bijdrage-bhos.docx\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            SendGridPost.Base64(Lists()) + "--mixed-docx--\r\n";
        yield return new CorpusCase
        {
            File = "r23-docx-lists.txt",
            Description = "raw mode: .docx with a bulleted list (two levels) and numbered lists from a numbering part (nested, a second list restarting): kept as lists",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Contribution(S(1, lists1), S(2, lists2)),
            Build = () => Raw(r23, Fatima).Build(),
        };

        byte[] Tables() => new DocxBuilder()
            .Heading("5. Bevorderen legale migratieroutes")
            .Paragraph(T(P5c), Footnote("https://www.workinnl.nl"))
            .Table(["Regeling", "Aanvragen 2025", "Aanvragen 2026"], ["Kennismigrant", "15.310", "16.045"], ["Europese blauwe kaart", "1.120", "1.390"], ["Seizoensarbeid | pilot", "0", "85"])
            .Paragraph(T("De cijfers zijn voorlopig"), Endnote("Bron: IND, Kerncijfers 2026 (voorlopig)."), T(" en worden in maart definitief."))
            .Table(["Let op: de IND publiceert de definitieve cijfers op 1 maart 2027."])
            .Build();
        const string tables5 = P5c + "[^1]\n\n| Regeling | Aanvragen 2025 | Aanvragen 2026 |\n| --- | --- | --- |\n| Kennismigrant | 15.310 | 16.045 |\n| Europese blauwe kaart | 1.120 | 1.390 |\n| Seizoensarbeid \\| pilot | 0 | 85 |\n\n" +
            "De cijfers zijn voorlopig[^2] en worden in maart definitief.\n\nLet op: de IND publiceert de definitieve cijfers op 1 maart 2027.";
        yield return new CorpusCase
        {
            File = "p82-docx-table-endnote.txt",
            Description = ".docx with a footnote, a table (a pipe in a cell), an endnote numbered after the footnote, and a one-cell layout table read as text",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Contribution(S(5, tables5, new ExpectedFootnote("1", "https://www.workinnl.nl"), new ExpectedFootnote("2", "Bron: IND, Kerncijfers 2026 (voorlopig).")))
                with { Note = "Zie bijlage; pijler 6 volgt later deze week.", NoteReason = "Covering" },
            Build = () => Files(Parsed(Jan, "Bijdrage pijler 5", Crlf("Zie bijlage; pijler 6 volgt later deze week.\n")),
                ("bijdrage-szw.docx", DocxType, Tables())).Build(),
        };

        // Word 97-2003 compound file, saved under a .docx name: the OLE signature, then nothing Word 2007+ can read.
        byte[] oldWord = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. Encoding.ASCII.GetBytes("Microsoft Word 97-2003 Document")];
        var r24 = MimeHeaders(Els, "RE: " + RequestSubject + " (BZK)", "r24@bzk.example", "multipart/mixed; boundary=\"mixed-doc\"") + "\r\n" +
            "--mixed-doc\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBeste Karin,\r\n\r\nIn de bijlage onze bijdrage voor pijler 6.\r\n\r\nGroet,\r\nEls\r\n" +
            $"--mixed-doc\r\nContent-Type: {DocxType}; name=\"Bijdrage BZK.docx\"\r\nContent-Disposition: attachment; filename=\"Bijdrage BZK.docx\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            SendGridPost.Base64(oldWord) + "--mixed-doc--\r\n";
        yield return new CorpusCase
        {
            File = "r24-old-word-file-named-docx.txt",
            Description = "raw mode: a Word 97-2003 file saved as 'Bijdrage BZK.docx': rejected as unreadable with the file and the reason, nothing guessed",
            Ministry = "BZK", Owed = [6],
            Expect = Rejected("UnreadableAttachment", new() { FileNames = ["Bijdrage BZK.docx"], AttachmentError = "OldWordFormat" }),
            Build = () => Raw(r24, Els).Build(),
        };
    }
}
