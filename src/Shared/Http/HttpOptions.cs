namespace MigrationAgenda.Http;

/// <summary>Configuration section "Http": what the API needs to know about how it is reached.</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>
    /// The origins the coordinator's page is served from (e.g. "https://func-ima-prod.azurewebsites.net"), comma
    /// separated. A state-changing request whose Origin header names one of these, or the host the request itself was
    /// sent to (X-Forwarded-Host, else Host), is this app's own; see <see cref="CrossSiteRequests"/>. Set it when a
    /// proxy in front rewrites the Host header without adding X-Forwarded-Host; the Bicep sets the app's own host name.
    /// </summary>
    public string? Origins { get; set; }

    public IReadOnlyList<string> OriginList =>
        (Origins ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
