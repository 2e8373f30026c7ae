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
/// The purge's Functions wrapper, called directly (the Functions host never runs here) in the app's own sign-in mode:
/// the coordinator reaches the endpoint (404 for a round that is not there), anyone else is 403, a cross-site post too.
/// </summary>
[Collection("Azurite")]
public sealed class PurgePersonalDataFunctionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private WorkflowHost _workflow = null!;

    public async Task InitializeAsync() => _workflow = await WorkflowHost.StartAsync(azurite);

    public async Task DisposeAsync() => await _workflow.DisposeAsync();

    private async Task<(int Status, string Detail)> RunAsync(string roundId, params (string, string)[] headers)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
            Response = { Body = new MemoryStream() },
        };
        context.Request.Method = "POST";
        context.Request.Host = new HostString("func-ima.azurewebsites.net");
        context.Request.Path = $"/api/rounds/{roundId}/purge-personal-data";
        foreach (var (name, value) in headers)
            context.Request.Headers[name] = value;
        var function = new PurgePersonalDataFunction(_workflow.Services.GetRequiredService<PurgePersonalDataEndpoint>());

        IActionResult result = await function.Run(context.Request, roundId, _workflow.Client);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        Assert.Equal("application/problem+json", context.Response.ContentType);
        return (context.Response.StatusCode, JsonDocument.Parse(context.Response.Body).RootElement.GetProperty("detail").GetString()!);
    }

    private static (string, string) Principal(params string[] roles) =>
        (CallerResolver.PrincipalHeader, ClientPrincipals.Encode("karin.de.vries@minjenv.example", "Karin de Vries", roles: roles));

    [Fact]
    public async Task The_coordinator_reaches_the_purge_and_an_unknown_round_is_404()
    {
        var (status, detail) = await RunAsync("bestaat-niet", Principal("Coordinator"));
        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Contains("bestaat-niet", detail);
    }

    [Fact]
    public async Task Without_the_coordinator_role_or_from_another_site_it_is_403()
    {
        var (reader, readerDetail) = await RunAsync("bestaat-niet", Principal());
        Assert.Equal(StatusCodes.Status403Forbidden, reader);
        Assert.Contains("persoonsgegevens", readerDetail);

        var (crossSite, crossDetail) = await RunAsync("bestaat-niet", Principal("Coordinator"), ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site"));
        Assert.Equal(StatusCodes.Status403Forbidden, crossSite);
        Assert.Contains("andere website", crossDetail);
    }
}
