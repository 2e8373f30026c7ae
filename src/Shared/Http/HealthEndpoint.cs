using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// GET /api/healthz (Functions; Standalone's /healthz): 200 <c>{"status":"ok",…}</c> when the app's tables and blobs
/// answer and the task hub can be queried, else 503 naming the part that failed. Each probe is one cheap call with a
/// short timeout, all three at once, so the platform's health check gets its answer in a few seconds at worst. The
/// answer names parts and outcomes only: no account names, messages or stack traces.
/// </summary>
public sealed class HealthEndpoint(StorageClients storage, ILogger<HealthEndpoint> log)
{
    /// <summary>The Functions route; the Bicep points the platform's health check (siteConfig.healthCheckPath) at "/" + this.</summary>
    public const string Route = Routes.Health;

    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string TimedOut = "timeout";

    /// <summary>How long each probe may take. App Service's health check waits a minute; an answer in seconds is kinder.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    public async Task<IResult> CheckAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var tables = ProbeAsync("tables", async ct =>
        {
            await foreach (var _ in storage.Table(StorageClients.RoundsTable)
                               .QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct).AsPages())
                break;
        }, cancellationToken);
        var blobs = ProbeAsync("blobs", ct => storage.Container(StorageClients.LettersContainer).GetPropertiesAsync(cancellationToken: ct), cancellationToken);
        var taskHub = ProbeAsync("taskHub", async ct =>
        {
            await foreach (var _ in client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }).AsPages(pageSizeHint: 1).WithCancellation(ct))
                break;
        }, cancellationToken);

        var checks = new Dictionary<string, string>
        {
            ["tables"] = await tables,
            ["blobs"] = await blobs,
            ["taskHub"] = await taskHub,
        };
        var healthy = checks.Values.All(v => v == Ok);
        var body = new HealthReport(healthy ? Ok : "unhealthy", checks, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new NoStore(Results.Json(body, JsonDefaults.Options, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable));
    }

    /// <summary>The answer: overall status, per part "ok", "failed" or "timeout", and how long the check took.</summary>
    public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks, long ElapsedMs);

    private async Task<string> ProbeAsync(string part, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var call = probe(timeout.Token);
        try
        {
            // WaitAsync: a client that ignores the token (a hung gRPC channel) still cannot hold the answer back.
            await call.WaitAsync(timeout.Token);
            return Ok;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _ = call.ContinueWith(static t => t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            if (timeout.IsCancellationRequested)
            {
                log.LogWarning("Health check: {Part} did not answer within {Timeout}", part, Timeout);
                return TimedOut;
            }
            // The exception's type and status say enough to start; its message may carry endpoints and is left out.
            log.LogWarning("Health check: {Part} failed with {Error} (status {Status})", part, e.GetType().Name, (e as RequestFailedException)?.Status);
            return Failed;
        }
    }

    // Health answers are never cached by a proxy: a stale "ok" is worse than none.
    private sealed class NoStore(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
