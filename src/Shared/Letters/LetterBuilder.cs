namespace MigrationAgenda.Letters;

/// <summary>
/// Assembles the letter once and renders it in every format from that one model, with the manifest
/// that tells the reviewer which versions went in, what is missing, footnote problems and what changed.
/// Pure: no clock, no I/O; the same input gives the same content (the DOCX zip's entry timestamps
/// are the packaging library's, so its bytes can differ between runs).
/// </summary>
public sealed class LetterBuilder : ILetterBuilder
{
    private readonly LetterAssembler assembler;
    private readonly IReadOnlyList<ILetterRenderer> renderers;

    public LetterBuilder()
        : this(new LetterAssembler(), [new MarkdownLetterRenderer(), new HtmlLetterRenderer(), new DocxLetterRenderer()])
    {
    }

    public LetterBuilder(LetterAssembler assembler, IReadOnlyList<ILetterRenderer> renderers)
    {
        this.assembler = assembler;
        this.renderers = renderers;
    }

    public AssembledLetter Build(LetterInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var assembly = assembler.Assemble(input);
        var files = renderers.Select(r => r.Render(assembly.Letter)).ToList();

        var paragraphs = ParagraphsPerPillar(assembly.Letter);
        var changes = input.Previous is null
            ? []
            : LetterChanges.Compare(input.Previous.Paragraphs, paragraphs, input.Plan.PillarTitle);

        return new AssembledLetter
        {
            Files = files,
            Manifest = new LetterManifest
            {
                RoundId = input.Plan.RoundId,
                DraftNumber = input.DraftNumber,
                Date = input.Date,
                Used = assembly.Used,
                Missing = assembly.Missing,
                Warnings = assembly.Warnings,
                Paragraphs = paragraphs,
                Changes = changes,
            },
        };
    }

    /// <summary>Per pillar, its paragraphs as plain text, placeholders included (a filled gap is a change).</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<string>> ParagraphsPerPillar(Letter letter) =>
        letter.Sections
            .Where(s => s.Kind == LetterSectionKind.Pillar && s.Pillar is not null)
            .ToDictionary(s => s.Pillar!.Value, s => (IReadOnlyList<string>)s.Paragraphs.Select(p => p.PlainText()).ToList());
}
