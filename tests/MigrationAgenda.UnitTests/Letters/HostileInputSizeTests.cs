using System.Diagnostics;
using System.Text;
using MigrationAgenda.Intake;
using MigrationAgenda.Letters;
using Xunit.Abstractions;
using static MigrationAgenda.UnitTests.Letters.LetterTestData;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>
/// Hostile sizes stay linear: a 1 MB paragraph full of near-markers and markup, and 5,000 footnotes.
/// A quadratic step (string concatenation in a loop, re-scanning for markers, regex backtracking) would
/// take minutes here; the budget is generous for a shared 2-core machine in Debug. The benchmark project
/// (bench/) measures the scaling itself.
/// </summary>
public sealed class HostileInputSizeTests(ITestOutputHelper output)
{
    public static StoredContribution[] HostileContributions(int scale = 1)
    {
        var big = new StringBuilder(1_100_000 * scale);
        while (big.Length < 1_000_000 * scale)
            big.Append("Tekst met <b>opmaak</b> & [links](x) *nadruk* en [^bijna-een-marker zonder sluiting ");
        big.Append("[^1]");
        // The worst case for the marker scan: every '[^' starts a marker that runs to the length limit.
        var near = new StringBuilder(1_100_000 * scale);
        while (near.Length < 1_000_000 * scale)
            near.Append("[^").Append('a', LetterTextParser.MaxMarkerLength + 5);

        var many = new StringBuilder();
        var notes = new List<Footnote>();
        for (var i = 1; i <= 5_000 * scale; i++)
        {
            many.Append("Alinea ").Append(i).Append(" met een verwijzing[^").Append(i).Append("].\n\n");
            notes.Add(Note(i.ToString(), $"Kamerstukken II 2019/20, 28638, nr. {i}."));
        }
        return
        [
            Contribution("BHOS", 1, big + "\n\n" + near, [Note("1", "Eén noot.")]),
            Contribution("BHOS", 2, many.ToString(), notes),
        ];
    }

    [Fact]
    public void A_megabyte_paragraph_and_five_thousand_footnotes_build_quickly()
    {
        var input = Input(Plan(), HostileContributions());
        new LetterBuilder().Build(Input(Plan(), [Contribution("BHOS", 2, "Opwarmen[^1].", [Note("1", "x")])])); // JIT

        var watch = Stopwatch.StartNew();
        var letter = new LetterBuilder().Build(input);
        watch.Stop();
        output.WriteLine($"built in {watch.Elapsed.TotalMilliseconds:F0} ms; sizes: " +
            string.Join(", ", letter.Files.Select(f => $"{f.Format} {f.Content.Length / 1024} KiB")));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"building took {watch.Elapsed}");

        var footnotes = RenderedText.DocxFootnotes(File(letter, "docx").Content);
        Assert.Equal(5_001, footnotes.Count);
        Assert.Equal("Kamerstukken II 2019/20, 28638, nr. 5000.", footnotes[^1].Text);
        var md = RenderedText.Utf8(File(letter, "md").Content);
        Assert.Contains("[^5001]: Kamerstukken II 2019/20, 28638, nr. 5000.", md);
        Assert.True(md.Length > 2_000_000);
        Assert.Empty(letter.Manifest.Warnings);
    }
}
