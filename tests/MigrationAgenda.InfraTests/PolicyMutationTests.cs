using System.Text.Json.Nodes;
using static MigrationAgenda.InfraTests.ArmTemplate;

namespace MigrationAgenda.InfraTests;

/// <summary>
/// Each check catches a regression: a copy of the compiled template is broken in one place and the
/// check that guards that property must report it (and the untouched template must pass it).
/// App settings, networking, alerts and lifecycle rules are checked on snapshots: <see cref="DeploymentMutationTests"/>.
/// </summary>
public sealed class PolicyMutationTests
{
    private static readonly JsonObject Compiled = Load(InfraPaths.MainTemplate);

    private static JsonObject First(JsonObject root, string type) => OfType(root, type).First().Resource;

    private static JsonNode Props(JsonObject root, string type) => First(root, type)["properties"]!;

    private static void AddRoleAssignment(JsonObject root, string roleGuid)
    {
        var storageTemplate = Templates(root).First(t => OwnResources(t).Any(r => IsType(r, "Microsoft.Storage/storageAccounts")));
        var copy = OfType(storageTemplate, "Microsoft.Authorization/roleAssignments").First().Resource.DeepClone().AsObject();
        copy["properties"]!["roleDefinitionId"] = $"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '{roleGuid}')]";
        storageTemplate["resources"]!.AsArray().Add(copy);
    }

