using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static MigrationAgenda.InfraTests.ArmTemplate;

namespace MigrationAgenda.InfraTests;

/// <summary>
/// The security properties of the deployment, checked on compiled ARM JSON. Each check returns the
/// violations it found (empty = compliant) so that tests can also feed it a deliberately broken copy.
/// Properties must be literals: a value that is an expression could be switched off by a parameter.
/// </summary>
internal static partial class SecurityPolicy
{
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a65-a2efb3ecd0b7";

    /// <summary>The only roles the app identity gets, and on which resource type each is scoped.</summary>
    public static readonly IReadOnlyDictionary<string, string> AllowedRoles = new Dictionary<string, string>
    {
        [StorageBlobDataOwner] = "Microsoft.Storage/storageAccounts",
        [StorageQueueDataContributor] = "Microsoft.Storage/storageAccounts",
        [StorageTableDataContributor] = "Microsoft.Storage/storageAccounts",
        // Needed to resolve the Key Vault references, scoped to the app's own vault.
        [KeyVaultSecretsUser] = "Microsoft.KeyVault/vaults",
        // Needed to send telemetry once App Insights local auth is off, scoped to the component.
        [MonitoringMetricsPublisher] = "Microsoft.Insights/components",
    };

    /// <summary>Every app setting the code reads (":" written as "__"), and nothing else.</summary>
    public static readonly IReadOnlySet<string> ExpectedAppSettings = new HashSet<string>(StringComparer.Ordinal)
    {
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "Storage__AccountName",
        "Storage__ClientId",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "Mail__SendGridApiKey",
        "Mail__FromAddress",
        "Mail__FromName",
        "Mail__InboundDomain",
        "Tokens__SigningKey",
        "Tokens__KeyId",
        "Tokens__Lifetime",
        "Inbound__SharedSecret",
        "Inbound__MaxRequestBytes",
        "Inbound__SpamScoreThreshold",
        "Retention__InboundMailDays",
        "Retention__QuarantinedMailDays",
        "Retention__OutboxDays",
        "Retention__HistoryDaysAfterFinal",
        "Retention__PersonalDataDaysAfterFinal",
        "Mail__EventWebhookPublicKey",
        "Http__Origins",
        "Mail__PageBaseUrl",
        "Auth__Mode",
        "Auth__Coordinators",
        "Auth__Approvers",
        // Read by the Functions host, not the code: "/" is the coordinator's page, not the host's home page.
        "AzureWebJobsDisableHomepage",
    };

    public static readonly IReadOnlySet<string> KeyVaultReferencedSettings = new HashSet<string>(StringComparer.Ordinal)
    {
        "Mail__SendGridApiKey",
        "Tokens__SigningKey",
        "Inbound__SharedSecret",
        "Mail__EventWebhookPublicKey",
    };

    /// <summary>Retired reply-token keys, one setting per id (Tokens:PreviousKeys:&lt;id&gt;), each a Key Vault reference.</summary>
    public const string PreviousTokenKeyPrefix = "Tokens__PreviousKeys__";

    /// <summary>
    /// Every check that reads the compiled template. <see cref="AppSettings"/> is not among them: the settings are built
    /// with an expression (the key ring's entries), so it runs on `bicep snapshot` output (<see cref="DeploymentPolicy"/>).
    /// </summary>
    public static IReadOnlyList<string> All(JsonObject root) =>
    [
        .. Storage(root), .. RoleAssignments(root), .. KeyVault(root),
        .. Outputs(root), .. Monitoring(root), .. FunctionApp(root), .. Authentication(root),
    ];

