using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Http;

/// <summary>
/// The log scopes of an HTTP request, read from its path, so every line an endpoint writes carries the round or message
/// it acts on without each endpoint opening a scope itself: <c>api/rounds/{id}/…</c> (every route on a round, the
/// note count's <c>notes/{noteId}</c> also as the message) and the routes on one inbound message
/// (<c>api/inbound/quarantine/{id}/release</c>, <c>api/inbound/reprocess/{id}</c>). The same rule in both hosts:
/// Standalone's middleware (<see cref="UseRequestLogScopes"/>) and the Functions app's worker middleware.
/// </summary>
public static class RequestLogScope
{
    public const string Category = "MigrationAgenda.Http.Requests";

    /// <summary>The round and the inbound message a request path names (either may be null).</summary>
    public static (string? RoundId, string? MessageId) Parse(PathString path)
    {
        var segments = (path.Value ?? "").Trim('/').Split('/');
        if (segments.Length < 3 || !Is(segments[0], "api"))
            return (null, null);
        if (Is(segments[1], "rounds"))
        {
            var note = segments.Length >= 5 && Is(segments[3], "notes") ? Segment(segments[4]) : null;
            return (Segment(segments[2]), note);
        }
        if (Is(segments[1], "inbound"))
        {
            if (segments.Length >= 5 && Is(segments[2], "quarantine") && Is(segments[4], "release"))
                return (null, Segment(segments[3]));
            if (segments.Length == 4 && Is(segments[2], "reprocess"))
                return (null, Segment(segments[3]));
        }
        return (null, null);
    }

    /// <summary>Opens the scopes <paramref name="path"/> names; null when it names none.</summary>
    public static IDisposable? Begin(ILogger logger, PathString path)
    {
        var (roundId, messageId) = Parse(path);
        if (roundId is null && messageId is null)
            return null;
        return new Both(logger.BeginRoundScope(roundId), logger.BeginMessageScope(messageId));
    }

    /// <summary>A route whose round comes in its body (<c>POST /api/rounds</c>): the round's scope once the body is read.</summary>
    public static IDisposable? BeginRound(HttpRequest request, string? roundId) =>
        request.HttpContext.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger(Category).BeginRoundScope(roundId);

    /// <summary>ASP.NET Core (Standalone, tests): every request runs inside the scopes its path names.</summary>
    public static IApplicationBuilder UseRequestLogScopes(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            using (Begin(logger, context.Request.Path))
                await next(context);
        });
    }

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);

    private static string? Segment(string segment)
    {
        var value = Uri.UnescapeDataString(segment);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Two scopes closed in the reverse order they were opened.</summary>
    private sealed class Both(IDisposable? outer, IDisposable? inner) : IDisposable
    {
        public void Dispose()
        {
            inner?.Dispose();
            outer?.Dispose();
        }
    }
}
