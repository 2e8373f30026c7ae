namespace MigrationAgenda.TestSupport.Intake;

public static partial class IntakeCorpus
{
    private static string MimeHeaders(string from, string subject, string messageId, string contentType, string? extra = null,
        string date = "Mon, 4 Jan 2027 11:12:00 +0100") =>
        Crlf(
            "Received: from mail.example by mx.sendgrid.net with ESMTP id 1234; Mon, 04 Jan 2027 10:12:01 +0000\n" +
            (extra ?? "") +
            $"From: {from}\nTo: {ReplyTo}\nSubject: {subject}\nDate: {date}\n" +
            $"Message-ID: <{messageId}>\nIn-Reply-To: <req-ima-2021-szw-1@migratieagenda.example>\n" +
            $"References: <req-ima-2021-szw-1@migratieagenda.example>\nMIME-Version: 1.0\nContent-Type: {contentType}\n");

    private static IEnumerable<CorpusCase> RawCases()
    {
        var w = SendGridPost.Windows1252;
        var outlookPlain = Crlf($"Pijler 5\n\n{P5}\n\n{P5b}\n\nPijler 6\n\n{P6}\n\n") + SignatureSzw + "\r\n" + QuotedRequestOutlook;
        var outlookHtml = $"<html><body><div class=WordSection1><p class=MsoNormal>Pijler 5<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>{P5}<o:p></o:p></p></div></body></html>";
        var r01 = MimeHeaders(Jan, "RE: Verzoek bijdrage Voortgang Integrale Migratieagenda =?iso-8859-1?Q?=96?= SZW", "r01@szw.example",
                "multipart/alternative; boundary=\"_000_AM0PR09MB_\"", "Thread-Topic: Verzoek bijdrage\nX-MS-Has-Attach: \n") + "\r\n" +
            "--_000_AM0PR09MB_\r\nContent-Type: text/plain; charset=\"iso-8859-1\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
            SendGridPost.QuotedPrintable(outlookPlain, w) + "\r\n" +
            "--_000_AM0PR09MB_\r\nContent-Type: text/html; charset=\"iso-8859-1\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
            SendGridPost.QuotedPrintable(outlookHtml, w) + "\r\n--_000_AM0PR09MB_--\r\n";
        yield return new CorpusCase
        {
            File = "r01-outlook-qp-cp1252.txt",
            Description = "raw mode: Outlook multipart/alternative, quoted-printable, labelled iso-8859-1 with cp1252 ’ –, RFC 2047 subject",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5 + "\n\n" + P5b), new ExpectedSection(6, P6)) with
            {
                Mode = "Raw", Subject = "RE: Verzoek bijdrage Voortgang Integrale Migratieagenda – SZW", MessageId = "r01@szw.example",
                InReplyTo = "req-ima-2021-szw-1@migratieagenda.example", EnvelopeTo = [ReplyTo],
            },
            Build = () => Raw(r01, Jan).Build(),
        };

        var gmailPlain = Crlf($"Pijler 1\n\n{P1}\n\nPijler 2\n\n{P2}\n\n{P2Fn}\n\n[^1]: {Fn1}\n\nGroet,\nFatima\n\nOp ma 4 jan. 2027 om 10:12 schreef Coördinatie Migratieagenda <migratieagenda@jenv.example>:\n\n> Beste collega,\n> Pijler 1\n");
        var r02 = MimeHeaders("Fatima El Amrani <fatima.elamrani@bhos.example>", "Re: Verzoek bijdrage", "CAF=r02@mail.gmail.example",
                "multipart/alternative; boundary=\"000000000000abcdef\"") + "\r\n" +
            "--000000000000abcdef\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            SendGridPost.Base64(gmailPlain, System.Text.Encoding.UTF8) +
            "--000000000000abcdef\r\nContent-Type: text/html; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            SendGridPost.Base64($"<div dir=\"ltr\">Pijler 1<div>{P1}</div></div>", System.Text.Encoding.UTF8) +
            "--000000000000abcdef--\r\n";
        yield return new CorpusCase
        {
            File = "r02-gmail-base64-footnote.txt",
            Description = "raw mode: Gmail base64 UTF-8 parts, footnote, 'Op … schreef …:' attribution",
            Ministry = "BHOS", Owed = [1, 2],
            Expect = Accepted(new ExpectedSection(1, P1), new ExpectedSection(2, P2 + "\n\n" + P2Fn, [new("1", Fn1)])) with { Mode = "Raw", MessageId = "CAF=r02@mail.gmail.example" },
            Build = () => Raw(r02, "Fatima El Amrani <fatima.elamrani@bhos.example>").Build(),
        };

        // format=flowed: soft line breaks end in a space; Apple Mail and Thunderbird send this.
        static string Flow(string p) => SendGridPost.Wrap(p, 66).Replace("\r\n", " \r\n", StringComparison.Ordinal);
        var applePlain = $"{Flow(P4)}\r\n\r\n{Flow(P4b)}\r\n\r\nVerstuurd vanaf mijn iPad\r\n\r\nOp 3 jan. 2027 om 10:12 heeft Coördinatie Migratieagenda <migratieagenda@jenv.example> het volgende \r\ngeschreven:\r\n\r\n> Graag uw tekst voor pijler 4.\r\n";
        var r03 = MimeHeaders("Pieter Bakker <p.bakker@bz.example>", "Re: Heropend: pijler 4", "r03@bz.example",
                "text/plain; charset=utf-8; format=flowed; delsp=no") + "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
            SendGridPost.QuotedPrintable(applePlain, System.Text.Encoding.UTF8);
        yield return new CorpusCase
        {
            File = "r03-apple-flowed-qp.txt",
            Description = "raw mode: Apple Mail format=flowed quoted-printable UTF-8, single pillar owed, 'heeft … het volgende geschreven:'",
            Ministry = "BZ", Owed = [4],
            Expect = Accepted(new ExpectedSection(4, P4 + "\n\n" + P4b)) with { Mode = "Raw", Absent = ["iPad", "Graag uw tekst"] },
            Build = () => Raw(r03, "Pieter Bakker <p.bakker@bz.example>").Build(),
        };

        var htmlOnly = $"<html><body><h2>Pijler 5</h2><p>{P5}</p><h2>Pijler 6</h2><ul><li>{P6}</li></ul><p>Met vriendelijke groet,<br>Jan</p></body></html>";
        var r04 = MimeHeaders(Jan, "Bijdrage SZW", "r04@szw.example", "text/html; charset=utf-8") + "Content-Transfer-Encoding: base64\r\n\r\n" +
            SendGridPost.Base64(htmlOnly, System.Text.Encoding.UTF8);
        yield return new CorpusCase
        {
            File = "r04-html-only-base64.txt",
            Description = "raw mode: single text/html part, base64; list item becomes a '- ' line",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5), new ExpectedSection(6, "- " + P6)),
            Build = () => Raw(r04, Jan).Build(),
        };

        var r05 = MimeHeaders(Jan, "Bijdrage", "r05@szw.example", "text/plain; charset=ISO-8859-1") + "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
            SendGridPost.QuotedPrintable($"{P6Latin}\r\n\r\nMet vriendelijke groet,\r\nJan de Vries\r\n", SendGridPost.Latin1);
        yield return new CorpusCase
        {
            File = "r05-iso-8859-1-qp.txt",
            Description = "raw mode: ISO-8859-1 quoted-printable plain text",
            Ministry = "SZW", Owed = [6],
            Expect = Accepted(new ExpectedSection(6, P6Latin)),
            Build = () => Raw(r05, Jan).Build(),
        };

        var r06 = MimeHeaders("Pieter Bakker <p.bakker@bz.example>", "Bijdrage", "r06@bz.example", "text/plain; charset=utf-8",
                "Authentication-Results: mx.sendgrid.net; spf=softfail smtp.mailfrom=relay.example; dkim=pass header.d=bz.example header.s=s1\n") +
            "Content-Transfer-Encoding: 8bit\r\n\r\n" + Crlf($"{P4}\n");
        yield return new CorpusCase
        {
            File = "r06-authentication-results-dkim-pass.txt",
            Description = "raw mode without SendGrid SPF/dkim fields: Authentication-Results from mx.sendgrid.net says dkim=pass header.d=bz.example",
            Ministry = "BZ", Owed = [4],
            Expect = Accepted(new ExpectedSection(4, P4)),
            Build = () => Raw(r06, "Pieter Bakker <p.bakker@bz.example>", spf: "", dkim: null).Build(),
        };

        var r07 = MimeHeaders("Pieter Bakker <p.bakker@bz.example>", "Bijdrage", "r07@bz.example", "text/plain; charset=utf-8",
                "Authentication-Results: mx.attacker.example; spf=pass smtp.mailfrom=bz.example; dkim=pass header.d=bz.example\n") +
            "Content-Transfer-Encoding: 8bit\r\n\r\n" + Crlf($"{P4}\n");
        yield return new CorpusCase
        {
            File = "r07-forged-authentication-results.txt",
            Description = "raw mode: the sender wrote its own Authentication-Results (untrusted authserv-id): not believed",
            Ministry = "BZ", Owed = [4],
            Expect = Accepted(new ExpectedSection(4, P4)) with { Sender = "AuthenticationFailed", MayReply = false },
            Build = () => Raw(r07, "Pieter Bakker <p.bakker@bz.example>", spf: "", dkim: null).Build(),
        };

        var r08 = Crlf($"To: {ReplyTo}\nSubject: geen afzender\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{P5}\n");
        yield return new CorpusCase
        {
            File = "r08-raw-missing-from.txt",
            Description = "raw mode: the MIME message has no From header",
            Ministry = "SZW", Owed = [5],
            Expect = new CorpusExpectation { ParseError = "MissingFrom" },
            Build = () => Raw(r08, Jan).Build(),
        };

        var md = $"# Pijler 5\n\n{P5}[^1]\n\n# Pijler 6\n\n{P6}\n\n[^1]: {Fn1}\n";
        var r09 = MimeHeaders(Jan, "Bijdrage SZW", "r09@szw.example", "multipart/mixed; boundary=\"mixed-b\"") + "\r\n" +
            "--mixed-b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBeste Karin,\r\n\r\nIn de bijlage onze bijdrage.\r\n\r\nGroet,\r\nJan\r\n" +
            "--mixed-b\r\nContent-Type: text/markdown; charset=utf-8; name=\"bijdrage-szw.md\"\r\nContent-Disposition: attachment; filename=\"bijdrage-szw.md\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            SendGridPost.Base64(md, System.Text.Encoding.UTF8) +
            "--mixed-b\r\nContent-Type: image/png; name=\"logo.png\"\r\nContent-Disposition: inline; filename=\"logo.png\"\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n" +
            "--mixed-b--\r\n";
        yield return new CorpusCase
        {
            File = "r09-markdown-attachment.txt",
            Description = "raw mode: contribution in a .md attachment (base64) with a footnote; inline logo listed, covering note is not a pillar",
            Ministry = "SZW", Owed = [5, 6],
            Expect = Accepted(new ExpectedSection(5, P5 + "[^1]", [new("1", Fn1)]), new ExpectedSection(6, P6)) with { OtherAttachments = ["logo.png"] },
            Build = () => Raw(r09, Jan).Build(),
        };

        var r10 = MimeHeaders("Jan de Vries <jandevries1970@mail.example>", "Bijdrage", "r10@mail.example", "text/plain; charset=utf-8") + "\r\n" + Crlf($"{P5}\n");
        yield return new CorpusCase
        {
            File = "r10-raw-wrong-sender-spf-fail.txt",
            Description = "raw mode: not on the allow-list and SPF fail: no explanatory reply either",
            Ministry = "SZW", Owed = [5],
            Expect = Accepted(new ExpectedSection(5, P5)) with { Sender = "NotOnAllowList", MayReply = false },
            Build = () => Raw(r10, "Jan de Vries <jandevries1970@mail.example>", spf: "fail", dkim: "none").Build(),
        };
    }
}
