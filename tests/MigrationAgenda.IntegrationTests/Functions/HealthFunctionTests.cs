using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationAgenda.Functions.Http;
using MigrationAgenda.Http;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Functions;

/// <summary>
/// GET /api/healthz through the Functions wrapper, on a real Azurite and the real Durable Task engine: healthy, then
/// each part taken away for real (Azurite stopped, the task hub's gRPC endpoint closed or silent).
/// </summary>
[Collection("Azurite")]
public sealed class HealthFunctionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private WorkflowHost _workflow = null!;

    public async Task InitializeAsync() => _workflow = await WorkflowHost.StartAsync(azurite);

    public async Task DisposeAsync() => await _workflow.DisposeAsync();

    private static HealthEndpoint Endpoint(StorageClients storage, TimeSpan? timeout = null) =>
        new(storage, NullLogger<HealthEndpoint>.Instance) { Timeout = timeout ?? TimeSpan.FromSeconds(5) };

    private static async Task<(int Status, JsonElement Body, HttpResponse Response)> CallAsync(HealthEndpoint endpoint, DurableTaskClient client)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Method = "GET";
        context.Request.Path = "/api/healthz";
        context.Response.Body = new MemoryStream();

        var result = await new HealthFunction(endpoint).Check(context.Request, client);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));

        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, JsonDocument.Parse(context.Response.Body).RootElement.Clone(), context.Response);
    }

    private static string Check(JsonElement body, string part) => body.GetProperty("checks").GetProperty(part).GetString()!;

    [Fact]
    public async Task Healthy_app_answers_200_with_every_part_ok_and_nothing_cacheable()
    {
        var (status, body, response) = await CallAsync(Endpoint(_workflow.Storage), _workflow.Client);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(["blobs", "tables", "taskHub"], body.GetProperty("checks").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(body.GetProperty("checks").EnumerateObject(), p => Assert.Equal("ok", p.Value.GetString()));
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Equal("application/json", response.ContentType?.Split(';')[0]);
    }

    [Fact]
    public async Task Storage_stopped_answers_503_naming_tables_and_blobs_and_no_detail()
    {
        // Its own Azurite (in memory), so the shared one stays up for everyone else.
        var own = await AzuriteProcess.StartAsync(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), dataFolder: null);
        var running = true;
        try
        {
            var storage = StorageClients.Connect(StorageAccount.FromConnectionString(own.ConnectionString), fastFail: true);
            await storage.EnsureCreatedAsync();
            Assert.Equal(StatusCodes.Status200OK, (await CallAsync(Endpoint(storage), _workflow.Client)).Status);

            await own.DisposeAsync();
            running = false;
            var (status, body, _) = await CallAsync(Endpoint(storage), _workflow.Client);

            Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
            Assert.Equal("unhealthy", body.GetProperty("status").GetString());
            Assert.NotEqual("ok", Check(body, "tables"));
            Assert.NotEqual("ok", Check(body, "blobs"));
            Assert.Equal("ok", Check(body, "taskHub"));
            var text = body.GetRawText();
            Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
            Assert.DoesNotContain("devstoreaccount1", text, StringComparison.Ordinal);
        }
        finally
        {
            if (running)
                await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task Task_hub_unreachable_answers_503_naming_the_task_hub()
    {
        await using var client = GrpcClient($"http://127.0.0.1:{WorkflowHost.FreePort()}"); // nothing listens there

        var (status, body, _) = await CallAsync(Endpoint(_workflow.Storage), client);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("failed", Check(body, "taskHub"));
        Assert.Equal("ok", Check(body, "tables"));
        Assert.Equal("ok", Check(body, "blobs"));
    }

    [Fact]
    public async Task Task_hub_that_never_answers_times_out_within_the_limit()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections (the kernel does), never speaks HTTP/2
        await using var client = GrpcClient($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        var started = DateTimeOffset.UtcNow;

        var (status, body, _) = await CallAsync(Endpoint(_workflow.Storage, TimeSpan.FromMilliseconds(500)), client);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("timeout", Check(body, "taskHub"));
        Assert.Equal("ok", Check(body, "tables"));
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(10), "the health check waited on the silent task hub");
    }

    private static GrpcDurableTaskClient GrpcClient(string address) =>
        new("health-test", new GrpcDurableTaskClientOptions { Channel = GrpcChannel.ForAddress(address) }, NullLogger.Instance);
}
