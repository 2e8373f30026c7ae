using System.Reflection;

namespace MigrationAgenda.InfraTests;

/// <summary>Paths the build bakes into the assembly (see the csproj), so tests need no working-directory guesses.</summary>
internal static class InfraPaths
{
    private static string Metadata(string key) =>
        typeof(InfraPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' missing; build through the csproj.");

    public static string Bicep => Metadata("BicepPath");
    public static string Source => Metadata("InfraDir");
    public static string Compiled => Metadata("CompiledInfraDir");
    public static string RepoRoot => Metadata("RepoRoot");

    public static string MainTemplate => Path.Combine(Compiled, "main.json");
    public static string DevParameters => Path.Combine(Compiled, "main.dev.parameters.json");
    public static string ProdParameters => Path.Combine(Compiled, "main.prod.parameters.json");

    /// <summary>`bicep snapshot` of a parameter file: "main" (dev), "main.prod", or a test-only one under Params/.</summary>
    public static string Snapshot(string parameterFile) => Path.Combine(Compiled, "snapshot", parameterFile + ".snapshot.json");
}
