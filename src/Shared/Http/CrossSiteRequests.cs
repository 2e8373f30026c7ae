using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MigrationAgenda.Http;

/// <summary>
/// Refuses state-changing requests another website makes a signed-in coordinator's browser send (cross-site request
/// forgery): in Azure App Service Authentication signs the browser in with a cookie, which the browser also sends with
/// a form or a no-cors fetch from any other site. Two signals, both set by the browser and beyond a page's reach:
/// <list type="bullet">
/// <item><c>Sec-Fetch-Site</c>: only <c>same-origin</c> (the page itself) and <c>none</c> (typed by the user) pass;
/// <c>same-site</c> (a sibling subdomain) and <c>cross-site</c> are refused.</item>
/// <item><c>Origin</c>, when present: it must be this app's own origin, which is an entry of <c>Http:Origins</c> or the
/// host the request was sent to (X-Forwarded-Host from a proxy, else Host). A cross-site form or no-cors fetch cannot set
/// X-Forwarded-Host (it would need a CORS preflight, which this API never grants) and its Host is this app, so its
/// foreign Origin never matches. <c>Origin: null</c> (sandboxed frames, privacy redirects) is refused.</item>
/// </list>
/// Requests with neither header (curl, scripts, SendGrid) are not from a browser page and pass. The SendGrid webhooks
/// do not come here: they prove themselves with their own secret and signature.
/// </summary>
public static class CrossSiteRequests
{
    public static IResult? Refusal(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
            return Refused();

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsOwnOrigin(origin, request))
            return Refused();
        return null;
    }

    private static bool IsOwnOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return false;
        var configured = request.HttpContext.RequestServices?.GetService<IOptions<HttpOptions>>()?.Value.OriginList ?? [];
        foreach (var own in configured)
            if (Uri.TryCreate(own, UriKind.Absolute, out var o) && string.Equals(o.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
                return true;

        var forwarded = request.Headers["X-Forwarded-Host"].ToString().Split(',')[0].Trim();
        var host = forwarded.Length > 0 ? forwarded : request.Host.Value ?? "";
        return string.Equals(Authority(uri), WithoutDefaultPort(host, uri.Scheme), StringComparison.OrdinalIgnoreCase);
    }

    // Uri.Authority leaves out the scheme's default port, as browsers do in Origin.
    private static string Authority(Uri uri) => uri.Authority;

    private static string WithoutDefaultPort(string host, string scheme) =>
        scheme == "https" && host.EndsWith(":443", StringComparison.Ordinal) ? host[..^4]
        : scheme == "http" && host.EndsWith(":80", StringComparison.Ordinal) ? host[..^3]
        : host;

    private static IResult Refused() => Results.Problem(
        "Dit verzoek komt van een andere website en is daarom geweigerd. Gebruik de pagina van de Migratieagenda zelf, of een script zonder browser.",
        statusCode: StatusCodes.Status403Forbidden, title: "Niet toegestaan vanaf een andere website");
}
