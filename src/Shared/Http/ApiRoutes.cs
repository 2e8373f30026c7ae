using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace MigrationAgenda.Http;

/// <summary>The HTTP API on plain ASP.NET Core (Standalone, tests): the same routes and logic as the Functions app.</summary>
public static class ApiRoutes
{
    public const string CommandPattern = "{command:regex(^(extend|close|cancel|approve|reopen)$)}";

    public static IEndpointRouteBuilder MapMigrationAgendaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/rounds", (HttpRequest r, DurableTaskClient c, StartRoundEndpoint e) => e.HandleAsync(r, c, r.HttpContext.RequestAborted));
        api.MapGet("/rounds", (HttpRequest r, DurableTaskClient c, RoundQueryEndpoints e) => e.ListAsync(c, r.HttpContext.RequestAborted));
        api.MapGet("/rounds/{id}", (string id, HttpRequest r, DurableTaskClient c, RoundQueryEndpoints e) => e.GetAsync(id, c, r.HttpContext.RequestAborted));
        api.MapPost("/rounds/{id}/" + CommandPattern, (string id, string command, HttpRequest r, DurableTaskClient c, RoundCommandEndpoint e) =>
            e.HandleAsync(id, command, r, c, r.HttpContext.RequestAborted));
        api.MapPost("/rounds/{id}/contributions", (string id, HttpRequest r, DurableTaskClient c, ContributionEndpoints e) =>
            e.SubmitAsync(id, r, c, r.HttpContext.RequestAborted));
        api.MapGet("/rounds/{id}/contributions", (string id, HttpRequest r, ContributionEndpoints e) => e.ListAsync(id, r.HttpContext.RequestAborted));
        api.MapGet("/rounds/{id}/texts", (string id, HttpRequest r, RoundTextsEndpoint e) => e.GetAsync(id, r.HttpContext.RequestAborted));
        api.MapPut("/rounds/{id}/texts", (string id, HttpRequest r, DurableTaskClient c, RoundTextsEndpoint e) => e.PutAsync(id, r, c, r.HttpContext.RequestAborted));
        api.MapGet("/rounds/{id}/letter", (string id, HttpRequest r, LetterEndpoint e) => e.HandleAsync(id, r, r.HttpContext.RequestAborted));
        api.MapPost("/inbound/sendgrid", (HttpRequest r, DurableTaskClient c, InboundEndpoint e) => e.ReceiveAsync(r, c, r.HttpContext.RequestAborted));
        api.MapGet("/inbound/quarantine", (HttpRequest r, InboundEndpoint e) => e.ListQuarantineAsync(r.HttpContext.RequestAborted));
        api.MapPost("/inbound/quarantine/{id}/release", (string id, HttpRequest r, DurableTaskClient c, InboundEndpoint e) =>
            e.ReleaseAsync(id, r, c, r.HttpContext.RequestAborted));
        api.MapPost("/inbound/reprocess/{id}", (string id, HttpRequest r, DurableTaskClient c, InboundEndpoint e) =>
            e.ReprocessAsync(id, c, r.HttpContext.RequestAborted));
        return app;
    }

    /// <summary>The coordinator's page: / redirects to /app/, /app/{*path} serves the embedded files.</summary>
    public static IEndpointRouteBuilder MapCoordinatorPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (PageEndpoint e) => e.Root());
        app.MapGet("/app/{*path}", (string? path, HttpResponse r, PageEndpoint e) => e.Serve(path, r));
        return app;
    }
}
