using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using MimeKit;

namespace MigrationAgenda.Intake;

/// <summary>
/// Turns a SendGrid Inbound Parse post (multipart/form-data) into an <see cref="InboundMessage"/>.
/// It reads the raw multipart body itself rather than ASP.NET Core's form binding, because form binding
/// decodes every field as UTF-8 and SendGrid posts each field in the charset named in <c>charsets</c>:
/// a Windows-1252 reply would lose its é and ’ before we saw them. Pure: no I/O beyond the given stream.
/// Any malformed input ends in <see cref="InboundParseException"/>, never another exception type.
/// </summary>
public sealed partial class SendGridInboundParser(InboundLimits? limits = null)
{
    private readonly InboundLimits _limits = limits ?? InboundLimits.Default;

    /// <summary>Parses the request body. <paramref name="contentType"/> is the request's Content-Type (carries the boundary).</summary>
    public async Task<InboundMessage> ParseAsync(Stream body, string? contentType, CancellationToken cancellationToken = default)
    {
        var form = await ReadFormAsync(body, contentType, cancellationToken).ConfigureAwait(false);
        return Parse(form);
    }

    /// <summary>
    /// Parses an already-bound form. ASP.NET Core has decoded its fields as UTF-8, so a field SendGrid posted in
    /// another charset cannot be recovered here: prefer <see cref="ParseAsync"/> on the raw body.
    /// </summary>
    public InboundMessage Parse(IFormCollection form)
    {
        var fields = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in form) fields[key] = Encoding.UTF8.GetBytes(value.ToString());
        var files = new List<FormFile>();
        foreach (var file in form.Files)
        {
            if (files.Count >= _limits.MaxAttachments) throw TooManyAttachments(form.Files.Count);
            if (file.Length > _limits.MaxAttachmentBytes) throw AttachmentTooLarge(file.FileName);
            using var ms = new MemoryStream();
            file.CopyTo(ms);
            files.Add(new FormFile(file.Name, file.FileName, file.ContentType ?? "application/octet-stream", ms.ToArray()));
        }
        // The fields are UTF-8 now whatever SendGrid's charsets said.
        fields.Remove("charsets");
        return Parse(new RawForm(fields, files));
    }

    internal sealed record FormFile(string Name, string FileName, string ContentType, byte[] Content);

    internal sealed record RawForm(Dictionary<string, byte[]> Fields, List<FormFile> Files);

    internal async Task<RawForm> ReadFormAsync(Stream body, string? contentType, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new InboundParseException(InboundParseError.NotMultipart, $"Content-Type is '{contentType}', expected multipart/form-data.");
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
            throw new InboundParseException(InboundParseError.NotMultipart, "The multipart boundary is missing or too long.");

        var fields = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        var files = new List<FormFile>();
        var limited = new LimitedReadStream(body, _limits.MaxPostBytes);
        var reader = new MultipartReader(boundary, limited)
        {
            HeadersCountLimit = 32,
            HeadersLengthLimit = 16 * 1024,
            BodyLengthLimit = _limits.MaxPostBytes,
        };
        var sections = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (++sections > _limits.MaxFormSections)
                    throw new InboundParseException(InboundParseError.TooLarge, $"More than {_limits.MaxFormSections} form fields.");
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    continue; // Not a form field: nothing SendGrid sends; skip rather than fail.
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                var isFile = disposition.IsFileDisposition();
                var cap = isFile ? _limits.MaxAttachmentBytes : _limits.MaxPostBytes;
                var bytes = await ReadAllAsync(section.Body, cap, cancellationToken).ConfigureAwait(false)
                    ?? throw (isFile ? AttachmentTooLarge(disposition.FileName.Value ?? name) : TooLarge());
                if (isFile)
                {
                    if (files.Count >= _limits.MaxAttachments) throw TooManyAttachments(files.Count + 1);
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? name;
                    files.Add(new FormFile(name, fileName, section.ContentType ?? "application/octet-stream", bytes));
                }
                else
                {
                    fields[name] = bytes;
                }
            }
        }
        catch (InboundParseException)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (PostTooLargeException)
        {
            throw TooLarge();
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException)
        {
            // MultipartReader says "Unexpected end of Stream" for a post cut off before its closing boundary.
            throw new InboundParseException(InboundParseError.Truncated, $"The multipart body is truncated or malformed: {ex.Message}", ex);
        }
        return new RawForm(fields, files);
    }

    internal InboundMessage Parse(RawForm form)
    {
        var charsets = ReadCharsets(form.Fields);
        string? Field(string name) =>
            form.Fields.TryGetValue(name, out var bytes)
                ? MailCharsets.Decode(bytes, charsets.GetValueOrDefault(name) ?? "utf-8")
                : null;

        var spf = Field("SPF")?.Trim();
        var dkim = Field("dkim")?.Trim();
        var spamScore = double.TryParse(Field("spam_score"), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) ? score : (double?)null;
        var (envelopeTo, envelopeFrom, nullSender) = ReadEnvelope(Field("envelope"));

        if (form.Fields.TryGetValue("email", out var rawMime))
        {
            var raw = ParseRaw(rawMime);
            return raw with
            {
                Spf = spf ?? raw.Spf,
                Dkim = dkim ?? raw.Dkim,
                SpamScore = spamScore,
                EnvelopeTo = envelopeTo.Count > 0 ? envelopeTo : raw.EnvelopeTo,
                EnvelopeFrom = envelopeFrom ?? raw.EnvelopeFrom,
                NullSender = nullSender || raw.NullSender,
            };
        }

        var from = ParseFrom(Field("from"));
        var headerText = Field("headers") ?? "";
        var headers = LoadHeaders(headerText);
        var attachments = ReadParsedAttachments(form, Field("attachments"), Field("attachment-info"));
        var text = Field("text");
        var html = Field("html");
        if (string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(html) && attachments.Count == 0)
            throw new InboundParseException(InboundParseError.NoContent, "The message has no text, no HTML and no attachments.");

        return new InboundMessage
        {
            Mode = InboundMode.Parsed,
            From = from,
            To = ParseAddressList(Field("to")),
            Cc = ParseAddressList(Field("cc")),
            EnvelopeTo = envelopeTo,
            EnvelopeFrom = envelopeFrom,
            Subject = SingleLine(Field("subject") ?? headers?[HeaderId.Subject] ?? ""),
            MessageId = CleanId(headers?[HeaderId.MessageId]),
            InReplyTo = CleanId(headers?[HeaderId.InReplyTo]),
            Date = ParseDate(headers?[HeaderId.Date]),
            TextBody = text,
            HtmlBody = html,
            Headers = headerText,
            HeaderFields = FieldsOf(headers),
            NullSender = nullSender || HasNullReturnPath(headers),
            Spf = spf,
            Dkim = dkim,
            AuthenticationResults = AuthResultsOf(headers),
            SpamScore = spamScore,
            Attachments = attachments,
        };
    }

    private InboundMessage ParseRaw(byte[] mime)
    {
        MimeMessage message;
        try
        {
            using var ms = new MemoryStream(mime, writable: false);
            message = MimeMessage.Load(ms);
        }
        catch (Exception ex) when (ex is FormatException or ParseException or IOException)
        {
            throw new InboundParseException(InboundParseError.InvalidMime, $"The raw message in 'email' is not valid MIME: {ex.Message}", ex);
        }

        var fromMailbox = message.From.Mailboxes.FirstOrDefault()
            ?? throw new InboundParseException(InboundParseError.MissingFrom, "The raw message has no From header.");
        if (!fromMailbox.Address.Contains('@', StringComparison.Ordinal))
            throw new InboundParseException(InboundParseError.InvalidFrom, $"The From address '{fromMailbox.Address}' is not an e-mail address.");

        var textPart = message.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.IsPlain && !p.IsAttachment);
        var htmlPart = message.BodyParts.OfType<TextPart>().FirstOrDefault(p => p.IsHtml && !p.IsAttachment);
        var attachments = new List<InboundAttachment>();
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            if (ReferenceEquals(part, textPart) || ReferenceEquals(part, htmlPart)) continue;
            // Inline text parts without a name are alternative bodies, not files.
            if (part is TextPart && part.FileName is null && !part.IsAttachment) continue;
            if (attachments.Count >= _limits.MaxAttachments) throw TooManyAttachments(attachments.Count + 1);
            using var content = new MemoryStream();
            try
            {
                part.Content?.DecodeTo(new LimitedWriteStream(content, _limits.MaxAttachmentBytes));
            }
            catch (PostTooLargeException)
            {
                throw AttachmentTooLarge(part.FileName ?? part.ContentType.MimeType);
            }
            attachments.Add(new InboundAttachment(part.FileName ?? "", part.ContentType.MimeType, content.ToArray()));
        }

        var text = textPart is null ? null : PlainText(textPart);
        var html = htmlPart is null ? null : DecodeText(htmlPart);
        if (string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(html) && attachments.Count == 0)
            throw new InboundParseException(InboundParseError.NoContent, "The message has no text, no HTML and no attachments.");

        using var headerBytes = new MemoryStream();
        message.Headers.WriteTo(headerBytes);

        return new InboundMessage
        {
            Mode = InboundMode.Raw,
            From = new InboundAddress(fromMailbox.Address, NullIfEmpty(MailCharsets.RepairC1(fromMailbox.Name ?? ""))),
            To = message.To.Mailboxes.Select(m => new InboundAddress(m.Address, NullIfEmpty(m.Name))).ToList(),
            Cc = message.Cc.Mailboxes.Select(m => new InboundAddress(m.Address, NullIfEmpty(m.Name))).ToList(),
            Subject = SingleLine(MailCharsets.RepairC1(message.Subject ?? "")),
            MessageId = CleanId(message.MessageId),
            InReplyTo = CleanId(message.InReplyTo),
            Date = message.Headers.Contains(HeaderId.Date) ? message.Date : null,
            TextBody = text,
            HtmlBody = html,
            Headers = Encoding.UTF8.GetString(headerBytes.ToArray()),
            HeaderFields = FieldsOf(message.Headers),
            NullSender = HasNullReturnPath(message.Headers),
            AuthenticationResults = AuthResultsOf(message.Headers),
            Attachments = attachments,
        };
    }

    /// <summary>format=flowed text (Apple Mail, Thunderbird) is unfolded into its real paragraphs.</summary>
    private static string PlainText(TextPart part)
    {
        var text = DecodeText(part);
        if (!part.IsFlowed) return text;
        // RFC 3676 4.3: the signature separator "-- " is not a flowed line, though it ends in a space.
        text = FlowedSignatureSeparator().Replace(text, "--");
        var delSp = part.ContentType.Parameters.TryGetValue("delsp", out string? d) && d.Equals("yes", StringComparison.OrdinalIgnoreCase);
        return new MimeKit.Text.FlowedToText { DeleteSpace = delSp }.Convert(text);
    }

    /// <summary>A text part decoded with our charset mapping (iso-8859-1 read as Windows-1252, unknown labels guessed).</summary>
    private static string DecodeText(TextPart part)
    {
        using var ms = new MemoryStream();
        part.Content?.DecodeTo(ms);
        return MailCharsets.Decode(ms.ToArray(), part.ContentType.Charset);
    }

    private static Dictionary<string, string> ReadCharsets(Dictionary<string, byte[]> fields)
    {
        if (!fields.TryGetValue("charsets", out var bytes)) return new(StringComparer.OrdinalIgnoreCase);
        try
        {
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(bytes);
            return map is null ? new(StringComparer.OrdinalIgnoreCase) : new(map, StringComparer.OrdinalIgnoreCase);
        }
        catch (JsonException ex)
        {
            throw new InboundParseException(InboundParseError.InvalidCharsets, "The 'charsets' field is not a JSON object of field names to charsets.", ex);
        }
    }

    /// <summary>SMTP's envelope; <c>NullSender</c> when "from" is there but empty or "&lt;&gt;" (a bounce's MAIL FROM).</summary>
    private static (IReadOnlyList<string> To, string? From, bool NullSender) ReadEnvelope(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return ([], null, false);
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
            var to = new List<string>();
            if (doc.RootElement.TryGetProperty("to", out var toElement))
            {
                if (toElement.ValueKind == JsonValueKind.Array)
                    to.AddRange(toElement.EnumerateArray().Select(e => e.GetString()).OfType<string>());
                else if (toElement.ValueKind == JsonValueKind.String)
                    to.Add(toElement.GetString()!);
            }
            var from = doc.RootElement.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            var nullSender = from is not null && from.Trim() is "" or "<>";
            return (to, nullSender ? null : NullIfEmpty(from), nullSender);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new InboundParseException(InboundParseError.InvalidEnvelope, "The 'envelope' field is not JSON of the form {\"to\":[…],\"from\":\"…\"}.", ex);
        }
    }

    private List<InboundAttachment> ReadParsedAttachments(RawForm form, string? countField, string? infoJson)
    {
        if (int.TryParse(countField, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > _limits.MaxAttachments)
            throw TooManyAttachments(count);

        var info = new Dictionary<string, (string? FileName, string? Type)>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(infoJson))
        {
            try
            {
                using var doc = JsonDocument.Parse(infoJson);
                foreach (var entry in doc.RootElement.EnumerateObject())
                {
                    string? Str(string p) => entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty(p, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    info[entry.Name] = (Str("filename") ?? Str("name"), Str("type"));
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                throw new InboundParseException(InboundParseError.InvalidAttachmentInfo, "The 'attachment-info' field is not a JSON object.", ex);
            }
        }

        return form.Files
            .Where(f => f.Name.StartsWith("attachment", StringComparison.OrdinalIgnoreCase))
            .Select(f =>
            {
                info.TryGetValue(f.Name, out var meta);
                return new InboundAttachment(
                    NullIfEmpty(f.FileName) ?? meta.FileName ?? f.Name,
                    NullIfEmpty(meta.Type) ?? f.ContentType,
                    f.Content);
            })
            .ToList();
    }

    private static InboundAddress ParseFrom(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new InboundParseException(InboundParseError.MissingFrom, "The 'from' field is missing or empty.");
        var mailbox = ParseAddressList(value).FirstOrDefault();
        if (mailbox is null || !mailbox.Address.Contains('@', StringComparison.Ordinal))
            throw new InboundParseException(InboundParseError.InvalidFrom, $"The 'from' field '{SingleLine(value)}' holds no e-mail address.");
        return mailbox;
    }

    private static List<InboundAddress> ParseAddressList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        return InternetAddressList.TryParse(SingleLine(value), out var list)
            ? list.Mailboxes.Select(m => new InboundAddress(m.Address, NullIfEmpty(m.Name))).ToList()
            : [];
    }

    private static HeaderList? LoadHeaders(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            // The header block ends at the first blank line; add one so MimeKit knows where it stops.
            using var ms = new MemoryStream(Encoding.UTF8.GetBytes(text.TrimEnd() + "\r\n\r\n"));
            return HeaderList.Load(ms);
        }
        catch (Exception ex) when (ex is FormatException or ParseException)
        {
            return null; // Informational only (ids, date): a broken block must not cost the contribution.
        }
    }

    private static List<InboundHeader> FieldsOf(HeaderList? headers) =>
        headers is null ? [] : headers.Select(h => new InboundHeader(h.Field, SingleLine(MailCharsets.RepairC1(h.Value ?? "")))).ToList();

    private static bool HasNullReturnPath(HeaderList? headers) =>
        headers is not null && headers.Any(h => h.Id == HeaderId.ReturnPath && h.Value.Trim() == "<>");

    private static List<string> AuthResultsOf(HeaderList? headers) =>
        headers is null ? [] : headers.Where(h => h.Id == HeaderId.AuthenticationResults).Select(h => h.Value.Trim()).ToList();

    private static DateTimeOffset? ParseDate(string? value) =>
        value is not null && MimeKit.Utils.DateUtils.TryParse(value, out var date) ? date : null;

    private static string? CleanId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        var trimmed = SingleLine(id).Trim().Trim('<', '>').Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>Header injection defence: a subject that reaches a reply or a log never carries CR/LF or other controls.</summary>
    internal static string SingleLine(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value) sb.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static async Task<byte[]?> ReadAllAsync(Stream stream, long cap, CancellationToken cancellationToken)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (ms.Length + read > cap) return null;
            ms.Write(buffer, 0, read);
        }
        return ms.ToArray();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^-- (?=\r?$)", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex FlowedSignatureSeparator();

    private InboundParseException TooLarge() =>
        new(InboundParseError.TooLarge, $"The post is larger than {_limits.MaxPostBytes / (1024 * 1024)} MB.");

    private InboundParseException TooManyAttachments(int count) =>
        new(InboundParseError.TooManyAttachments, $"The message has {count} attachments; at most {_limits.MaxAttachments} are accepted.");

    private InboundParseException AttachmentTooLarge(string name) =>
        new(InboundParseError.AttachmentTooLarge, $"Attachment '{SingleLine(name)}' is larger than {_limits.MaxAttachmentBytes / (1024 * 1024)} MB.");

    /// <summary>Thrown inside the bounded streams; turned into an <see cref="InboundParseException"/> by the caller.</summary>
    private sealed class PostTooLargeException : IOException;

    /// <summary>Stops reading a post once it exceeds the cap, so a 31 MB body costs at most 30 MB of reading.</summary>
    private sealed class LimitedReadStream(Stream inner, long cap) : Stream
    {
        private long _total;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _total += read;
            if (_total > cap) throw new PostTooLargeException();
            return read;
        }
    }

    private sealed class LimitedWriteStream(Stream inner, long cap) : Stream
    {
        private long _total;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _total;
        public override long Position { get => _total; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            _total += count;
            if (_total > cap) throw new PostTooLargeException();
            inner.Write(buffer, offset, count);
        }
    }
}
