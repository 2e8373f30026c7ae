using System.Text.Json;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>Definition files in Rounds:DefinitionsPath are checked when the catalog is made, that is at host start-up.</summary>
public sealed class DefinitionCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("definitions-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string fileName, object definition)
    {
        var path = Path.Combine(_folder, fileName);
        File.WriteAllText(path, definition as string ?? JsonSerializer.Serialize(definition, JsonDefaults.Options));
        return path;
    }

    [Fact]
    public void A_valid_file_adds_a_definition_and_overrides_a_shipped_one_by_name()
    {
        var ima = SamplePlans.ImaDefinition();
        Write("eigen.json", ima with { Name = "ima-eigen" });
        Write("ima.json", ima with { Title = "Eigen titel" });

        var catalog = new DefinitionCatalog(_folder);

        Assert.Equal(["ima", "ima-eigen"], catalog.Names.Order());
        Assert.Equal("Eigen titel", catalog.Find("IMA")!.Title);
    }

    [Fact]
    public void A_file_with_a_pillar_no_ministry_writes_is_refused_naming_the_file_and_the_fault()
    {
        var ima = SamplePlans.ImaDefinition();
        var path = Write("ima-2028.json", ima with
        {
            Name = "ima-2028",
            Pillars = [.. ima.Pillars, new PillarDefinition { Number = 7, Title = "Nieuwe pijler" }],
        });

        var e = Assert.Throws<ReportDefinitionException>(() => new DefinitionCatalog(_folder));

        Assert.StartsWith("Rounds:DefinitionsPath: report definition ", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains("pillars[6]: Pijler 7 wordt door geen ministerie geschreven", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Malformed_json_a_missing_folder_and_a_name_twice_are_refused_too()
    {
        var broken = Write("broken.json", "{ \"name\": \"x\", ");
        var malformed = Assert.Throws<ReportDefinitionException>(() => new DefinitionCatalog(_folder));
        Assert.Contains(broken, malformed.Message);
        File.Delete(broken);

        var missing = Path.Combine(_folder, "nope");
        Assert.Contains(missing, Assert.Throws<ReportDefinitionException>(() => new DefinitionCatalog(missing)).Message);

        var ima = SamplePlans.ImaDefinition() with { Name = "dubbel" };
        var a = Write("a.json", ima);
        var b = Write("b.json", ima);
        var twice = Assert.Throws<ReportDefinitionException>(() => new DefinitionCatalog(_folder)).Message;
        Assert.Contains(a, twice);
        Assert.Contains(b, twice);
    }
}
