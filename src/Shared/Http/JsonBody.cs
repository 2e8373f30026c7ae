using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>Reads a JSON request body, turning malformed JSON into a message that says where it broke.</summary>
public static class JsonBody
{
    public const long MaxBytes = 4 * 1024 * 1024;

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (request.ContentLength > MaxBytes)
            return (null, Results.Problem($"Het verzoek is groter dan {MaxBytes / 1024 / 1024} MB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Te groot"));
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            return (null, Results.Problem($"Stuur JSON (Content-Type: application/json), niet '{type}'.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Verkeerd formaat"));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, JsonDefaults.Options, cancellationToken);
            return value is null ? (null, Problems.BadRequest("De body is leeg; stuur een JSON-object.")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (regel {line + 1}, positie {e.BytePositionInLine + 1})" : "";
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" bij '{e.Path}'";
            return (null, Problems.BadRequest($"De JSON is niet leesbaar{path}{where}. Controleer haakjes, komma's, aanhalingstekens en datums (ISO 8601)."));
        }
    }
}
