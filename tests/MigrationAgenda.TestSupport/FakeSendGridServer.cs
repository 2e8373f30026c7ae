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
/// <param name="AnsweredStatus">What it answered; <see cref="FakeSendGridServer.ClientGone"/> when the sender hung up on a held request.</param>
public sealed record ReceivedMail(string Body, string? Authorization, string? ContentType, int AnsweredStatus)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>Accepted: SendGrid would deliver it.</summary>
    public bool Delivered => AnsweredStatus is >= 200 and < 300;

    /// <summary>The message id our mailer puts in the custom args (null for a message sent without one).</summary>
    public string? MessageId => CustomArg("messageId");

    public string? Round => CustomArg("round");

    /// <summary>A custom arg: the client puts them in the personalization; SendGrid also takes them at the top level.</summary>
    public string? CustomArg(string name)
    {
        var json = Json;
        var args = json.TryGetProperty("personalizations", out var p) && p[0].TryGetProperty("custom_args", out var inner) ? inner
            : json.TryGetProperty("custom_args", out var top) ? top : default;
        return args.ValueKind == JsonValueKind.Object && args.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}

/// <summary>
/// Just enough of SendGrid's v3 mail API for the real SendGrid client: records what it posts and answers
/// 202 with an X-Message-Id, or a configured failure, so tests see the exact JSON that would leave the machine.
/// For fault tests it can answer a failure for a period (an outage) and hold requests unanswered (a send in flight
/// when its host dies: the request counts as delivered only if answered while the sender still listens).
/// </summary>
public sealed class FakeSendGridServer : IAsyncDisposable
{
    /// <summary>The status recorded for a held request whose sender went away before it was answered.</summary>
    public const int ClientGone = 499;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly Lock _gate = new();
    private int _failuresLeft;
    private int _failureStatus;
    private string _failureBody = "";
    private DateTimeOffset _failUntil;
    private int? _acceptBeforeHold;
    private TaskCompletionSource _released = NewRelease();
    private int _held;
    private int _counter;

    private FakeSendGridServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedMail> Received => _received.ToArray();

    /// <summary>The accepted messages per message id: more than one is a mail sent twice.</summary>
    public IReadOnlyDictionary<string, int> DeliveriesPerMessageId() =>
        Received.Where(m => m.Delivered && m.MessageId is not null).GroupBy(m => $"{m.Round}/{m.MessageId}").ToDictionary(g => g.Key, g => g.Count());

    /// <summary>How long each accepted call takes to answer (a slow provider, so a fault can land in the middle of a fan-out).</summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>Requests held unanswered right now.</summary>
    public int Held => Volatile.Read(ref _held);

    public static async Task<FakeSendGridServer> StartAsync()
    {
        // No settings file to watch: the default would watch every folder under the working directory.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
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

    /// <summary>Every call for <paramref name="period"/> from now answers <paramref name="status"/>: an outage of SendGrid.</summary>
    public void FailFor(TimeSpan period, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        lock (_gate)
        {
            _failUntil = DateTimeOffset.UtcNow + period;
            _failureStatus = (int)status;
            _failureBody = "{\"errors\":[{\"message\":\"service unavailable (outage requested by the test)\"}]}";
        }
    }

    /// <summary>Accepts <paramref name="accepted"/> more calls, then holds every further one unanswered until <see cref="Release"/>.</summary>
    public void HoldAfter(int accepted)
    {
        lock (_gate)
            _acceptBeforeHold = accepted;
    }

    /// <summary>Answers the held calls whose sender still listens (202) and stops holding.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _acceptBeforeHold = null;
            _released.TrySetResult();
            _released = NewRelease();
        }
    }

    private static TaskCompletionSource NewRelease() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        int status;
        string failureBody;
        Task? hold = null;
        lock (_gate)
        {
            if (_failuresLeft > 0 || DateTimeOffset.UtcNow < _failUntil)
            {
                if (_failuresLeft > 0)
                    _failuresLeft--;
                status = _failureStatus;
                failureBody = _failureBody;
            }
            else
            {
                status = StatusCodes.Status202Accepted;
                failureBody = "";
                if (_acceptBeforeHold is 0)
                    hold = _released.Task;
                else if (_acceptBeforeHold is { } left)
                    _acceptBeforeHold = left - 1;
            }
        }
        if (hold is not null)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await hold.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender died with the request in flight: SendGrid never answered it, so it never took it.
                _received.Enqueue(new ReceivedMail(body, context.Request.Headers.Authorization.ToString(), context.Request.ContentType, ClientGone));
                return;
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }
        if (status == StatusCodes.Status202Accepted && AnswerDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(AnswerDelay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                _received.Enqueue(new ReceivedMail(body, context.Request.Headers.Authorization.ToString(), context.Request.ContentType, ClientGone));
                return;
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
