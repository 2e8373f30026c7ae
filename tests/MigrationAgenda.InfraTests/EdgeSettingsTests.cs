using System.Text.Json.Nodes;
using MigrationAgenda.Http;
using static MigrationAgenda.InfraTests.ArmTemplate;

namespace MigrationAgenda.InfraTests;

/// <summary>
/// What the deployment gives the app's edge (issue 12): the Event Webhook's key from the vault and its route outside
/// sign-in, and the page's own origin for the API's cross-site check.
/// </summary>
public sealed class EdgeSettingsTests
{
    private static readonly JsonObject Prod = Load(InfraPaths.Snapshot("main.prod"));
    private static readonly JsonObject Template = Load(InfraPaths.MainTemplate);

    private static JsonObject Site => OfType(Prod, "Microsoft.Web/sites").Single().Resource;

    private static string Setting(string name) =>
        Text((Site["properties"]!["siteConfig"]!["appSettings"] as JsonArray)!.OfType<JsonObject>().Single(s => Text(s["name"]) == name)["value"]);

    [Fact]
    public void The_event_webhook_key_is_a_vault_reference_to_its_own_secret()
    {
        var value = Setting("Mail__EventWebhookPublicKey");
        Assert.StartsWith("@Microsoft.KeyVault(", value, StringComparison.Ordinal);
        Assert.Contains("SecretName=sendgrid-event-webhook-public-key", value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_origin_is_the_apps_own_https_host()
    {
        var name = Text(Site["name"]);
        Assert.Equal($"https://{name}.azurewebsites.net", Setting("Http__Origins"));
    }

    [Fact]
    public void The_approvers_mails_link_to_the_page_on_the_apps_own_https_host()
    {
        var name = Text(Site["name"]);
        Assert.Equal($"https://{name}.azurewebsites.net", Setting("Mail__PageBaseUrl"));
    }

    [Fact]
    public void The_event_webhook_route_is_let_through_sign_in_and_its_url_is_an_output_without_key()
    {
        var auth = OfType(Template, "Microsoft.Web/sites/config").Single(x => Text(x.Resource["name"]).Contains("authsettingsV2", StringComparison.Ordinal)).Resource;
        var excluded = auth["properties"]!["globalValidation"]!["excludedPaths"]!.AsArray().Select(x => Text(x)).ToList();
        Assert.Contains("/" + Routes.MailEvents, excluded);
        Assert.Contains("/" + Routes.SendGridInbound, excluded);
        Assert.Equal(2, excluded.Count);

        var url = Text(Template["outputs"]!["mailEventsWebhookUrl"]?["value"]);
        Assert.Contains("https://{0}/" + Routes.MailEvents, url, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", url, StringComparison.Ordinal);
    }
}
