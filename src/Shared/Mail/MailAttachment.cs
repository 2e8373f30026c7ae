namespace MigrationAgenda.Mail;

/// <summary>
/// A file sent with a message: the deadline as an .ics today. <see cref="ContentType"/> is the full MIME type with its
/// parameters ("text/calendar; method=PUBLISH; charset=utf-8"), kept as such in the outbox; a sender that takes only
/// a bare media type uses <see cref="MediaType"/>.
/// </summary>
public sealed record MailAttachment
{
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required byte[] Content { get; init; }

    /// <summary>The content type without parameters: "text/calendar".</summary>
    public string MediaType => ContentType.Split(';', 2)[0].Trim();
}