    public static IReadOnlyList<string> Storage(JsonObject root)
    {
        var errors = new List<string>();
        var accounts = OfType(root, "Microsoft.Storage/storageAccounts").Select(x => x.Resource).ToList();
        if (accounts.Count == 0)
        {
            errors.Add("no storage account in the template");
        }

        foreach (var account in accounts)
        {
            var p = account["properties"];
            var name = Text(account["name"]);
            if (!IsLiteral(p?["allowSharedKeyAccess"], false))
            {
                errors.Add($"storage {name}: allowSharedKeyAccess must be false");
            }

            if (LiteralString(p?["minimumTlsVersion"]) is not ("TLS1_2" or "TLS1_3"))
            {
                errors.Add($"storage {name}: minimumTlsVersion must be TLS1_2 or later");
            }

            if (!IsLiteral(p?["supportsHttpsTrafficOnly"], true))
            {
                errors.Add($"storage {name}: supportsHttpsTrafficOnly must be true");
            }

            if (!IsLiteral(p?["allowBlobPublicAccess"], false))
            {
                errors.Add($"storage {name}: allowBlobPublicAccess must be false");
            }
        }

        foreach (var (container, _) in OfType(root, "Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            if (container["properties"]?["publicAccess"] is { } access && LiteralString(access) != "None")
            {
                errors.Add($"container {Text(container["name"])}: publicAccess must be None");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> RoleAssignments(JsonObject root)
    {
        var errors = new List<string>();
        var seen = new List<string>();
        foreach (var (assignment, _) in OfType(root, "Microsoft.Authorization/roleAssignments"))
        {
            var roleId = Text(assignment["properties"]?["roleDefinitionId"]);
            var guids = GuidPattern().Matches(roleId).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();
            if (guids.Count != 1)
            {
                errors.Add($"role assignment with a role definition that is not one literal id: {roleId}");
                continue;
            }

            var role = guids[0];
            seen.Add(role);
            if (!AllowedRoles.TryGetValue(role, out var scopeType))
            {
                errors.Add($"role {role} is not one the app needs");
                continue;
            }

            var scope = Text(assignment["scope"]);
            if (!scope.Contains($"'{scopeType}'", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"role {role} must be scoped to a {scopeType} resource, not {scope}");
            }

            var principal = Text(assignment["properties"]?["principalId"]);
            if (!principal.Contains("parameters(", StringComparison.Ordinal))
            {
                errors.Add($"role {role}: principalId must come from the deployment (the app identity), not {principal}");
            }

            if (LiteralString(assignment["properties"]?["principalType"]) != "ServicePrincipal")
            {
                errors.Add($"role {role}: principalType must be ServicePrincipal");
            }
        }

        foreach (var role in AllowedRoles.Keys)
        {
            var count = seen.Count(r => r == role);
            if (count != 1)
            {
                errors.Add($"role {role} assigned {count} times, expected once");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> KeyVault(JsonObject root)
    {
        var errors = new List<string>();
        var vaults = OfType(root, "Microsoft.KeyVault/vaults").Select(x => x.Resource).ToList();
        if (vaults.Count == 0)
        {
            errors.Add("no Key Vault in the template");
        }

        foreach (var vault in vaults)
        {
            var p = vault["properties"];
            if (!IsLiteral(p?["enableRbacAuthorization"], true))
            {
                errors.Add($"vault {Text(vault["name"])}: enableRbacAuthorization must be true");
            }

            if (p?["accessPolicies"] is JsonArray { Count: > 0 })
            {
                errors.Add($"vault {Text(vault["name"])}: access policies bypass RBAC");
            }

            if (p?["enableSoftDelete"] is { } softDelete && !IsLiteral(softDelete, true))
            {
                errors.Add($"vault {Text(vault["name"])}: soft delete must stay on");
            }
        }

        foreach (var (secret, template) in OfType(root, "Microsoft.KeyVault/vaults/secrets"))
        {
            var value = Text(secret["properties"]?["value"]);
            var secure = SecureParameters(template);
            var reference = ParameterReference().Match(value);
            if (!reference.Success || value != $"[parameters('{reference.Groups[1].Value}')]" || !secure.Contains(reference.Groups[1].Value))
            {
                errors.Add($"secret {Text(secret["name"])}: value must come straight from a @secure() parameter, not {value}");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> AppSettings(JsonObject root)
    {
        var errors = new List<string>();
        var sites = FunctionSites(root).ToList();
        if (sites.Count == 0)
        {
            errors.Add("no function app in the template");
        }

        foreach (var (site, template) in sites)
        {
            var settings = (site["properties"]?["siteConfig"]?["appSettings"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(s => (Name: LiteralString(s["name"]) ?? Text(s["name"]), Value: s["value"]))
                .ToList();
            var names = settings.Select(s => s.Name).ToList();

            foreach (var duplicate in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            {
                errors.Add($"app setting {duplicate.Key} set more than once");
            }

            foreach (var missing in ExpectedAppSettings.Except(names))
            {
                errors.Add($"app setting {missing} missing");
            }

            foreach (var extra in names.Except(ExpectedAppSettings).Where(n => !n.StartsWith(PreviousTokenKeyPrefix, StringComparison.Ordinal)))
            {
                errors.Add($"app setting {extra} is not one the code reads (connection strings and keys are not allowed)");
            }

            var secure = SecureParameters(template);
            foreach (var (name, value) in settings)
            {
                var text = Text(value);
                if ((KeyVaultReferencedSettings.Contains(name) || name.StartsWith(PreviousTokenKeyPrefix, StringComparison.Ordinal))
                    && !(text.Contains("@Microsoft.KeyVault(", StringComparison.Ordinal)
                         && (text.Contains("SecretName=", StringComparison.Ordinal) || text.Contains("SecretUri=", StringComparison.Ordinal))))
                {
                    errors.Add($"app setting {name} must be a Key Vault reference, not {text}");
                }

                foreach (Match m in ParameterReference().Matches(text))
                {
                    if (secure.Contains(m.Groups[1].Value))
                    {
                        errors.Add($"app setting {name} carries the secure parameter {m.Groups[1].Value} in clear");
                    }
                }

                if (SecretMaterial().IsMatch(text))
                {
                    errors.Add($"app setting {name} carries key material: {text}");
                }
            }

            if (settings.FirstOrDefault(s => s.Name == "AzureWebJobsStorage__credential").Value is var credential
                && LiteralString(credential) != "managedidentity")
            {
                errors.Add("AzureWebJobsStorage__credential must be managedidentity");
            }

            if (!Text(settings.FirstOrDefault(s => s.Name == "APPLICATIONINSIGHTS_AUTHENTICATION_STRING").Value)
                    .Contains("Authorization=AAD", StringComparison.Ordinal))
            {
                errors.Add("APPLICATIONINSIGHTS_AUTHENTICATION_STRING must use Authorization=AAD");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> Outputs(JsonObject root)
    {
        var errors = new List<string>();
        foreach (var (name, output, template) in ArmTemplate.Outputs(root))
        {
            var type = output["type"]?.GetValue<string>() ?? "";
            if (type.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"output {name} is {type}: outputs must carry no secrets at all");
            }

            if (SecretName().IsMatch(name))
            {
                errors.Add($"output {name}: its name says it carries a secret or key");
            }

            var value = Text(output["value"]) + Text(output["copy"]);
            if (ListFunction().IsMatch(value))
            {
                errors.Add($"output {name} calls a list* function: {value}");
            }

            if (SecretMaterial().IsMatch(value) || value.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase)
                || value.Contains("secretUri", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"output {name} exposes a connection string, key or secret: {value}");
            }

            var secure = SecureParameters(template);
            foreach (Match m in ParameterReference().Matches(value))
            {
                if (secure.Contains(m.Groups[1].Value))
                {
                    errors.Add($"output {name} returns the secure parameter {m.Groups[1].Value}");
                }
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> Monitoring(JsonObject root)
    {
        var errors = new List<string>();
        var components = OfType(root, "Microsoft.Insights/components")
            .Select(x => x.Resource)
            .Where(r => Text(r["existing"]) != "true")
            .ToList();
        if (components.Count == 0)
        {
            errors.Add("no Application Insights component in the template");
        }

        foreach (var component in components)
        {
            if (!IsLiteral(component["properties"]?["DisableLocalAuth"], true))
            {
                errors.Add($"Application Insights {Text(component["name"])}: DisableLocalAuth must be true");
            }
        }

        var workspaces = OfType(root, "Microsoft.OperationalInsights/workspaces").Select(x => x.Resource).ToList();
        if (workspaces.Count == 0)
        {
            errors.Add("no Log Analytics workspace in the template");
        }

        foreach (var workspace in workspaces)
        {
            if (!IsLiteral(workspace["properties"]?["features"]?["disableLocalAuth"], true))
            {
                errors.Add($"Log Analytics {Text(workspace["name"])}: features.disableLocalAuth must be true");
            }
        }

        return errors;
    }

    public static IReadOnlyList<string> FunctionApp(JsonObject root)
    {
        var errors = new List<string>();
        var sites = OfType(root, "Microsoft.Web/sites").Select(x => x.Resource).ToList();
        if (sites.Count != 1)
        {
            errors.Add($"expected one Function App, found {sites.Count}");
        }

        foreach (var site in sites)
        {
            var p = site["properties"];
            var config = p?["functionAppConfig"];
            if (LiteralString(site["kind"]) != "functionapp,linux")
            {
                errors.Add($"site kind must be functionapp,linux, not {Text(site["kind"])}");
            }

            if (!IsLiteral(p?["httpsOnly"], true))
            {
                errors.Add("site httpsOnly must be true");
            }

            if (LiteralString(config?["runtime"]?["name"]) != "dotnet-isolated" || LiteralString(config?["runtime"]?["version"]) != "10.0")
            {
                errors.Add($"runtime must be dotnet-isolated 10.0, not {Text(config?["runtime"])}");
            }

            if (!(config?["scaleAndConcurrency"]?["alwaysReady"] as JsonArray ?? []).Any(a => LiteralString(a?["name"]) == "durable"))
            {
                errors.Add("no always-ready instances for the durable group");
            }

            if (LiteralString(config?["deployment"]?["storage"]?["authentication"]?["type"]) != "UserAssignedIdentity")
            {
                errors.Add("deployment storage must authenticate with the user-assigned identity");
            }

            if (LiteralString(site["identity"]?["type"]) != "UserAssigned")
            {
                errors.Add("site identity must be the user-assigned identity only");
            }

            if (p?["keyVaultReferenceIdentity"] is null)
            {
                errors.Add("keyVaultReferenceIdentity must name the user-assigned identity");
            }

            if (LiteralString(p?["siteConfig"]?["minTlsVersion"]) is not ("1.2" or "1.3"))
            {
                errors.Add("site minTlsVersion must be 1.2 or later");
            }

            if (LiteralString(p?["siteConfig"]?["ftpsState"]) != "Disabled")
            {
                errors.Add("FTP(S) must be disabled");
            }
        }

        var plans = OfType(root, "Microsoft.Web/serverfarms").Select(x => x.Resource).ToList();
        if (plans.Count != 1
            || LiteralString(plans[0]["sku"]?["name"]) != "FC1"
            || LiteralString(plans[0]["sku"]?["tier"]) != "FlexConsumption")
        {
            errors.Add($"expected one Flex Consumption (FC1) plan, found {string.Join(", ", plans.Select(p => Text(p["sku"])))}");
        }

        var policies = OfType(root, "Microsoft.Web/sites/basicPublishingCredentialsPolicies").Select(x => x.Resource).ToList();
        foreach (var policy in new[] { "scm", "ftp" })
        {
            var matching = policies
                .Where(r => Text(r["name"]).Contains($"'{policy}'", StringComparison.Ordinal) || Text(r["name"]).EndsWith($"/{policy}", StringComparison.Ordinal))
                .ToList();
            if (matching.Count == 0 || !matching.All(r => IsLiteral(r["properties"]?["allow"], false)))
            {
                errors.Add($"basic publishing credentials ({policy}) must be disabled");
            }
        }

        return errors;
    }

    /// <summary>Paths that may skip sign-in: only the SendGrid webhook, which has its own secret and function key.</summary>
    public static readonly IReadOnlySet<string> PathsWithoutSignIn = new HashSet<string>(StringComparer.Ordinal) { "/api/inbound/sendgrid", "/api/mail/events" };

    /// <summary>
    /// App Service Authentication with Microsoft Entra ID protects the coordinator's page (an anonymous function) and
    /// the API: sign-in required, unauthenticated browsers sent to the login page, nothing but the webhook excluded.
    /// </summary>
    public static IReadOnlyList<string> Authentication(JsonObject root)
    {
        var errors = new List<string>();
        var configs = OfType(root, "Microsoft.Web/sites/config")
            .Where(x => Text(x.Resource["name"]).Contains("authsettingsV2", StringComparison.Ordinal)).Select(x => x.Resource).ToList();
        if (configs.Count != 1)
        {
            errors.Add($"expected one authsettingsV2 (App Service Authentication) on the Function App, found {configs.Count}");
            return errors;
        }

        var p = configs[0]["properties"];
        if (!IsLiteral(p?["platform"]?["enabled"], true))
        {
            errors.Add("App Service Authentication must be enabled (platform.enabled)");
        }

        var global = p?["globalValidation"];
        if (!IsLiteral(global?["requireAuthentication"], true))
        {
            errors.Add("App Service Authentication must require authentication");
        }

        if (LiteralString(global?["unauthenticatedClientAction"]) != "RedirectToLoginPage")
        {
            errors.Add($"unauthenticated browsers must be redirected to the login page, not {Text(global?["unauthenticatedClientAction"])}");
        }

        foreach (var path in (global?["excludedPaths"] as JsonArray ?? []).Select(x => Text(x)).Where(x => !PathsWithoutSignIn.Contains(x)))
        {
            errors.Add($"{path} must not be excluded from sign-in");
        }

        var aad = p?["identityProviders"]?["azureActiveDirectory"];
        if (!IsLiteral(aad?["enabled"], true))
        {
            errors.Add("the Microsoft Entra ID provider must be enabled");
        }

        if (!Text(aad?["registration"]?["clientId"]).Contains("parameters('authClientId')", StringComparison.Ordinal))
        {
            errors.Add("the Entra client id must come from the authClientId parameter");
        }

        if (!Text(aad?["registration"]?["openIdIssuer"]).Contains("authTenantId", StringComparison.Ordinal))
        {
            errors.Add("the Entra issuer must name the authTenantId parameter's tenant");
        }

        return errors;
    }

    private static IEnumerable<(JsonObject Site, JsonObject Template)> FunctionSites(JsonObject root) =>
        OfType(root, "Microsoft.Web/sites")
            .Where(x => (LiteralString(x.Resource["kind"]) ?? Text(x.Resource["kind"])).Contains("functionapp", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"parameters\('([^']+)'\)")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"\blist[A-Za-z]*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();

    [GeneratedRegex(@"AccountKey=|SharedAccessSignature|InstrumentationKey=|\blist[A-Za-z]*\(", RegexOptions.IgnoreCase)]
    private static partial Regex SecretMaterial();

    [GeneratedRegex("secret|password|key|connectionstring|token|credential", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
