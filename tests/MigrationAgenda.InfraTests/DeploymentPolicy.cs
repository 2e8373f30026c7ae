using System.Text.Json.Nodes;
using MigrationAgenda.Http;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;
using static MigrationAgenda.InfraTests.ArmTemplate;

namespace MigrationAgenda.InfraTests;

/// <summary>
/// What an operator relies on, checked on `bicep snapshot` output: the deployment as ARM would predict it for one
/// parameter file, with conditions, loops and modules evaluated. Like <see cref="SecurityPolicy"/>, each check returns
/// the violations it found, so mutation tests can feed it a broken copy.
/// </summary>
internal static class DeploymentPolicy
{
    public static IReadOnlyList<string> All(JsonObject snapshot, bool isPrivate) =>
    [
        .. SecurityPolicy.AppSettings(snapshot), .. KeyRing(snapshot), .. HealthCheck(snapshot), .. Recoverability(snapshot),
        .. Lifecycle(snapshot), .. Alerts(snapshot), .. (isPrivate ? PrivateNetwork(snapshot) : []),
    ];

    private static List<JsonObject> Of(JsonObject snapshot, string type) => OfType(snapshot, type).Select(x => x.Resource).ToList();

    private static JsonArray Settings(JsonObject site) => site["properties"]?["siteConfig"]?["appSettings"] as JsonArray ?? [];

    private static string? Setting(JsonObject site, string name) =>
        Settings(site).OfType<JsonObject>().FirstOrDefault(s => Text(s["name"]) == name) is { } s ? Text(s["value"]) : null;

    private static string Id(JsonObject resource) => Text(resource["id"]);

    // ---- Private networking ---------------------------------------------------------------------------------------

    /// <summary>The private endpoints the app needs: group id, the resource type it points at, and its DNS zone.</summary>
    public static readonly IReadOnlyList<(string Group, string TargetType, string Zone)> Endpoints =
    [
        ("blob", "Microsoft.Storage/storageAccounts", "privatelink.blob."),
        ("queue", "Microsoft.Storage/storageAccounts", "privatelink.queue."),
        ("table", "Microsoft.Storage/storageAccounts", "privatelink.table."),
        ("vault", "Microsoft.KeyVault/vaults", "privatelink.vaultcore.azure.net"),
    ];

