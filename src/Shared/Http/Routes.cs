namespace MigrationAgenda.Http;

/// <summary>
/// The route templates of the API and the page, written once: the Functions app's [HttpTrigger(Route = …)] and the
/// ASP.NET Core Map calls (<see cref="ApiRoutes"/>, Standalone and tests) both use these. host.json's routePrefix is
/// empty, so every API route carries "api/" itself.
/// </summary>
public static class Routes
{
    public const string Rounds = "api/rounds";
    public const string Round = "api/rounds/{id}";
    /// <summary>One route for every coordinator command: the names of <see cref="MigrationAgenda.Rounds.RoundCommandKind"/> a caller may send.</summary>
    public const string RoundCommand = "api/rounds/{id}/{command:regex(^(extend|close|cancel|approve|reopen)$)}";
    /// <summary>Resume a failed round from its stored state (<see cref="RoundResumeEndpoint"/>).</summary>
    public const string RoundResume = "api/rounds/{id}/resume";
    public const string Contributions = "api/rounds/{id}/contributions";
    public const string Letter = "api/rounds/{id}/letter";
    public const string Texts = "api/rounds/{id}/texts";

    public const string SendGridInbound = "api/inbound/sendgrid";
    public const string Quarantine = "api/inbound/quarantine";
    public const string QuarantineRelease = "api/inbound/quarantine/{id}/release";
    public const string Reprocess = "api/inbound/reprocess/{id}";
    public const string Health = "api/healthz";

    /// <summary>The coordinator's page; the catch-all also matches /app itself.</summary>
    public const string Page = "app/{*path}";
    /// <summary>
    /// "/" as the Functions host routes it: an empty route would default to the function's name, so an optional,
    /// always-empty parameter matches the root only. ASP.NET Core maps "/" directly.
    /// </summary>
    public const string FunctionsPageRoot = "{root:regex(^$)?}";
}
