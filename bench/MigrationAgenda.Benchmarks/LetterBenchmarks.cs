using BenchmarkDotNet.Attributes;
using MigrationAgenda.Letters;

namespace MigrationAgenda.Benchmarks;

/// <summary>Whole letter builds (assemble + Markdown + HTML + DOCX + manifest) and each step on its own.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class LetterBenchmarks
{
    private readonly LetterBuilder builder = new();
    private readonly LetterAssembler assembler = new();
    private LetterInput input = null!;
    private Letter letter = null!;

    /// <summary>"seed": the 2021 letter; "hostile-1"/"hostile-4": 1x and 4x the hostile input, to show linear scaling.</summary>
    [Params("seed", "hostile-1", "hostile-4")]
    public string Input { get; set; } = "seed";

    [GlobalSetup]
    public void Setup()
    {
        input = Input switch
        {
            "seed" => BenchInputs.Seed(),
            "hostile-1" => BenchInputs.Hostile(1),
            "hostile-4" => BenchInputs.Hostile(4),
            _ => throw new ArgumentOutOfRangeException(nameof(Input)),
        };
        letter = assembler.Assemble(input).Letter;
    }

    [Benchmark(Baseline = true)]
    public AssembledLetter Build() => builder.Build(input);

    [Benchmark]
    public LetterAssembly Assemble() => assembler.Assemble(input);

    [Benchmark]
    public RenderedFile Markdown() => new MarkdownLetterRenderer().Render(letter);

    [Benchmark]
    public RenderedFile Html() => new HtmlLetterRenderer().Render(letter);

    [Benchmark]
    public RenderedFile Docx() => new DocxLetterRenderer().Render(letter);
}
