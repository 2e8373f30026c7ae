using System.Text.Json;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.UnitTests.Intake;

internal static class IntakeTestData
{
    private static readonly Lazy<ReportDefinition> Ima = new(() =>
    {
        using var stream = typeof(ReportDefinition).Assembly.GetManifestResourceStream("definitions/ima.json")
            ?? throw new InvalidOperationException("definitions/ima.json is not embedded in MigrationAgenda.Shared.");
        return JsonSerializer.Deserialize<ReportDefinition>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("definitions/ima.json is empty.");
    });

    public static ReportDefinition Definition => Ima.Value;

    public static IReadOnlyList<string> AllowedSenders(string ministry) =>
        Definition.FindMinistry(ministry)?.AllowedSenders ?? throw new InvalidOperationException($"No ministry {ministry}.");

    /// <summary>The checked-in corpus: found from the test binaries by walking up to the repository root.</summary>
    public static string CorpusDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
                    return Path.Combine(dir.FullName, "tests", "MigrationAgenda.UnitTests", "Intake", "Corpus");
            throw new InvalidOperationException("Repository root not found above " + AppContext.BaseDirectory);
        }
    }
}
