using System.Text;

namespace MigrationAgenda.Intake;

/// <summary>Maps a charset label from mail to a .NET decoder, the way mail clients actually mean it.</summary>
public static class MailCharsets
{
    static MailCharsets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Windows-1252, the code page behind most "Latin-1" mail (’ – € live in 0x80–0x9F).</summary>
    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>
    /// Decodes with the labelled charset. ISO-8859-1 and US-ASCII are read as Windows-1252 (as every browser
    /// does, WHATWG Encoding): Outlook labels mail iso-8859-1 while putting ’ and – in 0x92/0x96, and true
    /// ISO-8859-1 would turn them into invisible C1 controls. An unknown or missing label falls back to
    /// <see cref="DecodeGuessing"/> rather than rejecting a ministry's mail over a label.
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset)
    {
        var encoding = Resolve(charset);
        return encoding is null ? DecodeGuessing(bytes) : StripBom(encoding.GetString(bytes));
    }

    /// <summary>UTF-8 (with or without BOM) or UTF-16 with BOM; otherwise Windows-1252.</summary>
    public static string DecodeGuessing(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Encoding.UTF8.GetString(bytes[3..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(bytes[2..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252.GetString(bytes);
        }
    }

    public static Encoding? Resolve(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset)) return null;
        var label = charset.Trim().Trim('"').ToLowerInvariant();
        switch (label)
        {
            case "iso-8859-1" or "iso8859-1" or "latin1" or "latin-1" or "l1" or "us-ascii" or "ascii" or "cp1252" or "windows-1252":
                return Windows1252;
            case "utf8":
                return Encoding.UTF8;
        }
        try
        {
            return Encoding.GetEncoding(label);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string StripBom(string s) => s.Length > 0 && s[0] == '\uFEFF' ? s[1..] : s;

    /// <summary>
    /// Repairs text that was decoded as true ISO-8859-1 although the bytes were Windows-1252 (MimeKit does this for
    /// RFC 2047 words labelled iso-8859-1): C1 control characters U+0080–U+009F never occur in real text, so each is
    /// mapped back to the Windows-1252 character its byte stands for (0x92 → ’, 0x96 → –).
    /// </summary>
    public static string RepairC1(string text)
    {
        if (!text.Any(c => c is >= '\u0080' and <= '\u009F')) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] is >= '\u0080' and <= '\u009F')
                chars[i] = Windows1252.GetString([(byte)chars[i]])[0];
        return new string(chars);
    }
}