    private static readonly Dictionary<string, (Action<JsonObject> Break, Func<JsonObject, IReadOnlyList<string>> Check)> Cases = new()
    {
        ["storage shared key on"] = (t => Props(t, "Microsoft.Storage/storageAccounts")["allowSharedKeyAccess"] = true, SecurityPolicy.Storage),
        ["storage shared key parameterised"] = (t => Props(t, "Microsoft.Storage/storageAccounts")["allowSharedKeyAccess"] = "[parameters('sharedKey')]", SecurityPolicy.Storage),
        ["storage TLS 1.0"] = (t => Props(t, "Microsoft.Storage/storageAccounts")["minimumTlsVersion"] = "TLS1_0", SecurityPolicy.Storage),
        ["storage http allowed"] = (t => Props(t, "Microsoft.Storage/storageAccounts")["supportsHttpsTrafficOnly"] = false, SecurityPolicy.Storage),
        ["storage public blobs"] = (t => Props(t, "Microsoft.Storage/storageAccounts")["allowBlobPublicAccess"] = true, SecurityPolicy.Storage),
        ["storage public blobs unset"] = (t => Props(t, "Microsoft.Storage/storageAccounts").AsObject().Remove("allowBlobPublicAccess"), SecurityPolicy.Storage),
        ["extra Contributor role"] = (t => AddRoleAssignment(t, "b24988ac-6180-42a0-ab88-20f7382dd24c"), SecurityPolicy.RoleAssignments),
        ["blob owner assigned twice"] = (t => AddRoleAssignment(t, SecurityPolicy.StorageBlobDataOwner), SecurityPolicy.RoleAssignments),
        ["table role missing"] = (t =>
        {
            var storageTemplate = Templates(t).First(x => OwnResources(x).Any(r => IsType(r, "Microsoft.Storage/storageAccounts")));
            var resources = storageTemplate["resources"]!.AsArray();
            resources.Remove(resources.First(r => Text(r?["properties"]?["roleDefinitionId"]).Contains(SecurityPolicy.StorageTableDataContributor, StringComparison.Ordinal)));
        }, SecurityPolicy.RoleAssignments),
        ["secrets user on the resource group"] = (t =>
        {
            var assignment = OfType(t, "Microsoft.Authorization/roleAssignments")
                .First(x => Text(x.Resource["properties"]?["roleDefinitionId"]).Contains(SecurityPolicy.KeyVaultSecretsUser, StringComparison.Ordinal)).Resource;
            assignment.Remove("scope");
        }, SecurityPolicy.RoleAssignments),
        ["vault access policies"] = (t => Props(t, "Microsoft.KeyVault/vaults")["enableRbacAuthorization"] = false, SecurityPolicy.KeyVault),
        ["secret value hard-coded"] = (t => Props(t, "Microsoft.KeyVault/vaults/secrets")["value"] = "not-a-parameter", SecurityPolicy.KeyVault),
        ["output lists keys"] = (t => t["outputs"]!.AsObject()["storageKey"] = new JsonObject
        {
            ["type"] = "string",
            ["value"] = "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2025-01-01').keys[0].value]",
        }, SecurityPolicy.Outputs),
        ["output returns a secure parameter"] = (t => t["outputs"]!.AsObject()["apiValue"] = new JsonObject
        {
            ["type"] = "string",
            ["value"] = "[parameters('sendGridApiKey')]",
        }, SecurityPolicy.Outputs),
        ["output named like a secret"] = (t => t["outputs"]!.AsObject()["inboundSecret"] = new JsonObject
        {
            ["type"] = "string",
            ["value"] = "[parameters('environmentName')]",
        }, SecurityPolicy.Outputs),
        ["App Insights local auth"] = (t => Props(t, "Microsoft.Insights/components")["DisableLocalAuth"] = false, SecurityPolicy.Monitoring),
        ["Log Analytics local auth"] = (t => Props(t, "Microsoft.OperationalInsights/workspaces")["features"]!["disableLocalAuth"] = false, SecurityPolicy.Monitoring),
        ["Windows function app"] = (t => First(t, "Microsoft.Web/sites")["kind"] = "functionapp", SecurityPolicy.FunctionApp),
        ["consumption Y1 plan"] = (t => First(t, "Microsoft.Web/serverfarms")["sku"]!["name"] = "Y1", SecurityPolicy.FunctionApp),
        ["runtime .NET 8"] = (t => Props(t, "Microsoft.Web/sites")["functionAppConfig"]!["runtime"]!["version"] = "8.0", SecurityPolicy.FunctionApp),
        ["no always-ready durable"] = (t => Props(t, "Microsoft.Web/sites")["functionAppConfig"]!["scaleAndConcurrency"]!.AsObject().Remove("alwaysReady"), SecurityPolicy.FunctionApp),
        ["scm basic auth on"] = (t => OfType(t, "Microsoft.Web/sites/basicPublishingCredentialsPolicies").First().Resource["properties"]!["allow"] = true, SecurityPolicy.FunctionApp),
        ["sign-in not required"] = (t => Props(t, "Microsoft.Web/sites/config")["globalValidation"]!["requireAuthentication"] = false, SecurityPolicy.Authentication),
        ["anonymous visitors allowed"] = (t => Props(t, "Microsoft.Web/sites/config")["globalValidation"]!["unauthenticatedClientAction"] = "AllowAnonymous", SecurityPolicy.Authentication),
        ["page excluded from sign-in"] = (t => Props(t, "Microsoft.Web/sites/config")["globalValidation"]!["excludedPaths"]!.AsArray().Add("/app"), SecurityPolicy.Authentication),
        ["Entra provider off"] = (t => Props(t, "Microsoft.Web/sites/config")["identityProviders"]!["azureActiveDirectory"]!["enabled"] = false, SecurityPolicy.Authentication),
        ["auth settings removed"] = (t =>
        {
            var (resource, template) = OfType(t, "Microsoft.Web/sites/config").First();
            if (template["resources"] is JsonArray list)
            {
                list.Remove(resource);
            }
            else
            {
                var resources = template["resources"]!.AsObject();
                resources.Remove(resources.First(r => ReferenceEquals(r.Value, resource)).Key);
            }
        }, SecurityPolicy.Authentication),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Check_catches_the_regression(string name)
    {
        var (breakIt, check) = Cases[name];
        Assert.Empty(check(Compiled));

        var broken = DeepClone(Compiled);
        breakIt(broken);

        Assert.NotEmpty(check(broken));
        Assert.NotEmpty(SecurityPolicy.All(broken));
    }
}
