using static MigrationAgenda.InfraTests.ArmTemplate;

namespace MigrationAgenda.InfraTests;

public sealed class AzureYamlTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(InfraPaths.RepoRoot, "azure.yaml"));

    private static string? Value(string key) => Lines
        .Select(l => l.Trim())
        .Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
        .Select(l => l[(key.Length + 1)..].Trim())
        .FirstOrDefault();

    [Fact]
    public void Provisions_infra_bicep_and_deploys_the_functions_project_as_a_function()
    {
        Assert.Equal("bicep", Value("provider"));
        Assert.Equal("infra/bicep", Value("path")?.TrimStart('.', '/'));
        Assert.Equal("main", Value("module"));
        Assert.Equal("src/Functions", Value("project")?.TrimStart('.', '/'));
        Assert.Equal("function", Value("host"));
        Assert.Equal("dotnet", Value("language"));
        Assert.True(File.Exists(Path.Combine(InfraPaths.RepoRoot, "infra", "bicep", "main.bicepparam")), "azd reads main.bicepparam next to main.bicep");
    }

    [Fact]
    public void Service_name_matches_the_azd_tag_on_the_function_app()
    {
        var services = Array.FindIndex(Lines, l => l.TrimEnd() == "services:");
        Assert.True(services >= 0, "azure.yaml has no services section");
        var serviceName = Lines[services + 1].Trim().TrimEnd(':');

        var module = OwnResources(Load(InfraPaths.MainTemplate)).Single(r => Text(r["name"]) == "functionapp");
        Assert.Equal(serviceName, module["properties"]!["parameters"]!["azdServiceName"]!["value"]!.GetValue<string>());
    }
}
