using MigrationAgenda.Intake;
using MigrationAgenda.Letters;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>One block of the seed file: a coordinator text or one ministry's contribution.</summary>
internal sealed record SeedBlock(string Kind, string Name, int Pillar, IReadOnlyList<string> Paragraphs, IReadOnlyList<Footnote> Footnotes)
{
    public string Text => string.Join("\n\n", Paragraphs);
}

/// <summary>The hand-cleaned paragraphs of the real 2021 letter (Seed/ima-2021-contributions.txt).</summary>
internal static class SeedLetter
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Letters", "Seed", "ima-2021-contributions.txt");

    public static IReadOnlyList<SeedBlock> Blocks()
    {
        var blocks = new List<SeedBlock>();
        string[]? head = null;
        var paragraphs = new List<string>();
        var footnotes = new List<Footnote>();

        void Flush()
        {
            if (head is null)
                return;
            var pillar = head[0] == "contribution" ? int.Parse(head[2]) : 0;
            blocks.Add(new SeedBlock(head[0], head[1], pillar, [.. paragraphs], [.. footnotes]));
            paragraphs.Clear();
            footnotes.Clear();
        }

        foreach (var line in File.ReadLines(FilePath))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                Flush();
                head = line[4..].Split(' ');
                continue;
            }
            if (head is null || line.Length == 0)
                continue;
            if (line.StartsWith("[^", StringComparison.Ordinal) && line.Contains("]: ", StringComparison.Ordinal))
            {
                var close = line.IndexOf("]: ", StringComparison.Ordinal);
                footnotes.Add(new Footnote { Marker = line[2..close], Text = line[(close + 3)..] });
                continue;
            }
            paragraphs.Add(line);
        }
        Flush();
        return blocks;
    }

    /// <summary>Coordinator texts carry their footnotes inline, as a coordinator would type them.</summary>
    public static CoordinatorTexts Texts(IReadOnlyList<SeedBlock> blocks)
    {
        string? Text(string name)
        {
            var block = blocks.SingleOrDefault(b => b.Kind == "coordinator" && b.Name == name);
            if (block is null)
                return null;
            var notes = block.Footnotes.Select(f => $"[^{f.Marker}]: {f.Text}");
            return string.Join("\n\n", block.Paragraphs.Concat(notes));
        }
        return new CoordinatorTexts
        {
            Aanleiding = Text("Aanleiding"),
            Context = Text("Context"),
            Overkoepelend = Text("Overkoepelend"),
            TenSlotte = Text("TenSlotte"),
        };
    }

    public static IReadOnlyList<StoredContribution> Contributions(IReadOnlyList<SeedBlock> blocks) =>
        blocks.Where(b => b.Kind == "contribution")
            .Select(b => LetterTestData.Contribution(b.Name, b.Pillar, b.Text, b.Footnotes))
            .ToList();

    public static LetterInput Input()
    {
        var blocks = Blocks();
        return LetterTestData.Input(LetterTestData.Plan(Texts(blocks)), Contributions(blocks));
    }
}
