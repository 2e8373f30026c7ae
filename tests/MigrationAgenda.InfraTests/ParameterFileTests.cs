using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static MigrationAgenda.InfraTests.ArmTemplate;

namespace MigrationAgenda.InfraTests;

public sealed partial class ParameterFileTests
{
    private static readonly string[] SecretParameters = ["sendGridApiKey", "tokenSigningKey", "inboundSharedSecret"];

    public static TheoryData<string, string> ParameterFiles() => new()
    {
        { "main.bicepparam", InfraPaths.DevParameters },
        { "main.prod.bicepparam", InfraPaths.ProdParameters },
    };

    private static JsonObject Values(string compiled) => Load(compiled)["parameters"]!.AsObject();

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void Secrets_are_read_from_the_environment_never_written_in_the_file(string source, string compiled)
    {
        var text = File.ReadAllText(Path.Combine(InfraPaths.Source, source));
        Assert.StartsWith("using 'main.bicep'", text.Split('\n').First(l => l.StartsWith("using", StringComparison.Ordinal)), StringComparison.Ordinal);
        foreach (var name in SecretParameters)
        {
            var assignment = Assert.Single(AssignmentPattern().Matches(text), m => m.Groups[1].Value == name);
            Assert.Matches(@"^readEnvironmentVariable\('[A-Z_]+', ''\)$", assignment.Groups[2].Value.Trim());

            // The build blanks these variables, so nothing secret can end up in the compiled file.
            Assert.Equal("", Values(compiled)[name]?["value"]?.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void Every_value_is_within_the_template_constraints(string source, string compiled)
    {
        var template = Load(InfraPaths.MainTemplate)["parameters"]!.AsObject();
        var values = Values(compiled);
        foreach (var (name, value) in values)
        {
            var declared = template[name];
            Assert.True(declared is not null, $"{source} sets {name}, which main.bicep does not declare");
            var v = value!["value"]!;
            if (declared!["allowedValues"] is JsonArray allowed)
            {
                Assert.Contains(allowed, a => JsonNode.DeepEquals(a, v));
            }

            if (declared["minValue"] is { } min)
            {
                Assert.True(v.GetValue<int>() >= min.GetValue<int>(), $"{name} below minimum");
            }

            if (declared["maxValue"] is { } max)
            {
                Assert.True(v.GetValue<int>() <= max.GetValue<int>(), $"{name} above maximum");
            }
        }

        Assert.Contains("environmentName", values.Select(v => v.Key));
    }

    [Fact]
    public void Prod_keeps_purge_protection_a_warm_durable_instance_and_long_token_lifetime()
    {
        var prod = Values(InfraPaths.ProdParameters);
        Assert.Equal("prod", prod["environmentName"]!["value"]!.GetValue<string>());
        Assert.True(prod["keyVaultPurgeProtection"]!["value"]!.GetValue<bool>());
        Assert.True(prod["durableAlwaysReadyInstances"]!["value"]!.GetValue<int>() >= 1);
        Assert.Equal("P180D", prod["tokenLifetime"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Prod_is_private_and_keeps_mail_no_longer_than_the_retention_says()
    {
        var prod = Values(InfraPaths.ProdParameters);
        Assert.False(prod["allowPublicNetworkAccess"]!["value"]!.GetValue<bool>());
        Assert.Equal(730, prod["inboundMailRetentionDays"]!["value"]!.GetValue<int>());
        Assert.Equal(90, prod["quarantinedMailRetentionDays"]!["value"]!.GetValue<int>());
        Assert.Equal(180, prod["outboxRetentionDays"]!["value"]!.GetValue<int>());

        // A literal in the file, not an environment variable: nobody opens prod by exporting something.
        var text = File.ReadAllText(Path.Combine(InfraPaths.Source, "main.prod.bicepparam"));
        Assert.Matches(@"(?m)^param allowPublicNetworkAccess = false$", text);
    }

    [Fact]
    public void Dev_and_prod_differ_in_name_so_they_never_share_resources()
    {
        var dev = Values(InfraPaths.DevParameters)["environmentName"]!["value"]!.GetValue<string>();
        var prod = Values(InfraPaths.ProdParameters)["environmentName"]!["value"]!.GetValue<string>();
        Assert.NotEqual(dev, prod);
    }

    [GeneratedRegex(@"^param\s+(\w+)\s*=\s*(.+)$", RegexOptions.Multiline)]
    private static partial Regex AssignmentPattern();
}
