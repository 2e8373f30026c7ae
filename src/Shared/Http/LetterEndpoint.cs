using Microsoft.AspNetCore.Http;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>GET /api/rounds/{id}/letter?format=docx|html|md&amp;version=final|draft-n: the stored letter, with a Dutch file name.</summary>
public sealed class LetterEndpoint(RoundStore rounds, LetterStore letters, CallerResolver callers)
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["md"] = "text/markdown; charset=utf-8",
        ["html"] = "text/html; charset=utf-8",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    /// <summary>
    /// Sent with every format: no script, no external load of any kind; the HTML letter's own inline &lt;style&gt; and
    /// nothing else. Only the coordinator's page may frame it (its preview).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    public async Task<IResult> HandleAsync(string roundId, HttpRequest request, CancellationToken cancellationToken)
    {
        if (callers.Resolve(request).Error is { } denied)
            return denied;
        var format = request.Query["format"].FirstOrDefault()?.ToLowerInvariant() ?? "md";
        if (!ContentTypes.ContainsKey(format))
            return Problems.BadRequest($"Onbekend formaat '{format}'. Kies docx, html of md.");
        if (await rounds.GetAsync(roundId, cancellationToken) is null)
            return Problems.NotFound($"Er is geen ronde '{roundId}'.");

        var versions = await letters.ListVersionsAsync(roundId, cancellationToken);
        var version = request.Query["version"].FirstOrDefault();
        if (string.IsNullOrEmpty(version) || version == "latest")
        {
            // The final letter once there is one, else the newest draft.
            version = versions.Contains(LetterStore.Final) ? LetterStore.Final : versions.LastOrDefault();
            if (version is null)
                return Problems.NotFound($"Ronde '{roundId}' heeft nog geen brief: die wordt samengesteld zodra alle bijdragen binnen zijn of de sluitingsdatum voorbij is.");
        }
        if (!versions.Contains(version))
            return Problems.NotFound($"Ronde '{roundId}' heeft geen versie '{version}'. Beschikbaar: {string.Join(", ", versions)}.");

        var letter = await letters.OpenAsync(roundId, version, format, cancellationToken);
        if (letter is null)
            return Problems.NotFound($"Versie '{version}' van ronde '{roundId}' bestaat niet als {format}.");

        // A letter holds text from replies: whatever slipped through, the browser must never run or sniff it.
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        var name = version == LetterStore.Final ? $"Voortgangsbrief {roundId}.{format}" : $"Voortgangsbrief {roundId} concept {version["draft-".Length..]}.{format}";
        return Results.Stream(letter.Content, ContentTypes[format], fileDownloadName: format == "docx" ? name : null);
    }
}
