using System.Text.Json;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds;

/// <summary>
/// Report definitions by name: the ones shipped in definitions/*.json (embedded), plus any *.json in the folder
/// named by Rounds:DefinitionsPath, which win on a name clash so a coordinator can override a shipped one.
/// Every definition is checked by <see cref="ReportDefinitionValidator"/> when the catalog is made, that is when the
/// host starts: a bad file stops the host with its name and faults, rather than failing a round months later.
/// </summary>
public sealed class DefinitionCatalog
{
    public const string FolderSetting = "Rounds:DefinitionsPath";

    private readonly Dictionary<string, ReportDefinition> _definitions = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="ReportDefinitionException">The folder is missing, or a definition in it cannot be used.</exception>
    public DefinitionCatalog(string? extraFolder = null)
    {
        var assembly = typeof(DefinitionCatalog).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("definitions/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var definition = Load(stream, resource);
            _definitions[definition.Name] = definition;
        }
        if (string.IsNullOrEmpty(extraFolder))
            return;
        if (!Directory.Exists(extraFolder))
            throw new ReportDefinitionException($"{FolderSetting}: the folder '{extraFolder}' does not exist.");

        var fromFolder = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(extraFolder, "*.json").Order(StringComparer.Ordinal))
        {
            using var stream = File.OpenRead(file);
            var definition = Load(stream, file);
            if (fromFolder.TryGetValue(definition.Name, out var earlier))
                throw new ReportDefinitionException($"{FolderSetting}: {file} and {earlier} both define '{definition.Name}'; keep one.");
            fromFolder[definition.Name] = file;
            _definitions[definition.Name] = definition;
        }
    }

    public IReadOnlyCollection<string> Names => _definitions.Keys;

    public ReportDefinition? Find(string name) => _definitions.GetValueOrDefault(name);

    private static ReportDefinition Load(Stream stream, string source)
    {
        ReportDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<ReportDefinition>(stream, JsonDefaults.Options);
        }
        catch (JsonException e)
        {
            throw new ReportDefinitionException($"{FolderSetting}: report definition {source} is not valid JSON for a definition: {e.Message}", e);
        }
        if (definition is null)
            throw new ReportDefinitionException($"{FolderSetting}: report definition {source} is empty.");
        var errors = new ValidationErrors();
        if (!ReportDefinitionValidator.Validate(definition, errors))
            throw new ReportDefinitionException($"{FolderSetting}: report definition {source} is refused: {errors}");
        return definition;
    }
}
