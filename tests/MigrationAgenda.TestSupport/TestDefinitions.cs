using System.Text.Json;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.TestSupport;

/// <summary>Report definitions for a test's own Rounds:DefinitionsPath, so its contacts list is its own.</summary>
public static class TestDefinitions
{
    /// <summary>
    /// A folder with the shipped IMA definition under <paramref name="name"/>, without the definition's example
    /// contacts (so only the contacts list or a spec can give them).
    /// </summary>
    public static string Folder(string name)
    {
        var ima = new DefinitionCatalog().Find("ima")!;
        var definition = ima with { Name = name, Ministries = ima.Ministries.Select(m => m with { Contacts = [], AllowedSenders = [] }).ToList() };
        var folder = Path.Combine(Path.GetTempPath(), "migrationagenda-definitions", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(definition, JsonDefaults.Options));
        return folder;
    }
}
