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
    /// <summary>Remove a finished round's addresses and mail bodies (<see cref="PurgePersonalDataEndpoint"/>).</summary>
    public const string PurgePersonalData = "api/rounds/{id}/purge-personal-data";
    public const string Contributions = "api/rounds/{id}/contributions";
    public const string Letter = "api/rounds/{id}/letter";
    public const string Texts = "api/rounds/{id}/texts";
    /// <summary>Every audit entry of a round (?format=csv|json), oldest first.</summary>
    public const string Audit = "api/rounds/{id}/audit";

    /// <summary>Who is calling: the signed-in user, their roles and the host's sign-in mode.</summary>
    public const string Me = "api/me";
    /// <summary>The report definitions a round can start from.</summary>
    public const string Definitions = "api/definitions";
    /// <summary>A definition's contacts list (GET), and per ministry PUT (create or, with If-Match, replace) and DELETE (with If-Match).</summary>
    public const string DefinitionContacts = "api/definitions/{name}/contacts";
    public const string MinistryContacts = "api/definitions/{name}/contacts/{ministry}";
    /// <summary>"Tel mee als bijdrage voor pijler N": count a note on the round as a ministry's text.</summary>
    public const string NoteCount = "api/rounds/{id}/notes/{noteId}/count";
    /// <summary>Start next year's round from this approved one.</summary>
    public const string NextRound = "api/rounds/{id}/next";
    /// <summary>"Neem de tekst van vorig jaar over": last year's text of the pillars a "geen wijzigingen" note names.</summary>
    public const string NoteAdopt = "api/rounds/{id}/notes/{noteId}/adopt";
    /// <summary>The rounds definitions start by themselves, and when (the overview's "volgende ronde start op …").</summary>
    public const string NextRounds = "api/next-rounds";

    public const string SendGridInbound = "api/inbound/sendgrid";
    public const string Quarantine = "api/inbound/quarantine";
    public const string QuarantineRelease = "api/inbound/quarantine/{id}/release";
    public const string Reprocess = "api/inbound/reprocess/{id}";
    public const string Health = "api/healthz";
    /// <summary>SendGrid's Event Webhook (bounces, drops, delays): signed by SendGrid, function key in Azure.</summary>
    public const string MailEvents = "api/mail/events";

    /// <summary>The coordinator's page; the catch-all also matches /app itself.</summary>
    public const string Page = "app/{*path}";
    /// <summary>
    /// "/" as the Functions host routes it: an empty route would default to the function's name, so an optional,
    /// always-empty parameter matches the root only. ASP.NET Core maps "/" directly.
    /// </summary>
    public const string FunctionsPageRoot = "{root:regex(^$)?}";
}
