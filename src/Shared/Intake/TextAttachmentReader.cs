namespace MigrationAgenda.Intake;

/// <summary>
/// .txt and .md attachments → text. A charset in the content type wins; otherwise a BOM, then strict UTF-8,
/// then Windows-1252 (what Notepad on a Dutch Windows writes when it does not write UTF-8).
/// </summary>
public static class TextAttachmentReader
{
    public static bool Handles(InboundAttachment attachment)
    {
        var ext = Path.GetExtension(attachment.FileName).ToLowerInvariant();
        return ext is ".txt" or ".md" or ".markdown"
            || (ext.Length == 0 && attachment.ContentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));
    }

    public static string Read(InboundAttachment attachment)
    {
        string? charset = null;
        var semi = attachment.ContentType.IndexOf("charset=", StringComparison.OrdinalIgnoreCase);
        if (semi >= 0) charset = attachment.ContentType[(semi + 8)..].Split(';')[0].Trim().Trim('"');
        var text = charset is not null && MailCharsets.Resolve(charset) is not null
            ? MailCharsets.Decode(attachment.Content, charset)
            : MailCharsets.DecodeGuessing(attachment.Content);
        return ReplyStripper.Normalise(text);
    }
}
