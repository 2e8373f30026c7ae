namespace MigrationAgenda.Letters;

/// <summary>How mails point at a letter version: the API route that serves it, in each format.</summary>
public static class LetterLinks
{
    public static string Url(string roundId, string version, string format) =>
        $"/api/rounds/{Uri.EscapeDataString(roundId)}/letter?version={Uri.EscapeDataString(version)}&format={format}";

    public static string Describe(string roundId, string version) =>
        string.Join(Environment.NewLine, new[] { "docx", "html", "md" }.Select(f => $"- {f.ToUpperInvariant()}: {Url(roundId, version, f)}"));
}
