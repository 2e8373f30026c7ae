using System.Text.RegularExpressions;

namespace MigrationAgenda.EndToEndTests;

/// <summary>`demo` as a user runs it: its own Azurite, the durable engine, replies through the webhook.</summary>
[Collection("Demo")]
public sealed class DemoTests
{
    [Fact]
    public async Task The_demo_completes_a_round_and_writes_the_final_letter()
    {
        var data = Path.Combine(Path.GetTempPath(), "ma-e2e-demo-" + Guid.NewGuid().ToString("N")[..8]);
        await using var demo = StandaloneProcess.Start(["demo"], new Dictionary<string, string> { ["Local__DataFolder"] = data });
        Assert.True(await demo.WaitForExitAsync(TimeSpan.FromSeconds(100)), $"demo still running after 100 s: {demo.Stdout}");
        var output = demo.Stdout;
        Assert.True(demo.ExitCode == 0, $"exit {demo.ExitCode}: {output} {demo.Stderr}");

        Assert.Contains("Ronde afgerond", output);
        Assert.Contains("[Approved]", output);
        Assert.Contains("Escalation", output);
        Assert.Contains("mail van BZ (.docx-bijlage", output);
        Assert.Contains("Reminder", output);
        Assert.Matches(@"BHOS \[1✓ 2✓\]", output);
        Assert.Matches(@"BZ \[1✓ 4✓\]", output);
        Assert.DoesNotContain("   at ", output + demo.Stderr);

        var files = Regex.Matches(output, @"^\s+(?<path>/\S+\.(md|html|docx)) \((?<n>\d+) bytes\)", RegexOptions.Multiline)
            .Select(m => m.Groups["path"].Value).ToList();
        Assert.Equal(3, files.Count);
        foreach (var file in files)
            Assert.True(File.Exists(file) && new FileInfo(file).Length > 0, $"{file} exists and is not empty");
        Assert.Contains("handreiking", await File.ReadAllTextAsync(files.Single(f => f.EndsWith(".md", StringComparison.Ordinal))));
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}
