using System.Text.Json.Nodes;
using MigrationAgenda.Mail;
using static MigrationAgenda.InfraTests.ArmTemplate;

namespace MigrationAgenda.InfraTests;

/// <summary>The security properties hold on what `bicep build` produced from infra/bicep/main.bicep.</summary>
public sealed class CompiledTemplateTests
{
    private readonly JsonObject _template = Load(InfraPaths.MainTemplate);

    [Fact]
    public void Storage_is_entra_only_tls12_https_and_private() =>
        Assert.Empty(SecurityPolicy.Storage(_template));

    [Fact]
    public void App_identity_has_exactly_the_roles_it_needs() =>
        Assert.Empty(SecurityPolicy.RoleAssignments(_template));

    [Fact]
    public void Storage_roles_are_the_three_data_plane_roles()
    {
        var storageRoles = OfType(_template, "Microsoft.Authorization/roleAssignments")
            .Where(x => Text(x.Resource["scope"]).Contains("Microsoft.Storage/storageAccounts", StringComparison.Ordinal))
            .Select(x => Text(x.Resource["properties"]?["roleDefinitionId"]))
            .ToList();

        Assert.Equal(3, storageRoles.Count);
        Assert.Contains(storageRoles, r => r.Contains(SecurityPolicy.StorageBlobDataOwner, StringComparison.Ordinal));
        Assert.Contains(storageRoles, r => r.Contains(SecurityPolicy.StorageQueueDataContributor, StringComparison.Ordinal));
        Assert.Contains(storageRoles, r => r.Contains(SecurityPolicy.StorageTableDataContributor, StringComparison.Ordinal));
    }

    [Fact]
    public void Key_vault_uses_rbac_and_secrets_come_only_from_secure_parameters() =>
        Assert.Empty(SecurityPolicy.KeyVault(_template));

    [Fact]
    public void No_output_carries_a_secret_key_or_list_call() =>
        Assert.Empty(SecurityPolicy.Outputs(_template));

    [Fact]
    public void Monitoring_has_local_auth_disabled() =>
        Assert.Empty(SecurityPolicy.Monitoring(_template));

    [Fact]
    public void Function_app_is_flex_consumption_dotnet_isolated_10() =>
        Assert.Empty(SecurityPolicy.FunctionApp(_template));

    [Fact]
    public void Secure_parameters_stay_secure_inside_modules()
    {
        var rootSecure = SecureParameters(_template);
        Assert.Equal(["inboundSharedSecret", "sendGridApiKey", "sendGridEventWebhookPublicKey", "tokenSigningKey"], rootSecure.Order(StringComparer.Ordinal));

        foreach (var module in OwnResources(_template).Where(r => IsType(r, "Microsoft.Resources/deployments")))
        {
            var nested = module["properties"]!["template"]!.AsObject();
            var nestedSecure = SecureParameters(nested);
            foreach (var (name, value) in module["properties"]!["parameters"]!.AsObject())
            {
                // A parameter given by a condition compiles to one expression for the whole { value } object.
                var passed = Text(value is JsonObject wrapped ? wrapped["value"] : value);
                if (rootSecure.Any(p => passed.Contains($"parameters('{p}')", StringComparison.Ordinal)))
                {
                    Assert.Contains(name, nestedSecure);
                }
            }

            // Inner scope keeps the module's parameters out of the parent's expression evaluation and logs.
            Assert.Equal("inner", Text(module["properties"]!["expressionEvaluationOptions"]?["scope"]));
        }
    }

    [Fact]
    public void Top_level_outputs_are_what_operators_need()
    {
        var outputs = _template["outputs"]!.AsObject();
        Assert.Contains("functionAppName", outputs.Select(o => o.Key));
        Assert.Contains("functionAppHostName", outputs.Select(o => o.Key));

        var webhook = Text(outputs["inboundWebhookUrl"]?["value"]);
        Assert.Contains("https://{0}/api/inbound/sendgrid", webhook, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", webhook, StringComparison.Ordinal);
        Assert.DoesNotContain("secret=", webhook, StringComparison.Ordinal);
    }

    [Fact]
    public void Durable_group_has_an_always_ready_instance_and_scale_is_parameterised()
    {
        var (site, _) = OfType(_template, "Microsoft.Web/sites").Single();
        var scale = site["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;
        Assert.Equal("[parameters('instanceMemoryMB')]", Text(scale["instanceMemoryMB"]));
        Assert.Equal("[parameters('maximumInstanceCount')]", Text(scale["maximumInstanceCount"]));

        var durable = Assert.Single(scale["alwaysReady"]!.AsArray(), a => LiteralString(a?["name"]) == "durable");
        Assert.Equal("[parameters('durableAlwaysReadyInstances')]", Text(durable!["instanceCount"]));
        Assert.Equal(1, _template["parameters"]!["durableAlwaysReadyInstances"]!["minValue"]!.GetValue<int>());
    }

    [Fact]
    public void Defaults_never_reach_a_real_mailbox()
    {
        var parameters = _template["parameters"]!.AsObject();
        foreach (var name in new[] { "mailFromAddress", "mailInboundDomain", "operatorEmail" })
        {
            var value = parameters[name]!["defaultValue"]!.GetValue<string>();
            Assert.EndsWith("example.org", value, StringComparison.Ordinal);
        }

        Assert.Equal("P180D", parameters["tokenLifetime"]!["defaultValue"]!.GetValue<string>());
        Assert.Equal(31457280, parameters["inboundMaxRequestBytes"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal("5.0", parameters["inboundSpamScoreThreshold"]!["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void Private_networking_retention_alerts_and_key_ring_default_to_what_prod_needs()
    {
        var parameters = _template["parameters"]!.AsObject();
        Assert.False(parameters["allowPublicNetworkAccess"]!["defaultValue"]!.GetValue<bool>());
        Assert.Equal(730, parameters["inboundMailRetentionDays"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal(90, parameters["quarantinedMailRetentionDays"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal(180, parameters["outboxRetentionDays"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal(30, parameters["inboundStuckAlertMinutes"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal(60, parameters["mailDelayAlertMinutes"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal(TokenOptions.DefaultKeyId, parameters["tokenKeyId"]!["defaultValue"]!.GetValue<string>());

        // One character, as Tokens:KeyId requires, for the current and every previous id.
        var keyId = _template["definitions"]!["keyId"]!;
        Assert.Equal(1, keyId["minLength"]!.GetValue<int>());
        Assert.Equal(1, keyId["maxLength"]!.GetValue<int>());
        Assert.Equal("#/definitions/keyId", Text(parameters["tokenPreviousKeyIds"]!["items"]!["$ref"]));
    }

    [Fact]
    public void Whole_policy_passes() => Assert.Empty(SecurityPolicy.All(_template));
}
