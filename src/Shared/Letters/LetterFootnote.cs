namespace MigrationAgenda.Letters;

/// <summary>
/// A footnote with its letter-wide number. <see cref="TextMissing"/> marks a reference whose author
/// gave no text; the renderers still print the number so the gap is visible to the reviewer.
/// </summary>
public sealed record LetterFootnote(int Number, string Text, bool TextMissing = false)
{
    public const string MissingText = "[voetnoottekst ontbreekt]";
}
