namespace MigrationAgenda.Intake;

/// <summary>An attachment that should carry contribution text but cannot be read safely; the message is quarantined with <see cref="Exception.Message"/>.</summary>
public sealed class AttachmentReadException(string fileName, string reason, Exception? inner = null)
    : Exception($"Attachment '{fileName}': {reason}", inner)
{
    public string FileName { get; } = fileName;
    public string Reason { get; } = reason;
}