    /// <summary>
    /// Storage and Key Vault refuse public traffic; the Function App is VNet-integrated through a subnet delegated to
    /// Microsoft.App/environments with a NAT gateway for its internet egress; blob, queue, table and vault each have a
    /// private endpoint whose DNS zone group points at the right private zone, and every zone is linked to the VNet.
    /// </summary>
    public static IReadOnlyList<string> PrivateNetwork(JsonObject snapshot)
    {
        var errors = new List<string>();
        foreach (var type in new[] { "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults" })
        {
            foreach (var r in Of(snapshot, type))
            {
                var p = r["properties"];
                if (Text(p?["publicNetworkAccess"]) != "Disabled")
                    errors.Add($"{Text(r["name"])}: publicNetworkAccess must be Disabled, not {Text(p?["publicNetworkAccess"])}");
                if (Text(p?["networkAcls"]?["defaultAction"]) != "Deny")
                    errors.Add($"{Text(r["name"])}: networkAcls.defaultAction must be Deny");
            }
        }

        var vnets = Of(snapshot, "Microsoft.Network/virtualNetworks");
        if (vnets.Count != 1)
        {
            errors.Add($"expected one virtual network, found {vnets.Count}");
            return errors;
        }

        var vnet = vnets[0];
        var subnets = (vnet["properties"]?["subnets"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var site in Of(snapshot, "Microsoft.Web/sites"))
        {
            var subnetId = Text(site["properties"]?["virtualNetworkSubnetId"]);
            var subnet = subnets.FirstOrDefault(s => subnetId == $"{Id(vnet)}/subnets/{Text(s["name"])}");
            if (subnet is null)
            {
                errors.Add($"the Function App must be VNet-integrated with a subnet of {Text(vnet["name"])}, not '{subnetId}'");
                continue;
            }

            var delegations = (subnet["properties"]?["delegations"] as JsonArray ?? []).Select(d => Text(d?["properties"]?["serviceName"]));
            if (!delegations.Contains("Microsoft.App/environments"))
                errors.Add($"subnet {Text(subnet["name"])} must be delegated to Microsoft.App/environments (Flex Consumption)");
            var nat = Text(subnet["properties"]?["natGateway"]?["id"]);
            if (!Of(snapshot, "Microsoft.Network/natGateways").Any(n => Id(n) == nat))
                errors.Add($"subnet {Text(subnet["name"])} needs the NAT gateway: without default outbound access the app cannot reach SendGrid");
        }

        var endpoints = Of(snapshot, "Microsoft.Network/privateEndpoints");
        var zoneGroups = Of(snapshot, "Microsoft.Network/privateEndpoints/privateDnsZoneGroups");
        var zones = Of(snapshot, "Microsoft.Network/privateDnsZones");
        var links = Of(snapshot, "Microsoft.Network/privateDnsZones/virtualNetworkLinks");
        foreach (var (group, targetType, zone) in Endpoints)
        {
            var matching = endpoints.Where(e => (e["properties"]?["privateLinkServiceConnections"] as JsonArray ?? []).Any(c =>
                (c?["properties"]?["groupIds"] as JsonArray ?? []).Any(g => Text(g) == group)
                && Of(snapshot, targetType).Any(t => Id(t) == Text(c?["properties"]?["privateLinkServiceId"])))).ToList();
            if (matching.Count != 1)
            {
                errors.Add($"expected one private endpoint for {group} on a {targetType} of this deployment, found {matching.Count}");
                continue;
            }

            var endpoint = matching[0];
            if (!Text(endpoint["properties"]?["subnet"]?["id"]).StartsWith(Id(vnet) + "/subnets/", StringComparison.Ordinal))
                errors.Add($"private endpoint for {group} must sit in a subnet of {Text(vnet["name"])}");
            var configs = zoneGroups.Where(g => Text(g["name"]).StartsWith(Text(endpoint["name"]) + "/", StringComparison.Ordinal))
                .SelectMany(g => g["properties"]?["privateDnsZoneConfigs"] as JsonArray ?? []).ToList();
            if (!configs.Any(c => Text(c?["properties"]?["privateDnsZoneId"]).Contains(zone, StringComparison.Ordinal)))
                errors.Add($"private endpoint for {group} has no DNS zone group for {zone}…: its name would not resolve to it");
            if (!zones.Any(z => Text(z["name"]).Contains(zone, StringComparison.Ordinal)))
                errors.Add($"no private DNS zone {zone}…");
            if (!links.Any(l => Text(l["name"]).Contains(zone, StringComparison.Ordinal)
                                && Text(l["properties"]?["virtualNetwork"]?["id"]) == Id(vnet)
                                && IsLiteral(l["properties"]?["registrationEnabled"], false)))
                errors.Add($"private DNS zone {zone}… is not linked to {Text(vnet["name"])}");
        }

        return errors;
    }

    /// <summary>The public (quick trial) mode: the switch really opens storage and the vault and drops the network.</summary>
    public static IReadOnlyList<string> PublicTrial(JsonObject snapshot)
    {
        var errors = new List<string>();
        foreach (var r in Of(snapshot, "Microsoft.Storage/storageAccounts").Concat(Of(snapshot, "Microsoft.KeyVault/vaults")))
        {
            if (Text(r["properties"]?["publicNetworkAccess"]) != "Enabled")
                errors.Add($"{Text(r["name"])}: the trial mode must be reachable without a VNet");
        }

        foreach (var type in new[] { "Microsoft.Network/virtualNetworks", "Microsoft.Network/privateEndpoints", "Microsoft.Network/natGateways" })
        {
            if (Of(snapshot, type).Count != 0)
                errors.Add($"the trial mode deploys no {type}");
        }

        if (Of(snapshot, "Microsoft.Web/sites").Any(s => s["properties"]?["virtualNetworkSubnetId"] is JsonValue))
            errors.Add("the trial mode's app has no VNet integration");
        return errors;
    }

    // ---- Health check ---------------------------------------------------------------------------------------------

    /// <summary>The platform's health check calls the app's health route (HealthEndpoint.Route).</summary>
    public static IReadOnlyList<string> HealthCheck(JsonObject snapshot) =>
        Of(snapshot, "Microsoft.Web/sites")
            .Where(s => Text(s["properties"]?["siteConfig"]?["healthCheckPath"]) != "/" + HealthEndpoint.Route)
            .Select(s => $"{Text(s["name"])}: siteConfig.healthCheckPath must be /{HealthEndpoint.Route}, not '{Text(s["properties"]?["siteConfig"]?["healthCheckPath"])}'")
            .ToList();

    // ---- Reply-token key ring ---------------------------------------------------------------------------------------

    /// <summary>
    /// Tokens:KeyId is one letter or digit; the current key and every previous key are Key Vault references to the
    /// secret of their own id (key a: token-signing-key, key x: token-signing-key-x); no previous id repeats the current.
    /// </summary>
    public static IReadOnlyList<string> KeyRing(JsonObject snapshot)
    {
        var errors = new List<string>();
        foreach (var site in Of(snapshot, "Microsoft.Web/sites"))
        {
            var current = Setting(site, "Tokens__KeyId");
            if (current is not { Length: 1 } || !char.IsAsciiLetterLower(current[0]) && !char.IsAsciiDigit(current[0]))
            {
                errors.Add($"Tokens__KeyId must be one lower-case letter or digit, not '{current}'");
                continue;
            }

            var keys = Settings(site).OfType<JsonObject>()
                .Where(s => Text(s["name"]).StartsWith(SecurityPolicy.PreviousTokenKeyPrefix, StringComparison.Ordinal))
                .Select(s => (Id: Text(s["name"])[SecurityPolicy.PreviousTokenKeyPrefix.Length..], Value: Text(s["value"])))
                .Append((Id: current, Value: Setting(site, "Tokens__SigningKey") ?? ""))
                .ToList();
            foreach (var duplicate in keys.GroupBy(k => k.Id.ToLowerInvariant()).Where(g => g.Count() > 1))
                errors.Add($"key id '{duplicate.Key}' is in the ring twice: the current key's id never names a previous key");
            foreach (var (id, value) in keys)
            {
                var secret = id == TokenOptions.DefaultKeyId ? "token-signing-key" : $"token-signing-key-{id}";
                if (!value.StartsWith("@Microsoft.KeyVault(", StringComparison.Ordinal) || !value.Contains($"SecretName={secret})", StringComparison.Ordinal))
                    errors.Add($"key '{id}' must be the Key Vault reference to secret {secret}, not {value}");
            }
        }

        return errors;
    }

    // ---- Blobs: restore and retention -------------------------------------------------------------------------------

    /// <summary>A deleted or overwritten blob can be restored: soft delete for blobs and containers, and versioning.</summary>
    public static IReadOnlyList<string> Recoverability(JsonObject snapshot)
    {
        var errors = new List<string>();
        var services = Of(snapshot, "Microsoft.Storage/storageAccounts/blobServices");
        if (services.Count == 0)
            errors.Add("no blob service settings: soft delete and versioning are off");
        foreach (var service in services)
        {
            var p = service["properties"];
            if (!IsLiteral(p?["isVersioningEnabled"], true))
                errors.Add("blob versioning must be on");
            foreach (var policy in new[] { "deleteRetentionPolicy", "containerDeleteRetentionPolicy" })
            {
                if (!IsLiteral(p?[policy]?["enabled"], true) || (p?[policy]?["days"]?.GetValue<int>() ?? 0) < 1)
                    errors.Add($"{policy} must be on for at least a day");
            }
        }

        return errors;
    }

    /// <summary>
    /// One lifecycle rule per container with a retention (<see cref="StorageClients"/>: raw mail, outbox copies), nothing
    /// under letters/; quarantined mail goes sooner than raw mail by the app's daily retention run
    /// (Retention__QuarantinedMailDays), with the raw-mail rule as its backstop.
    /// </summary>
    public static IReadOnlyList<string> Lifecycle(JsonObject snapshot)
    {
        var errors = new List<string>();
        var rules = Of(snapshot, "Microsoft.Storage/storageAccounts/managementPolicies")
            .SelectMany(p => p["properties"]?["policy"]?["rules"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var inbound = StorageClients.InboundContainer + "/";
        var outbox = StorageClients.OutboxContainer + "/";

        foreach (var rule in rules)
        {
            var filters = rule["definition"]?["filters"];
            var prefixes = (filters?["prefixMatch"] as JsonArray ?? []).Select(x => Text(x)).ToList();
            if (prefixes.Count == 0 || prefixes.Any(p => p.StartsWith(StorageClients.LettersContainer, StringComparison.Ordinal) || p.Length < 2))
                errors.Add($"lifecycle rule {Text(rule["name"])} reaches the letters (or every container): the final letter is never deleted");
        }

        // A rule for a whole container: no index-tag filter, which would leave the blobs without the tag undeleted.
        (JsonObject Rule, int Days)? Find(string prefix)
        {
            var rule = rules.FirstOrDefault(r =>
                IsLiteral(r["enabled"], true)
                && (r["definition"]?["filters"]?["prefixMatch"] as JsonArray ?? []).Any(x => Text(x) == prefix)
                && r["definition"]?["filters"]?["blobIndexMatch"] is null);
            var days = rule?["definition"]?["actions"]?["baseBlob"]?["delete"]?["daysAfterCreationGreaterThan"];
            return rule is null || days is not JsonValue ? null : (rule, days.GetValue<int>());
        }

        var raw = Find(inbound);
        var copies = Find(outbox);
        if (raw is null)
            errors.Add($"no enabled rule deletes raw mail under {inbound}");
        if (copies is null)
            errors.Add($"no enabled rule deletes outbox copies under {outbox}");
        foreach (var site in Of(snapshot, "Microsoft.Web/sites"))
        {
            var quarantine = int.TryParse(Setting(site, "Retention__QuarantinedMailDays"), out var q) ? q : (int?)null;
            if (quarantine is null)
                errors.Add("the app has no Retention__QuarantinedMailDays: quarantined mail would stay as long as raw mail");
            else if (raw is { } r && quarantine >= r.Days)
                errors.Add($"quarantined mail ({quarantine} days) must go before raw mail ({r.Days} days)");
        }

        // With versioning on, a lifecycle delete leaves a previous version: personal data is only gone once that goes too.
        foreach (var (kind, found) in new[] { ("raw mail", raw), ("outbox copies", copies) })
        {
            if (found is { } f && f.Rule["definition"]?["actions"]?["version"]?["delete"]?["daysAfterCreationGreaterThan"] is not JsonValue)
                errors.Add($"the {kind} rule must also delete previous versions");
        }

        return errors;
    }

    // ---- Alerts -------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Each alert: the rule's name ends with the key, and its query must contain every fragment (the telemetry names
    /// from <see cref="TelemetryNames"/>, so code and queries cannot drift apart).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> AlertQueries = new Dictionary<string, string[]>
    {
        ["round-failed"] =
        [
            "customEvents", $"name == \"{TelemetryNames.RoundFailed}\"", $"customDimensions[\"{TelemetryNames.Properties.RoundId}\"]",
            "traces", $"== \"{TelemetryNames.DurableTrackingCategory}\"", $"== \"{TelemetryNames.RoundOrchestratorFunction}\"",
            $"[\"prop__state\"]) == \"{TelemetryNames.DurableStateFailed}\"", "prop__instanceId",
        ],
        ["webhook-5xx"] = ["requests", $"name == \"{TelemetryNames.InboundWebhookFunction}\"", "toint(resultCode) >= 500"],
        ["inbound-stuck"] =
        [
            $"name == \"{TelemetryNames.InboundReceived}\"", $"name == \"{TelemetryNames.InboundSettled}\"",
            $"customDimensions[\"{TelemetryNames.Properties.MessageId}\"]", "join kind=leftanti", "let stuckAfter = ",
        ],
        ["mail-delayed"] = [$"name == \"{TelemetryNames.MailDelayed}\"", $"customDimensions[\"{TelemetryNames.Properties.DelayMinutes}\"]) > "],
        ["mail-bounced"] =
        [
            $"name == \"{TelemetryNames.MailBounced}\"", $"customDimensions[\"{TelemetryNames.Properties.Kind}\"]) != \"{nameof(MailKind.QuarantineNotice)}\"",
            $"customDimensions[\"{TelemetryNames.Properties.RoundId}\"]",
        ],
        ["retention-run"] =
        [
            $"name == \"{TelemetryNames.RetentionApplied}\"", $"customDimensions[\"{TelemetryNames.Properties.Failures}\"])", "where failures > 0",
            "let overdueAfter = 26h;", "lastRun < ago(overdueAfter)", "requests | summarize min(timestamp)", "upSince < ago(overdueAfter)",
        ],
    };

    public static IEnumerable<JsonObject> AlertRules(JsonObject snapshot) => Of(snapshot, "Microsoft.Insights/scheduledQueryRules");

    public static JsonObject? AlertRule(JsonObject snapshot, string key) =>
        AlertRules(snapshot).SingleOrDefault(r => Text(r["name"]).EndsWith("-" + key, StringComparison.Ordinal));

    public static string Query(JsonObject rule) => Text(rule["properties"]?["criteria"]?["allOf"]?[0]?["query"]);

    /// <summary>An action group mails an operator; every alert is enabled, runs on this deployment's Application Insights and uses the group.</summary>
    public static IReadOnlyList<string> Alerts(JsonObject snapshot)
    {
        var errors = new List<string>();
        var groups = Of(snapshot, "Microsoft.Insights/actionGroups")
            .Where(g => IsLiteral(g["properties"]?["enabled"], true)
                        && (g["properties"]?["emailReceivers"] as JsonArray ?? []).Any(e => Text(e?["emailAddress"]).Contains('@')))
            .Select(Id).ToList();
        if (groups.Count == 0)
            errors.Add("no enabled action group mails an operator");
        var components = Of(snapshot, "Microsoft.Insights/components").Select(Id).ToList();

        foreach (var (key, fragments) in AlertQueries)
        {
            var rule = AlertRule(snapshot, key);
            if (rule is null)
            {
                errors.Add($"no alert rule *-{key}");
                continue;
            }

            var p = rule["properties"];
            if (!IsLiteral(p?["enabled"], true))
                errors.Add($"alert {key} is disabled");
            if (!(p?["scopes"] as JsonArray ?? []).Any(s => components.Contains(Text(s))))
                errors.Add($"alert {key} must query this deployment's Application Insights");
            if (!(p?["actions"]?["actionGroups"] as JsonArray ?? []).Any(a => groups.Contains(Text(a))))
                errors.Add($"alert {key} notifies no operator");
            var query = Query(rule);
            foreach (var missing in fragments.Where(f => !query.Contains(f, StringComparison.Ordinal)))
                errors.Add($"alert {key}: query lacks {missing}");
        }

        // Its query tells a fresh deployment by requests older than 26 hours: a shorter window never sees those, and
        // the alert would never say a run is overdue.
        if (AlertRule(snapshot, "retention-run") is { } retention && Text(retention["properties"]?["windowSize"]) != "P2D")
            errors.Add("alert retention-run must look back two days (windowSize P2D), past its 26 hours");

        return errors;
    }
}
