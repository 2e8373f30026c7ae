using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace MigrationAgenda.Http;

/// <summary>The HTTP API on plain ASP.NET Core (Standalone, tests): the same <see cref="Routes"/> and logic as the Functions app.</summary>
public static class ApiRoutes
{
    public static IEndpointRouteBuilder MapMigrationAgendaApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Health, (HttpRequest r, DurableTaskClient c, HealthEndpoint e) => e.CheckAsync(c, r.HttpContext.RequestAborted));
        app.MapPost(Routes.Rounds, (HttpRequest r, DurableTaskClient c, StartRoundEndpoint e) => e.HandleAsync(r, c, r.HttpContext.RequestAborted));
        app.MapGet(Routes.Rounds, (HttpRequest r, DurableTaskClient c, RoundQueryEndpoints e) => e.ListAsync(r, c, r.HttpContext.RequestAborted));
        app.MapGet(Routes.Round, (string id, HttpRequest r, DurableTaskClient c, RoundQueryEndpoints e) => e.GetAsync(id, r, c, r.HttpContext.RequestAborted));
        app.MapPost(Routes.RoundCommand, (string id, string command, HttpRequest r, DurableTaskClient c, RoundCommandEndpoint e) =>
            e.HandleAsync(id, command, r, c, r.HttpContext.RequestAborted));
        app.MapPost(Routes.RoundResume, (string id, HttpRequest r, DurableTaskClient c, RoundResumeEndpoint e) =>
            e.HandleAsync(id, r, c, r.HttpContext.RequestAborted));
        app.MapPost(Routes.PurgePersonalData, (string id, HttpRequest r, DurableTaskClient c, PurgePersonalDataEndpoint e) =>
            e.HandleAsync(id, r, c, r.HttpContext.RequestAborted));
        app.MapPost(Routes.Contributions, (string id, HttpRequest r, DurableTaskClient c, ContributionEndpoints e) =>
            e.SubmitAsync(id, r, c, r.HttpContext.RequestAborted));
        app.MapGet(Routes.Contributions, (string id, HttpRequest r, ContributionEndpoints e) => e.ListAsync(id, r, r.HttpContext.RequestAborted));
        app.MapGet(Routes.Texts, (string id, HttpRequest r, RoundTextsEndpoint e) => e.GetAsync(id, r, r.HttpContext.RequestAborted));
        app.MapPut(Routes.Texts, (string id, HttpRequest r, DurableTaskClient c, RoundTextsEndpoint e) => e.PutAsync(id, r, c, r.HttpContext.RequestAborted));
        app.MapPost(Routes.NoteCount, (string id, string noteId, HttpRequest r, DurableTaskClient c, NoteEndpoint e) =>
            e.CountAsync(id, noteId, r, c, r.HttpContext.RequestAborted));
        app.MapGet(Routes.Letter, (string id, HttpRequest r, LetterEndpoint e) => e.HandleAsync(id, r, r.HttpContext.RequestAborted));
        app.MapGet(Routes.Audit, (string id, HttpRequest r, AuditExportEndpoint e) => e.HandleAsync(id, r, r.HttpContext.RequestAborted));
        app.MapGet(Routes.Me, (HttpRequest r, MeEndpoint e) => e.Get(r));
        app.MapGet(Routes.Definitions, (HttpRequest r, DefinitionsEndpoint e) => e.List(r));
        app.MapGet(Routes.DefinitionContacts, (string name, HttpRequest r, ContactsEndpoint e) => e.ListAsync(name, r, r.HttpContext.RequestAborted));
        app.MapPut(Routes.MinistryContacts, (string name, string ministry, HttpRequest r, ContactsEndpoint e) =>
            e.PutAsync(name, ministry, r, r.HttpContext.RequestAborted));
        app.MapDelete(Routes.MinistryContacts, (string name, string ministry, HttpRequest r, ContactsEndpoint e) =>
            e.DeleteAsync(name, ministry, r, r.HttpContext.RequestAborted));
        app.MapPost(Routes.SendGridInbound, (HttpRequest r, DurableTaskClient c, InboundEndpoint e) => e.ReceiveAsync(r, c, r.HttpContext.RequestAborted));
        app.MapGet(Routes.Quarantine, (HttpRequest r, InboundEndpoint e) => e.ListQuarantineAsync(r, r.HttpContext.RequestAborted));
        app.MapPost(Routes.QuarantineRelease, (string id, HttpRequest r, DurableTaskClient c, InboundEndpoint e) =>
            e.ReleaseAsync(id, r, c, r.HttpContext.RequestAborted));
        app.MapPost(Routes.Reprocess, (string id, HttpRequest r, DurableTaskClient c, InboundEndpoint e) =>
            e.ReprocessAsync(id, r, c, r.HttpContext.RequestAborted));
        app.MapPost(Routes.MailEvents, (HttpRequest r, DurableTaskClient c, MailEventsEndpoint e) => e.ReceiveAsync(r, c, r.HttpContext.RequestAborted));
        app.MapPost(Routes.NextRound, (string id, HttpRequest r, DurableTaskClient c, NextRoundEndpoint e) => e.HandleAsync(id, r, c, r.HttpContext.RequestAborted));
        app.MapPost(Routes.NoteAdopt, (string id, string noteId, HttpRequest r, DurableTaskClient c, NoteEndpoint e) =>
            e.AdoptAsync(id, noteId, r, c, r.HttpContext.RequestAborted));
        app.MapGet(Routes.NextRounds, (HttpRequest r, DurableTaskClient c, NextStartsEndpoint e) => e.ListAsync(r, c, r.HttpContext.RequestAborted));
        return app;
    }

    /// <summary>The coordinator's page: / redirects to /app/, /app/{*path} serves the embedded files.</summary>
    public static IEndpointRouteBuilder MapCoordinatorPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (PageEndpoint e) => e.Root());
        app.MapGet(Routes.Page, (string? path, HttpResponse r, PageEndpoint e) => e.Serve(path, r));
        return app;
    }
}
