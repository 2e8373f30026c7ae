using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Functions.Http;
using MigrationAgenda.Http;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Functions;

/// <summary>
/// The Functions host never runs here, so its wrappers are called directly: the same Shared body rules hold there
/// (cross-site refused, JSON only, 413 for a body without Content-Length over the limit, the Event Webhook's key).
/// </summary>
[Collection("Azurite")]
public sealed class FunctionsRequestRulesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private WorkflowHost _workflow = null!;

    public async Task InitializeAsync() => _workflow = await WorkflowHost.StartAsync(azurite);

    public async Task DisposeAsync() => await _workflow.DisposeAsync();

    private HttpContext Context(string path, string? contentType, Stream body, params (string, string)[] headers)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
            Response = { Body = new MemoryStream() },
        };
        context.Request.Method = "POST";
        context.Request.Host = new HostString("func-ima.azurewebsites.net");
        context.Request.Path = path;
        context.Request.ContentType = contentType;
        context.Request.Body = body;
        foreach (var (name, value) in headers)
            context.Request.Headers[name] = value;
        return context;
    }

    private static async Task<(int Status, string Detail)> ExecuteAsync(HttpContext context, IActionResult result)
    {
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        var json = JsonDocument.Parse(context.Response.Body).RootElement;
        Assert.Equal("application/problem+json", context.Response.ContentType);
        return (context.Response.StatusCode, json.GetProperty("detail").GetString()!);
    }

    [Fact]
    public async Task A_cross_site_form_cancelling_a_round_is_refused_by_the_command_function()
    {
        var context = Context("/api/rounds/any/cancel", "application/x-www-form-urlencoded", new MemoryStream(),
            ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site"),
            (CallerResolver.PrincipalHeader, ClientPrincipals.Encode("karin.de.vries@minjenv.example", "Karin de Vries", roles: "Coordinator")));
        var function = new RoundCommandFunction(_workflow.Services.GetRequiredService<RoundCommandEndpoint>());

        var (status, detail) = await ExecuteAsync(context, await function.Run(context.Request, "any", "cancel", _workflow.Client));

        Assert.Equal(StatusCodes.Status403Forbidden, status);
        Assert.Contains("andere website", detail);
    }

    [Fact]
    public async Task A_body_over_the_limit_without_a_content_length_is_413_in_the_start_function()
    {
        var big = new MemoryStream(Encoding.UTF8.GetBytes("{\"roundId\":\"" + new string('x', (int)JsonBody.MaxBytes) + "\"}"));
        var context = Context("/api/rounds", "application/json", big,
            (CallerResolver.PrincipalHeader, ClientPrincipals.Encode("karin.de.vries@minjenv.example", "Karin de Vries", roles: "Coordinator")));
        Assert.Null(context.Request.ContentLength);
        var function = new RoundsFunctions(_workflow.Services.GetRequiredService<StartRoundEndpoint>(), _workflow.Services.GetRequiredService<RoundQueryEndpoints>());

        var (status, _) = await ExecuteAsync(context, await function.Start(context.Request, _workflow.Client));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
    }

    [Fact]
    public async Task The_event_webhook_function_without_its_key_asks_SendGrid_to_retry()
    {
        var context = Context("/api/mail/events", "application/json", new MemoryStream("[]"u8.ToArray()));
        var function = new MailEventsFunction(_workflow.Services.GetRequiredService<MailEventsEndpoint>());

        var (status, detail) = await ExecuteAsync(context, await function.Receive(context.Request, _workflow.Client));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Contains("Mail:EventWebhookPublicKey", detail);
    }
}
