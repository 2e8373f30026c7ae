namespace MigrationAgenda.Intake;

/// <summary>Why an attachment that should carry text could not be read; the pipeline words it for people.</summary>
public enum AttachmentReadError
{
    /// <summary>A Word 97-2003 .doc (OLE compound file) named or typed as .docx.</summary>
    OldWordFormat,
    /// <summary>Not a zip package at all.</summary>
    NotAZip,
    /// <summary>A zip package without a Word document in it.</summary>
    NotAWordDocument,
    /// <summary>More entries or more unpacked bytes than <see cref="DocxContributionReader"/> accepts (a zip bomb, or just huge).</summary>
    TooLarge,
    /// <summary>A Word document that is damaged or cannot be parsed.</summary>
    Corrupt,
}

/// <summary>
/// An attachment that should carry contribution text but cannot be read safely; the message is quarantined with
/// <see cref="Error"/> and <see cref="FileName"/>. <see cref="Exception.Message"/> is for logs and developers.
/// </summary>
public sealed class AttachmentReadException(string fileName, AttachmentReadError error, string detail, Exception? inner = null)
    : Exception($"Attachment '{fileName}' ({error}): {detail}", inner)
{
    public string FileName { get; } = fileName;
    public AttachmentReadError Error { get; } = error;
    public string Detail { get; } = detail;
}
