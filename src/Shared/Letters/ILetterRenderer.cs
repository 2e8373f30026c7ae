namespace MigrationAgenda.Letters;

/// <summary>Turns the one letter model into one file format.</summary>
public interface ILetterRenderer
{
    /// <summary>The file extension and the "format" query value: "md", "html", "docx".</summary>
    string Format { get; }
    string ContentType { get; }
    RenderedFile Render(Letter letter);
}
