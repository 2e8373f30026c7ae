using System.Net;
using System.Security.Cryptography;
using System.Text;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// The approver's answers to a draft as SendGrid posts them (parsed mode): Outlook desktop's "Allen beantwoorden" (plain
/// and HTML part, the draft quoted under a "Van: / Verzonden:" block, the coordinator in Cc) and Gmail's reply (the
/// draft quoted with '&gt;' under "Op … schreef …:"), each with the sender's SPF and DKIM verdicts as SendGrid reports them.
/// </summary>
public static class ApproverReplies
{
    public const string Approver = "dg@jenv.example";
    public const string ApproverName = "DG Migratie";
    private const string Coordinator = "coordinator@jenv.example";

    /// <summary>Outlook desktop (NL), reply-all: the answer above the quoted draft, in text/plain and HTML.</summary>
    public static byte[] Outlook(string replyTo, string answer, string from = Approver, string fromName = ApproverName, bool authenticated = true,
        string subject = "RE: Concept 1 van Voortgang Integrale Migratieagenda 2027 ter goedkeuring")
    {
        var domain = Domain(from);
        var id = $"<AM0PR09MB{Stable(answer + replyTo).ToUpperInvariant()}@AM0PR09MB6611.eurprd09.prod.outlook.com>";
        var headers = string.Join("\r\n",
            $"Received: from EUR05-AM6-obe.outbound.protection.outlook.com (mail-am6eur05on2100.outbound.protection.outlook.com [40.107.22.100]) by mx.sendgrid.net with ESMTPS id 8yQm0bXZQ2eYcVqGh8s7Bw for <{replyTo}>; Tue, 02 Feb 2027 10:14:05 +0000 (UTC)",
            $"Authentication-Results: mx.sendgrid.net; spf={(authenticated ? "pass" : "fail")} smtp.mailfrom={domain}; dkim={(authenticated ? "pass" : "fail")} header.d={domain}",
            $"From: {fromName} <{from}>",
            $"To: \"Migratieagenda\" <{replyTo}>",
            $"CC: Coördinator IMA <{Coordinator}>",
            $"Subject: {subject}",
            "Thread-Topic: Concept 1 van Voortgang Integrale Migratieagenda 2027 ter goedkeuring",
            "Thread-Index: AQHZxK3mJ0mQ8oV1Tke7yJ5gL2b9Sg==",
            "Date: Tue, 2 Feb 2027 10:14:03 +0000",
            $"Message-ID: {id}",
            "References: <draft|1.ima@noreply.example>",
            "In-Reply-To: <draft|1.ima@noreply.example>",
            "Accept-Language: nl-NL, en-US",
            "Content-Language: nl-NL",
            "X-MS-Has-Attach:",
            "X-MS-TNEF-Correlator:",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"_000_AM0PR09MB6611_\"") + "\r\n";
        var text = answer.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n"
            + "Van: Migratieagenda <migratieagenda@noreply.example>\r\n"
            + "Verzonden: dinsdag 2 februari 2027 09:00\r\n"
            + $"Aan: {ApproverName} <{Approver}>\r\n"
            + $"CC: Coördinator IMA <{Coordinator}>\r\n"
            + "Onderwerp: Concept 1 van Voortgang Integrale Migratieagenda 2027 ter goedkeuring\r\n\r\n"
            + "Beste DG Migratie,\r\n\r\nConcept 1 van de brief \"Voortgang Integrale Migratieagenda 2027\" staat klaar voor uw goedkeuring.\r\n\r\n"
            + "Zo besluit u: beantwoord deze e-mail met 'Beantwoorden' en zet uw besluit op de eerste regel.\r\n"
            + "  - Goedkeuren: \"Akkoord\" (uw naam erachter mag).\r\n"
            + "      Heropenen SZW pijler 5: graag de laatste cijfers toevoegen\r\n";
        var paragraphs = string.Concat(answer.Split('\n').Select(l => l.Length == 0
            ? "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n"
            : $"<p class=\"MsoNormal\">{WebUtility.HtmlEncode(l)}<o:p></o:p></p>\r\n"));
        var html = "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\">\r\n"
            + "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><style><!-- p.MsoNormal {margin:0cm;font-size:11.0pt;font-family:\"Aptos\",sans-serif;} --></style></head>\r\n"
            + "<body lang=\"NL\" link=\"#467886\" vlink=\"#96607D\" style=\"word-wrap:break-word\"><div class=\"WordSection1\">\r\n"
            + paragraphs
            + "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>\r\n"
            + "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p class=\"MsoNormal\"><b>Van:</b> Migratieagenda &lt;migratieagenda@noreply.example&gt; <br>"
            + "<b>Verzonden:</b> dinsdag 2 februari 2027 09:00<br><b>Aan:</b> DG Migratie &lt;dg@jenv.example&gt;<br>"
            + "<b>Onderwerp:</b> Concept 1 van Voortgang Integrale Migratieagenda 2027 ter goedkeuring<o:p></o:p></p></div>\r\n"
            + "<p class=\"MsoNormal\">Beste DG Migratie,<o:p></o:p></p><p class=\"MsoNormal\">Goedkeuren: \"Akkoord\".<o:p></o:p></p>\r\n"
            + "</div></body></html>\r\n";
        return Post(replyTo, from, fromName, subject, headers, text, html, authenticated);
    }

