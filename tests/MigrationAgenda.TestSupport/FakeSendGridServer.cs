using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MigrationAgenda.TestSupport;

/// <summary>A request the fake server received on /v3/mail/send.</summary>
public sealed record ReceivedMail(string Body, string? Authorization, string? ContentType, int AnsweredStatus)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// Just enough of SendGrid's v3 mail API for the real SendGrid client: records what it posts and answers
/// 202 with an X-Message-Id, or a configured failure, so tests see the exact JSON that would leave the machine.
/// </summary>
public sealed class FakeSendGridServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly Lock _gate = new();
    private int _failuresLeft;
    private int _failureStatus;
    private string _failureBody = "";
    private int _counter;

    private FakeSendGridServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedMail> Received => _received.ToArray();

    public static async Task<FakeSendGridServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSendGridServer(app);
        app.MapPost("/v3/mail/send", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>The next <paramref name="count"/> calls answer <paramref name="status"/> with <paramref name="body"/>.</summary>
    public void FailNext(int count, HttpStatusCode status, string body = "{\"errors\":[{\"message\":\"failure requested by the test\"}]}")
    {
        lock (_gate)
        {
            _failuresLeft = count;
            _failureStatus = (int)status;
            _failureBody = body;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        int status;
        string failureBody;
        lock (_gate)
        {
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                status = _failureStatus;
                failureBody = _failureBody;
            }
            else
            {
                status = StatusCodes.Status202Accepted;
                failureBody = "";
            }
        }
        _received.Enqueue(new ReceivedMail(body, context.Request.Headers.Authorization.ToString(), context.Request.ContentType, status));
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status202Accepted)
        {
            context.Response.Headers["X-Message-Id"] = $"fake-{Interlocked.Increment(ref _counter)}";
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(failureBody);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
