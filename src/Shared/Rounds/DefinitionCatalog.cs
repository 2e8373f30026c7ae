using System.Reflection;
using System.Text.Json;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds;

/// <summary>
/// Report definitions by name: the ones shipped in definitions/*.json (embedded), plus any *.json in the folder
/// named by Rounds:DefinitionsPath, which win on a name clash so a coordinator can override a shipped one.
/// </summary>
public sealed class DefinitionCatalog
{
    private readonly Dictionary<string, ReportDefinition> _definitions = new(StringComparer.OrdinalIgnoreCase);

    public DefinitionCatalog(string? extraFolder = null)
    {
        var assembly = typeof(DefinitionCatalog).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("definitions/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            Add(Parse(stream, resource));
        }
        if (!string.IsNullOrEmpty(extraFolder))
        {
            if (!Directory.Exists(extraFolder))
                throw new InvalidOperationException($"Rounds:DefinitionsPath '{extraFolder}' does not exist.");
            foreach (var file in Directory.EnumerateFiles(extraFolder, "*.json"))
            {
                using var stream = File.OpenRead(file);
                Add(Parse(stream, file));
            }
        }
    }

    public IReadOnlyCollection<string> Names => _definitions.Keys;

    public ReportDefinition? Find(string name) => _definitions.GetValueOrDefault(name);

    private void Add(ReportDefinition definition) => _definitions[definition.Name] = definition;

    private static ReportDefinition Parse(Stream stream, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<ReportDefinition>(stream, JsonDefaults.Options)
                   ?? throw new InvalidOperationException($"Report definition {source} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Report definition {source} is not valid: {e.Message}", e);
        }
    }
}
