using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// What an everyday-mail test runs on when the local outbox shows enough of the mail that goes out: the engine and
/// storage, the HTTP API over them, and a driver. <see cref="SendGridWebhookHosts"/> is the one for mail seen at SendGrid.
/// </summary>
public sealed record WebhookHosts(WorkflowHost Workflow, ApiHost Api, WebhookDriver Driver) : IAsyncDisposable
{
    /// <param name="settings">More settings for the workflow (the webhook's secret is set here).</param>
    /// <param name="api">More services for the API host, e.g. a recorder of operator events.</param>
    public static async Task<WebhookHosts> StartAsync(AzuriteFixture azurite, string secret,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? api = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Inbound:SharedSecret"] = secret };
        var workflow = await WorkflowHost.StartAsync(azurite, all);
        var apiHost = await ApiHost.StartAsync(workflow, api);
        return new WebhookHosts(workflow, apiHost, new WebhookDriver(workflow, apiHost, secret));
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Workflow.DisposeAsync();
    }
}
