using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Http;

namespace MigrationAgenda.Functions.Telemetry;

/// <summary>
/// The Functions app's side of <see cref="RequestLogScope"/>: an HTTP function runs inside the round and message scopes
/// its request path names, so its lines reach Application Insights with <c>RoundId</c> / <c>MessageId</c> in
/// <c>customDimensions</c>. Other triggers pass through (activities open their own scope in <c>ActivityRunner</c>).
/// </summary>
public sealed class RequestLogScopeMiddleware(ILoggerFactory loggers) : IFunctionsWorkerMiddleware
{
    private readonly ILogger _logger = loggers.CreateLogger(RequestLogScope.Category);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var request = context.GetHttpContext()?.Request;
        using (request is null ? null : RequestLogScope.Begin(_logger, request.Path))
            await next(context);
    }
}
