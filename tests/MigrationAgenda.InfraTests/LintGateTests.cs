namespace MigrationAgenda.InfraTests;

/// <summary>
/// The build fails on any bicep diagnostic by reading bicep's output, because `bicep lint` exits 0
/// on warnings. These tests pin both halves of that: the sources are clean, and a warning really
/// does show up in the output while the exit code stays 0.
/// </summary>
public sealed class LintGateTests : IDisposable
{
    private readonly string _copy = Path.Combine(Path.GetTempPath(), "infra-lint-" + Guid.NewGuid().ToString("N"));

    public LintGateTests()
    {
        foreach (var file in Directory.EnumerateFiles(InfraPaths.Source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_copy, Path.GetRelativePath(InfraPaths.Source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    [Fact]
    public void Sources_lint_without_any_diagnostic()
    {
        var (exit, output) = BicepCli.Run(_copy, "lint", "--pattern", "**/*.bicep*");
        Assert.Equal(0, exit);
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public void A_lint_warning_exits_zero_but_is_printed()
    {
        File.AppendAllText(Path.Combine(_copy, "modules", "identity.bicep"), "\nparam unusedProbe string = ''\n");

        var (exit, output) = BicepCli.Run(_copy, "lint", "--pattern", "**/*.bicep*");

        Assert.Equal(0, exit);
        Assert.Contains("Warning no-unused-params", output, StringComparison.Ordinal);
    }
}
