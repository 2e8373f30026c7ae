using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// What an everyday-mail test runs on when it must see the mail that would leave the machine: the fake SendGrid, the
/// engine and storage with mail going through the real SendGrid client to it, the HTTP API over them, and a driver.
/// </summary>
public sealed record SendGridWebhookHosts(FakeSendGridServer SendGrid, WorkflowHost Workflow, ApiHost Api, WebhookDriver Driver) : IAsyncDisposable
{
    /// <param name="settings">More settings for the workflow (the webhook's secret and SendGrid's are set here).</param>
    /// <param name="api">More services for the API host, e.g. a recorder of operator events.</param>
    public static async Task<SendGridWebhookHosts> StartAsync(AzuriteFixture azurite, string secret,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? api = null)
    {
        var sendGrid = await FakeSendGridServer.StartAsync();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Inbound:SharedSecret"] = secret, ["Mail:SendGridApiKey"] = "SG.test-key", ["Mail:SendGridHost"] = sendGrid.BaseAddress.ToString(),
        };
        var workflow = await WorkflowHost.StartAsync(azurite, all);
        var apiHost = await ApiHost.StartAsync(workflow, api);
        return new SendGridWebhookHosts(sendGrid, workflow, apiHost, new WebhookDriver(workflow, apiHost, secret, sendGrid));
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Workflow.DisposeAsync();
        await SendGrid.DisposeAsync();
    }
}
