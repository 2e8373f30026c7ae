using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using MigrationAgenda.Access;
using static MigrationAgenda.InfraTests.ArmTemplate;

namespace MigrationAgenda.InfraTests;

/// <summary>The deployed app runs in App Service Authentication mode, with the role lists the parameters give, in the form the code reads.</summary>
public sealed class AuthSettingsTests
{
    private static Dictionary<string, string> Settings(string parameterFile)
    {
        var (site, _) = OfType(Load(InfraPaths.Snapshot(parameterFile)), "Microsoft.Web/sites").Single();
        return site["properties"]!["siteConfig"]!["appSettings"]!.AsArray().ToDictionary(s => Text(s!["name"]), s => Text(s!["value"]));
    }

    private static AuthOptions Read(Dictionary<string, string> settings) =>
        AuthOptions.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings
            .Where(s => s.Key.StartsWith("Auth__", StringComparison.Ordinal))
            .Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value))).Build());

    [Theory]
    [InlineData("main")]
    [InlineData("main.prod")]
    public void Dev_and_prod_refuse_callers_without_a_principal_and_take_roles_from_the_app_roles(string parameterFile)
    {
        var options = Read(Settings(parameterFile));
        Assert.Equal(AuthMode.AppService, options.Mode);
        Assert.Empty(options.Coordinators);
        Assert.Empty(options.Approvers);
    }

    [Fact]
    public void Role_lists_from_the_parameters_reach_the_app_as_the_code_reads_them()
    {
        var options = Read(Settings("trial"));
        Assert.Equal(["coordinator@minjenv.example", "5f0c7a51-0000-4000-8000-000000000005"], options.Coordinators);
        Assert.Empty(options.Approvers);
    }
}
