using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace MigrationAgenda.Http;

/// <summary>
/// The coordinator's page: static files embedded in this assembly (src/Shared/Page), served under /app/ with the
/// content type ASP.NET Core gives their extension and a strict Content-Security-Policy (no inline script, frames
/// only from this origin). Any path under /app/ without a file extension answers index.html, so
/// /app/rondes/ima-2027 can be bookmarked.
/// </summary>
public sealed class PageEndpoint
{
    public const string Prefix = "/app/";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-src 'self'; frame-ancestors 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

    // ASP.NET Core's own extension → media type table; text types are served as UTF-8, which the files are.
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private static readonly Assembly Assembly = typeof(PageEndpoint).Assembly;
    private static readonly FrozenDictionary<string, byte[]> Files = LoadFiles();

    private static FrozenDictionary<string, byte[]> LoadFiles()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in Assembly.GetManifestResourceNames().Where(n => n.StartsWith("page/", StringComparison.Ordinal)))
        {
            using var stream = Assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name["page/".Length..].Replace('\\', '/')] = copy.ToArray();
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The media type for a file name, with charset=utf-8 for text; unknown extensions are plain bytes.</summary>
    public static string ContentType(string path)
    {
        if (!ContentTypes.TryGetContentType(path, out var type))
            return "application/octet-stream";
        return type.StartsWith("text/", StringComparison.Ordinal) || type == "application/json" ? type + "; charset=utf-8" : type;
    }

    /// <summary>The embedded file names (for tests).</summary>
    public static IEnumerable<string> FileNames => Files.Keys;

    /// <summary>GET / : to the page.</summary>
    public IResult Root() => Results.Redirect(Prefix);

    /// <summary>GET /app/{*path} (the catch-all also matches /app itself, which goes to /app/ so relative links hold).</summary>
    public IResult Serve(string? path, HttpResponse response)
    {
        if (response.HttpContext.Request.Path.Value?.EndsWith('/') == false && string.IsNullOrEmpty(path))
            return Results.Redirect(Prefix);
        path = (path ?? "").Trim('/');
        var extension = Path.GetExtension(path);
        if (path.Length == 0 || extension.Length == 0)
            path = "index.html";
        if (path.Contains("..", StringComparison.Ordinal) || !Files.TryGetValue(path, out var bytes))
            return Problems.NotFound($"Er is geen bestand '{path}' op deze pagina.");

        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "SAMEORIGIN";
        // The page changes with each deployment and is small: always revalidate.
        headers.CacheControl = "no-cache";
        return Results.Bytes(bytes, ContentType(path));
    }
}
