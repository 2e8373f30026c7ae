using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MigrationAgenda.Storage;
using static MigrationAgenda.InfraTests.ArmTemplate;

namespace MigrationAgenda.InfraTests;

/// <summary>The deployment as `bicep snapshot` predicts it for dev, prod and the test-only trial parameters.</summary>
public sealed class DeploymentTests
{
    private static readonly JsonObject Dev = Load(InfraPaths.Snapshot("main"));
    private static readonly JsonObject Prod = Load(InfraPaths.Snapshot("main.prod"));
    private static readonly JsonObject Trial = Load(InfraPaths.Snapshot("trial"));

    public static TheoryData<string, bool> Snapshots() => new()
    {
        { "main.prod", true },
        { "main", true },     // dev is private too unless ALLOW_PUBLIC_NETWORK_ACCESS=true
        { "trial", false },   // Params/trial.bicepparam: allowPublicNetworkAccess = true
    };

    [Theory]
    [MemberData(nameof(Snapshots))]
    public void Every_operations_check_passes(string parameterFile, bool isPrivate) =>
        Assert.Empty(DeploymentPolicy.All(Load(InfraPaths.Snapshot(parameterFile)), isPrivate));

    [Fact]
    public void Prod_and_dev_are_private_and_the_trial_switch_really_opens_up()
    {
        Assert.Empty(DeploymentPolicy.PrivateNetwork(Prod));
        Assert.Empty(DeploymentPolicy.PrivateNetwork(Dev));
        Assert.NotEmpty(DeploymentPolicy.PublicTrial(Prod));

        Assert.Empty(DeploymentPolicy.PublicTrial(Trial));
        Assert.NotEmpty(DeploymentPolicy.PrivateNetwork(Trial));
    }

    [Fact]
    public void The_alerts_carry_the_thresholds_of_the_parameters()
    {
        Assert.Equal(5, Threshold("webhook-5xx"));
        Assert.Equal("PT15M", Text(DeploymentPolicy.AlertRule(Prod, "webhook-5xx")!["properties"]!["windowSize"]));
        Assert.Contains("let stuckAfter = 30m;", DeploymentPolicy.Query(DeploymentPolicy.AlertRule(Prod, "inbound-stuck")!), StringComparison.Ordinal);
        Assert.Contains("[\"DelayMinutes\"]) > 60", DeploymentPolicy.Query(DeploymentPolicy.AlertRule(Prod, "mail-delayed")!), StringComparison.Ordinal);
        foreach (var key in DeploymentPolicy.AlertQueries.Keys.Where(k => k != "webhook-5xx"))
            Assert.Equal(0, Threshold(key)); // a single failed round, stuck message, delay, bounce or missed retention run is worth a mail

        var receivers = OfType(Prod, "Microsoft.Insights/actionGroups").Single().Resource["properties"]!["emailReceivers"]!.AsArray();
        Assert.Equal("operator@example.org", Text(Assert.Single(receivers)!["emailAddress"]));
    }

    [Fact]
    public void The_retention_alert_looks_two_days_back_every_hour_and_names_the_problem()
    {
        var p = DeploymentPolicy.AlertRule(Prod, "retention-run")!["properties"]!;
        Assert.Equal(("P2D", "PT1H", 2, true), (Text(p["windowSize"]), Text(p["evaluationFrequency"]), p["severity"]!.GetValue<int>(), p["autoMitigate"]!.GetValue<bool>()));
        Assert.Equal("problem", Text(Assert.Single(p["criteria"]!["allOf"]![0]!["dimensions"]!.AsArray())!["name"]));
    }

    /// <summary>
    /// Every alert rule is one the policy checks against the telemetry names, and its description sends the operator
    /// to a section of docs/operations.md that exists (GitHub's heading anchors), so a new alert comes with both.
    /// </summary>
    [Fact]
    public void Every_alert_is_checked_and_links_a_runbook_section_that_exists()
    {
        var anchors = Anchors(Path.Combine(InfraPaths.RepoRoot, "docs", "operations.md"));
        var rules = DeploymentPolicy.AlertRules(Prod).ToList();
        Assert.Equal(DeploymentPolicy.AlertQueries.Count, rules.Count);
        foreach (var rule in rules)
        {
            var name = Text(rule["name"]);
            Assert.Contains(DeploymentPolicy.AlertQueries.Keys, key => name.EndsWith("-" + key, StringComparison.Ordinal));
            var link = Regex.Match(Text(rule["properties"]!["description"]), @"docs/operations\.md#([a-z0-9-]+)");
            Assert.True(link.Success, $"{name}: its description links no section of docs/operations.md");
            Assert.True(anchors.Contains(link.Groups[1].Value), $"{name}: docs/operations.md has no section #{link.Groups[1].Value}");
        }
    }

