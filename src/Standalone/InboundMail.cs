using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace MigrationAgenda.Standalone;

/// <summary>
/// A reply as SendGrid Inbound Parse posts it (parsed mode, multipart/form-data): what the demo sends to its own
/// webhook to play the ministries. SPF and DKIM pass for the sender's domain.
/// </summary>
public sealed class InboundMail
{
    public const string Boundary = "xYzZY";
    public const string ContentType = "multipart/form-data; boundary=" + Boundary;

    private readonly List<(string Name, byte[] Value, string? FileName, string? Type)> _parts = [];

    public static InboundMail Reply(string from, string to, string subject, string text)
    {
        var domain = from[(from.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var headers = $"Date: {DateTimeOffset.UtcNow:R}\r\nFrom: {from}\r\nTo: {to}\r\nSubject: {subject}\r\n" +
                      $"Message-ID: <{Guid.NewGuid():N}@{domain}>\r\nMIME-Version: 1.0\r\n";
        var mail = new InboundMail();
        mail.Field("headers", headers).Field("dkim", $"{{@{domain} : pass}}").Field("to", to).Field("from", from)
            .Field("text", text).Field("sender_ip", "192.0.2.25")
            .Field("envelope", $"{{\"to\":[\"{to}\"],\"from\":\"{from}\"}}").Field("subject", subject).Field("spam_score", "0.1")
            .Field("charsets", "{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}").Field("SPF", "pass");
        return mail;
    }

    public InboundMail Field(string name, string value)
    {
        _parts.Add((name, Encoding.UTF8.GetBytes(value), null, null));
        return this;
    }

    /// <summary>Adds one attachment (attachment1), with the attachments count and attachment-info SendGrid sends.</summary>
    public InboundMail Attachment(string fileName, string type, byte[] content)
    {
        _parts.Add(("attachment1", content, fileName, type));
        return Field("attachments", "1")
            .Field("attachment-info", $"{{\"attachment1\":{{\"filename\":\"{fileName}\",\"name\":\"{fileName}\",\"type\":\"{type}\"}}}}");
    }

    public byte[] Build()
    {
        if (!_parts.Any(p => p.Name == "attachments"))
            Field("attachments", "0");
        using var ms = new MemoryStream();
        void Write(string s) => ms.Write(Encoding.UTF8.GetBytes(s));
        foreach (var (name, value, fileName, type) in _parts)
        {
            Write($"--{Boundary}\r\n");
            Write(fileName is null
                ? $"Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                : $"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: {type}\r\n\r\n");
            ms.Write(value);
            Write("\r\n");
        }
        Write($"--{Boundary}--\r\n");
        return ms.ToArray();
    }

    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A small real .docx: one paragraph per line, lines starting with "Pijler" as Heading1.</summary>
    public static byte[] Docx(IEnumerable<string> lines)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            foreach (var line in lines)
            {
                var p = new Paragraph();
                if (line.StartsWith("Pijler", StringComparison.Ordinal))
                    p.Append(new ParagraphProperties(new ParagraphStyleId { Val = "Heading1" }));
                p.Append(new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve }));
                body.Append(p);
            }
            main.Document = new Document(body);
        }
        return ms.ToArray();
    }
}
