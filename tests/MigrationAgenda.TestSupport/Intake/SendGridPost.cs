using System.Text;

namespace MigrationAgenda.TestSupport.Intake;

/// <summary>
/// Builds a SendGrid Inbound Parse post byte for byte as SendGrid sends it: multipart/form-data with boundary
/// "xYzZY", each text field in its own charset (named in the "charsets" field), files as attachmentN.
/// </summary>
public sealed class SendGridPost
{
    public const string Boundary = "xYzZY";
    public const string ContentType = "multipart/form-data; boundary=" + Boundary;

    private readonly List<(string Name, byte[] Value, string? FileName, string? Type)> _parts = [];

    static SendGridPost() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public SendGridPost Field(string name, string value, Encoding? encoding = null)
    {
        _parts.Add((name, (encoding ?? Encoding.UTF8).GetBytes(value), null, null));
        return this;
    }

    public SendGridPost FieldBytes(string name, byte[] value)
    {
        _parts.Add((name, value, null, null));
        return this;
    }

    public SendGridPost File(string name, string fileName, string contentType, byte[] content)
    {
        _parts.Add((name, content, fileName, contentType));
        return this;
    }

    public byte[] Build(bool closing = true)
    {
        using var ms = new MemoryStream();
        void Ascii(string s) => ms.Write(Encoding.UTF8.GetBytes(s));
        foreach (var (name, value, fileName, type) in _parts)
        {
            Ascii($"--{Boundary}\r\n");
            Ascii(fileName is null
                ? $"Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                : $"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: {type}\r\n\r\n");
            ms.Write(value);
            Ascii("\r\n");
        }
        if (closing) Ascii($"--{Boundary}--\r\n");
        return ms.ToArray();
    }

    public static Encoding Windows1252 => Encoding.GetEncoding(1252);
    public static Encoding Latin1 => Encoding.Latin1;

    /// <summary>Quoted-printable (RFC 2045) of the text in the given charset, soft-wrapped at 76, CRLF line ends.</summary>
    public static string QuotedPrintable(string text, Encoding encoding)
    {
        var sb = new StringBuilder();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var current = new StringBuilder();
            var bytes = encoding.GetBytes(line);
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                var last = i == bytes.Length - 1;
                var token = b is >= 33 and <= 126 and not (byte)'=' || (b == ' ' && !last) ? ((char)b).ToString() : $"={b:X2}";
                if (current.Length + token.Length > 75)
                {
                    sb.Append(current).Append("=\r\n");
                    current.Clear();
                }
                current.Append(token);
            }
            sb.Append(current).Append("\r\n");
        }
        return sb.ToString();
    }

    public static string Base64(string text, Encoding encoding) => Base64(encoding.GetBytes(text));

    public static string Base64(byte[] bytes)
    {
        var s = Convert.ToBase64String(bytes);
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i += 76) sb.Append(s.AsSpan(i, Math.Min(76, s.Length - i))).Append("\r\n");
        return sb.ToString();
    }

    /// <summary>Hard-wraps text at the given width the way plain-text mail clients do.</summary>
    public static string Wrap(string paragraph, int width = 72)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in paragraph.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        lines.Add(line.ToString());
        return string.Join("\r\n", lines);
    }
}
