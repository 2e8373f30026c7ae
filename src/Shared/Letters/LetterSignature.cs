namespace MigrationAgenda.Letters;

/// <summary>The closing: the signatory's title ("De Staatssecretaris van Justitie en Veiligheid,") and name.</summary>
public sealed record LetterSignature(string Title, string Name);