    /// <summary>Gmail (web, NL): the answer, then "Op … schreef …:" and the draft quoted with '&gt;'.</summary>
    public static byte[] Gmail(string replyTo, string answer, string from = Approver, string fromName = ApproverName, bool authenticated = true,
        string subject = "Re: Concept 1 van Voortgang Integrale Migratieagenda 2027 ter goedkeuring")
    {
        var domain = Domain(from);
        var headers = string.Join("\r\n",
            $"Received: by mail-ej1-f41.google.com with SMTP id a640c23a62f3a-a9a0ef5179dso1 for <{replyTo}>; Tue, 02 Feb 2027 02:21:44 -0800 (PST)",
            $"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain}; s=20230601; h=to:subject:message-id:date:from:in-reply-to:references:mime-version; bh=7r5n4Q0Q1kq2hYw0m0n9Zt6qJmQ1oQ0N2h8x6Ysl0Tc=; b=Q2FyZWZ1bGx5IGZha2U=",
            "MIME-Version: 1.0",
            "References: <draft|1.ima@noreply.example>",
            "In-Reply-To: <draft|1.ima@noreply.example>",
            $"From: {fromName} <{from}>",
            "Date: Tue, 2 Feb 2027 11:21:32 +0100",
            $"Message-ID: <CAF{Stable(answer + replyTo)}=q@mail.gmail.com>",
            $"Subject: {subject}",
            $"To: Migratieagenda <{replyTo}>",
            "Content-Type: multipart/alternative; boundary=\"000000000000a1b2c3d4e5f60718\"") + "\r\n";
        var text = answer.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n"
            + "Op di 2 feb 2027 om 09:00 schreef Migratieagenda <migratieagenda@noreply.example>:\r\n\r\n"
            + "> Beste DG Migratie,\r\n>\r\n> Concept 1 van de brief staat klaar voor uw goedkeuring.\r\n>\r\n"
            + "> Zo besluit u: beantwoord deze e-mail met 'Beantwoorden' en zet uw besluit op de eerste regel.\r\n"
            + ">   - Goedkeuren: \"Akkoord\" (uw naam erachter mag).\r\n>\r\n";
        var html = "<div dir=\"ltr\">" + string.Join("<br>", answer.Split('\n').Select(WebUtility.HtmlEncode)) + "</div><br>"
            + "<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">Op di 2 feb 2027 om 09:00 schreef Migratieagenda &lt;<a href=\"mailto:migratieagenda@noreply.example\">migratieagenda@noreply.example</a>&gt;:<br></div>"
            + "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">Beste DG Migratie,<br><br>Concept 1 van de brief staat klaar.<br></blockquote></div>\r\n";
        return Post(replyTo, from, fromName, subject, headers, text, html, authenticated);
    }

    private static byte[] Post(string replyTo, string from, string fromName, string subject, string headers, string text, string html, bool authenticated)
    {
        var domain = Domain(from);
        return new SendGridPost()
            .Field("headers", headers)
            .Field("dkim", $"{{@{domain} : {(authenticated ? "pass" : "fail")}}}")
            .Field("to", $"Migratieagenda <{replyTo}>")
            .Field("from", $"{fromName} <{from}>")
            .Field("text", text)
            .Field("html", html)
            .Field("sender_ip", authenticated ? "40.107.22.100" : "203.0.113.66")
            .Field("envelope", $"{{\"to\":[\"{replyTo}\"],\"from\":\"{from}\"}}")
            .Field("attachments", "0")
            .Field("subject", subject)
            .Field("spam_score", "0.4")
            .Field("charsets", "{\"to\":\"UTF-8\",\"html\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}")
            .Field("SPF", authenticated ? "pass" : "fail")
            .Build();
    }

    // A Message-ID that differs per answer and address and is the same on every run (a retry posts the same bytes).
    private static string Stable(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];

    private static string Domain(string address) => address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..];
}