    // GitHub's anchor for each heading: lower case, punctuation dropped, spaces as hyphens. A "#" in a code block (its
    // fence may open on a list item, "2. ```kusto") is a shell comment, not a heading.
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in File.ReadLines(markdown))
        {
            if (Regex.IsMatch(line, @"^\s*(\d+\.\s+|[-*]\s+)?```"))
                inCode = !inCode;
            else if (!inCode && Regex.Match(line, @"^#{1,6} (.+)$") is { Success: true } heading)
                anchors.Add(Regex.Replace(heading.Groups[1].Value.Trim().ToLowerInvariant(), @"[^\p{L}\p{N} _-]", "").Replace(' ', '-'));
        }
        return anchors;
    }

    private static int Threshold(string alert) =>
        DeploymentPolicy.AlertRule(Prod, alert)!["properties"]!["criteria"]!["allOf"]![0]!["threshold"]!.GetValue<int>();

    [Fact]
    public void Blobs_and_quarantined_mail_are_kept_as_long_as_the_parameters_say_and_previous_versions_as_long_as_soft_delete()
    {
        var rules = OfType(Prod, "Microsoft.Storage/storageAccounts/managementPolicies").Single().Resource["properties"]!["policy"]!["rules"]!
            .AsArray().ToDictionary(r => Text(r!["name"]), r => r!["definition"]!["actions"]!);
        Assert.Equal(730, rules["inboundMail"]["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<int>());
        Assert.Equal(180, rules["outboxCopies"]["baseBlob"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<int>());

        var softDelete = OfType(Prod, "Microsoft.Storage/storageAccounts/blobServices").Single().Resource["properties"]!["deleteRetentionPolicy"]!["days"]!.GetValue<int>();
        Assert.Equal(30, softDelete);
        Assert.Equal(softDelete, rules["inboundMail"]["version"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<int>());
        Assert.Equal(softDelete, rules["outboxCopies"]["version"]!["delete"]!["daysAfterCreationGreaterThan"]!.GetValue<int>());
        Assert.Equal([StorageClients.InboundContainer + "/", StorageClients.OutboxContainer + "/"],
            OfType(Prod, "Microsoft.Storage/storageAccounts/managementPolicies").Single().Resource["properties"]!["policy"]!["rules"]!.AsArray()
                .Select(r => Text(r!["definition"]!["filters"]!["prefixMatch"]![0])));

        // Quarantined mail goes sooner by the app's daily retention run, from the same parameter file.
        var (site, _) = OfType(Prod, "Microsoft.Web/sites").Single();
        Assert.Equal("90", site["properties"]!["siteConfig"]!["appSettings"]!.AsArray().Single(x => Text(x!["name"]) == "Retention__QuarantinedMailDays")!["value"]!.GetValue<string>());
    }

    [Fact]
    public void A_rotated_key_ring_signs_with_the_new_key_and_keeps_the_old_ones_as_vault_references()
    {
        var (site, _) = OfType(Trial, "Microsoft.Web/sites").Single();
        var settings = site["properties"]!["siteConfig"]!["appSettings"]!.AsArray().ToDictionary(s => Text(s!["name"]), s => Text(s!["value"]));

        Assert.Equal("c", settings["Tokens__KeyId"]);
        Assert.EndsWith("SecretName=token-signing-key-c)", settings["Tokens__SigningKey"], StringComparison.Ordinal);
        Assert.EndsWith("SecretName=token-signing-key)", settings["Tokens__PreviousKeys__a"], StringComparison.Ordinal);
        Assert.EndsWith("SecretName=token-signing-key-b)", settings["Tokens__PreviousKeys__b"], StringComparison.Ordinal);
        // A key passed at deployment is written under the current id's own secret, never over an older key.
        Assert.Contains(OfType(Trial, "Microsoft.KeyVault/vaults/secrets"), x => Text(x.Resource["name"]).EndsWith("/token-signing-key-c", StringComparison.Ordinal));

        var (prodSite, _) = OfType(Prod, "Microsoft.Web/sites").Single();
        var prod = prodSite["properties"]!["siteConfig"]!["appSettings"]!.AsArray().Select(s => Text(s!["name"])).ToList();
        Assert.Contains("Tokens__KeyId", prod);
        Assert.DoesNotContain(prod, n => n.StartsWith(SecurityPolicy.PreviousTokenKeyPrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Private_mode_tells_the_operator_the_outbound_address_for_sendgrid()
    {
        Assert.Contains("outboundIpAddress", Prod["outputs"]!.AsObject().Select(o => o.Key));
        Assert.Equal("", Text(Trial["outputs"]!["outboundIpAddress"]));
    }
}
