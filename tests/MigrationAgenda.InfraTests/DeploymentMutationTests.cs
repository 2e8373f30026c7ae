using System.Text.Json.Nodes;
using static MigrationAgenda.InfraTests.ArmTemplate;

namespace MigrationAgenda.InfraTests;

/// <summary>
/// Each operations check catches a regression: a copy of the prod snapshot is broken in one place (an alert removed,
/// a private endpoint dropped, a lifecycle rule widened to the letters, …) and the check that guards it must report it.
/// </summary>
public sealed class DeploymentMutationTests
{
    private static readonly JsonObject Prod = Load(InfraPaths.Snapshot("main.prod"));

    private static JsonArray Resources(JsonObject s) => s["predictedResources"]!.AsArray();

    private static IEnumerable<JsonObject> All(JsonObject s, string type) => OfType(s, type).Select(x => x.Resource);

    private static JsonObject First(JsonObject s, string type) => All(s, type).First();

    private static void Remove(JsonObject s, Func<JsonObject, bool> which) =>
        Resources(s).Remove(Resources(s).OfType<JsonObject>().First(which));

    private static JsonArray AppSettings(JsonObject s) => First(s, "Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray();

    private static JsonObject AppSetting(JsonObject s, string name) => AppSettings(s).OfType<JsonObject>().Single(x => Text(x["name"]) == name);

    private static JsonObject Endpoint(JsonObject s, string group) =>
        All(s, "Microsoft.Network/privateEndpoints").Single(e => Text(e["name"]).StartsWith($"pe-{group}-", StringComparison.Ordinal));

    private static JsonObject Alert(JsonObject s, string key) => DeploymentPolicy.AlertRule(s, key)!;

    private static void EditQuery(JsonObject s, string key, string from, string to)
    {
        var criterion = Alert(s, key)["properties"]!["criteria"]!["allOf"]![0]!;
        var query = Text(criterion["query"]);
        Assert.Contains(from, query, StringComparison.Ordinal);
        criterion["query"] = query.Replace(from, to, StringComparison.Ordinal);
    }

    private static JsonArray LifecycleRules(JsonObject s) =>
        First(s, "Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray();

    private static JsonObject LifecycleRule(JsonObject s, string name) => LifecycleRules(s).OfType<JsonObject>().Single(r => Text(r["name"]) == name);

    private static JsonNode AppSubnet(JsonObject s) =>
        First(s, "Microsoft.Network/virtualNetworks")["properties"]!["subnets"]!.AsArray().Single(x => Text(x!["name"]) == "app")!;

    private static readonly Dictionary<string, (Action<JsonObject> Break, Func<JsonObject, IReadOnlyList<string>> Check)> Cases = new()
    {
        // App settings (moved here from the compiled template: the key ring makes the list an expression there)
        ["SendGrid key in clear"] = (s => AppSetting(s, "Mail__SendGridApiKey")["value"] = "SG.not-a-reference", SecurityPolicy.AppSettings),
        ["token key not from vault"] = (s => AppSetting(s, "Tokens__SigningKey")["value"] = "hard-coded", SecurityPolicy.AppSettings),
        ["storage connection string"] = (s => AppSettings(s).Add(new JsonObject { ["name"] = "AzureWebJobsStorage", ["value"] = "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=y" }), SecurityPolicy.AppSettings),
        ["setting the code reads is missing"] = (s => AppSettings(s).Remove(AppSetting(s, "Mail__InboundDomain")), SecurityPolicy.AppSettings),
        ["host storage by key"] = (s => AppSetting(s, "AzureWebJobsStorage__credential")["value"] = "connectionstring", SecurityPolicy.AppSettings),

        // Key ring
        ["key id missing"] = (s => AppSettings(s).Remove(AppSetting(s, "Tokens__KeyId")), DeploymentPolicy.KeyRing),
        ["key id two letters"] = (s => AppSetting(s, "Tokens__KeyId")["value"] = "ab", DeploymentPolicy.KeyRing),
        ["previous key in clear"] = (s => AppSettings(s).Add(new JsonObject { ["name"] = "Tokens__PreviousKeys__z", ["value"] = "an-old-key-in-clear-0123456789-abcdef" }), DeploymentPolicy.KeyRing),
        ["previous key reads another id's secret"] = (s => AppSettings(s).Add(new JsonObject
        {
            ["name"] = "Tokens__PreviousKeys__z",
            ["value"] = "@Microsoft.KeyVault(VaultName=kv;SecretName=token-signing-key)",
        }), DeploymentPolicy.KeyRing),
        ["current id again as previous"] = (s => AppSettings(s).Add(new JsonObject
        {
            ["name"] = "Tokens__PreviousKeys__a",
            ["value"] = "@Microsoft.KeyVault(VaultName=kv;SecretName=token-signing-key)",
        }), DeploymentPolicy.KeyRing),

        // Health check
        ["no health check"] = (s => First(s, "Microsoft.Web/sites")["properties"]!["siteConfig"]!.AsObject().Remove("healthCheckPath"), DeploymentPolicy.HealthCheck),
        ["health check on the page"] = (s => First(s, "Microsoft.Web/sites")["properties"]!["siteConfig"]!["healthCheckPath"] = "/", DeploymentPolicy.HealthCheck),

        // Private networking
        ["storage public"] = (s => First(s, "Microsoft.Storage/storageAccounts")["properties"]!["publicNetworkAccess"] = "Enabled", DeploymentPolicy.PrivateNetwork),
        ["storage firewall open"] = (s => First(s, "Microsoft.Storage/storageAccounts")["properties"]!["networkAcls"]!["defaultAction"] = "Allow", DeploymentPolicy.PrivateNetwork),
        ["vault public"] = (s => First(s, "Microsoft.KeyVault/vaults")["properties"]!["publicNetworkAccess"] = "Enabled", DeploymentPolicy.PrivateNetwork),
        ["no blob endpoint"] = (s => Remove(s, r => ReferenceEquals(r, Endpoint(s, "blob"))), DeploymentPolicy.PrivateNetwork),
        ["no queue endpoint"] = (s => Remove(s, r => ReferenceEquals(r, Endpoint(s, "queue"))), DeploymentPolicy.PrivateNetwork),
        ["no table endpoint"] = (s => Remove(s, r => ReferenceEquals(r, Endpoint(s, "table"))), DeploymentPolicy.PrivateNetwork),
        ["no vault endpoint"] = (s => Remove(s, r => ReferenceEquals(r, Endpoint(s, "vault"))), DeploymentPolicy.PrivateNetwork),
        ["table endpoint on the wrong group"] = (s => Endpoint(s, "table")["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!["groupIds"]![0] = "file", DeploymentPolicy.PrivateNetwork),
        ["queue endpoint without DNS"] = (s => Remove(s, r => Text(r["name"]).StartsWith(Text(Endpoint(s, "queue")["name"]) + "/", StringComparison.Ordinal)), DeploymentPolicy.PrivateNetwork),
        ["vault zone not linked"] = (s => Remove(s, r => IsType(r, "Microsoft.Network/privateDnsZones/virtualNetworkLinks") && Text(r["name"]).Contains("vaultcore", StringComparison.Ordinal)), DeploymentPolicy.PrivateNetwork),
        ["app not VNet-integrated"] = (s => First(s, "Microsoft.Web/sites")["properties"]!.AsObject().Remove("virtualNetworkSubnetId"), DeploymentPolicy.PrivateNetwork),
        ["app subnet not delegated"] = (s => AppSubnet(s)["properties"]!["delegations"]![0]!["properties"]!["serviceName"] = "Microsoft.Web/serverFarms", DeploymentPolicy.PrivateNetwork),
        ["no way out to SendGrid"] = (s => AppSubnet(s)["properties"]!.AsObject().Remove("natGateway"), DeploymentPolicy.PrivateNetwork),

        // Restore and retention
        ["versioning off"] = (s => First(s, "Microsoft.Storage/storageAccounts/blobServices")["properties"]!["isVersioningEnabled"] = false, DeploymentPolicy.Recoverability),
        ["blob soft delete off"] = (s => First(s, "Microsoft.Storage/storageAccounts/blobServices")["properties"]!["deleteRetentionPolicy"]!["enabled"] = false, DeploymentPolicy.Recoverability),
        ["no raw mail rule"] = (s => LifecycleRules(s).Remove(LifecycleRule(s, "inboundMail")), DeploymentPolicy.Lifecycle),
        ["no quarantine retention for the app"] = (s => AppSettings(s).Remove(AppSetting(s, "Retention__QuarantinedMailDays")), DeploymentPolicy.Lifecycle),
        ["no outbox rule"] = (s => LifecycleRules(s).Remove(LifecycleRule(s, "outboxCopies")), DeploymentPolicy.Lifecycle),
        ["raw mail rule only for tagged blobs"] = (s => LifecycleRule(s, "inboundMail")["definition"]!["filters"]!["blobIndexMatch"] = new JsonArray(new JsonObject { ["name"] = "outcome", ["op"] = "==", ["value"] = "accepted" }), DeploymentPolicy.Lifecycle),
        ["quarantine kept longer than raw mail"] = (s => AppSetting(s, "Retention__QuarantinedMailDays")["value"] = "3650", DeploymentPolicy.Lifecycle),
        ["raw mail rule disabled"] = (s => LifecycleRule(s, "inboundMail")["enabled"] = false, DeploymentPolicy.Lifecycle),
        ["old versions of raw mail kept"] = (s => LifecycleRule(s, "inboundMail")["definition"]!["actions"]!.AsObject().Remove("version"), DeploymentPolicy.Lifecycle),
        ["a rule reaches the letters"] = (s => LifecycleRule(s, "outboxCopies")["definition"]!["filters"]!["prefixMatch"]!.AsArray().Add("letters/"), DeploymentPolicy.Lifecycle),
        ["a rule for every container"] = (s => LifecycleRule(s, "outboxCopies")["definition"]!["filters"]!.AsObject().Remove("prefixMatch"), DeploymentPolicy.Lifecycle),

        // Alerts
        ["no round-failed alert"] = (s => Remove(s, r => ReferenceEquals(r, Alert(s, "round-failed"))), DeploymentPolicy.Alerts),
        ["no webhook-5xx alert"] = (s => Remove(s, r => ReferenceEquals(r, Alert(s, "webhook-5xx"))), DeploymentPolicy.Alerts),
        ["no inbound-stuck alert"] = (s => Remove(s, r => ReferenceEquals(r, Alert(s, "inbound-stuck"))), DeploymentPolicy.Alerts),
        ["no mail-delayed alert"] = (s => Remove(s, r => ReferenceEquals(r, Alert(s, "mail-delayed"))), DeploymentPolicy.Alerts),
        ["no mail-bounced alert"] = (s => Remove(s, r => ReferenceEquals(r, Alert(s, "mail-bounced"))), DeploymentPolicy.Alerts),
        ["round-failed event renamed"] = (s => EditQuery(s, "round-failed", "\"RoundFailed\"", "\"RoundFailure\""), DeploymentPolicy.Alerts),
        ["round-failed ignores the engine"] = (s => EditQuery(s, "round-failed", "\"RoundOrchestrator\"", "\"Round\""), DeploymentPolicy.Alerts),
        ["webhook alert on another function"] = (s => EditQuery(s, "webhook-5xx", "\"InboundSendGrid\"", "\"InboundParse\""), DeploymentPolicy.Alerts),
        ["webhook alert counts 4xx"] = (s => EditQuery(s, "webhook-5xx", ">= 500", ">= 400"), DeploymentPolicy.Alerts),
        ["stuck alert misses settled"] = (s => EditQuery(s, "inbound-stuck", "\"InboundSettled\"", "\"InboundDone\""), DeploymentPolicy.Alerts),
        ["delay alert reads another property"] = (s => EditQuery(s, "mail-delayed", "[\"DelayMinutes\"]", "[\"Delay\"]"), DeploymentPolicy.Alerts),
        ["bounce alert includes quarantine notices"] = (s => EditQuery(s, "mail-bounced", "!= \"QuarantineNotice\"", "!= \"\""), DeploymentPolicy.Alerts),
        ["no retention-run alert"] = (s => Remove(s, r => ReferenceEquals(r, Alert(s, "retention-run"))), DeploymentPolicy.Alerts),
        ["retention alert waits for another event"] = (s => EditQuery(s, "retention-run", "\"RetentionApplied\"", "\"RetentionRun\""), DeploymentPolicy.Alerts),
        ["retention alert ignores failures"] = (s => EditQuery(s, "retention-run", "| where failures > 0\n", ""), DeploymentPolicy.Alerts),
        ["retention alert pages a fresh deployment"] = (s => EditQuery(s, "retention-run", "| where upSince < ago(overdueAfter)\n", ""), DeploymentPolicy.Alerts),
        ["retention alert waits two days"] = (s => EditQuery(s, "retention-run", "let overdueAfter = 26h;", "let overdueAfter = 50h;"), DeploymentPolicy.Alerts),
        ["retention alert window too short to see a day back"] = (s => Alert(s, "retention-run")["properties"]!["windowSize"] = "PT6H", DeploymentPolicy.Alerts),
        ["alert disabled"] = (s => Alert(s, "mail-bounced")["properties"]!["enabled"] = false, DeploymentPolicy.Alerts),
        ["alert on another component"] = (s => Alert(s, "round-failed")["properties"]!["scopes"]![0] = "/subscriptions/x/resourceGroups/y/providers/Microsoft.Insights/components/other", DeploymentPolicy.Alerts),
        ["alert notifies nobody"] = (s => Alert(s, "inbound-stuck")["properties"]!["actions"]!["actionGroups"]!.AsArray().Clear(), DeploymentPolicy.Alerts),
        ["action group without mail"] = (s => First(s, "Microsoft.Insights/actionGroups")["properties"]!["emailReceivers"]!.AsArray().Clear(), DeploymentPolicy.Alerts),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Check_catches_the_regression(string name)
    {
        var (breakIt, check) = Cases[name];
        Assert.Empty(check(Prod));

        var broken = DeepClone(Prod);
        breakIt(broken);

        Assert.NotEmpty(check(broken));
        Assert.NotEmpty(DeploymentPolicy.All(broken, isPrivate: true));
    }
}
