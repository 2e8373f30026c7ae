using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// The body of every state-changing request of the coordinator's API (the SendGrid webhooks read their own). In order:
/// not sent by another website (<see cref="CrossSiteRequests"/>, 403); <c>Content-Type: application/json</c> exactly,
/// with at most a UTF-8 charset (415: a cross-site form or no-cors fetch can only send form, multipart and text types,
/// so demanding JSON keeps them out even where the browser sends no Origin); at most <see cref="MaxBytes"/>, however it is
/// sent (413, chunked bodies included); then JSON, where an empty body counts as <c>{}</c>. Malformed JSON gets a
/// message that says where it broke.
/// </summary>
public static class JsonBody
{
    public const long MaxBytes = 4 * 1024 * 1024;

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (CrossSiteRequests.Refusal(request) is { } refused)
            return (null, refused);
        if (UnsupportedType(request.ContentType) is { } unsupported)
            return (null, unsupported);

        if (await BoundedBody.ReadAsync(request, MaxBytes, cancellationToken) is not { } bytes)
            return (null, BoundedBody.TooLarge(MaxBytes));

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes.Length == 0 || IsWhiteSpace(bytes) ? "{}"u8 : bytes, JsonDefaults.Options);
            return value is null ? (null, Problems.BadRequest("De body is leeg (null); stuur een JSON-object, desnoods {}.")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (regel {line + 1}, positie {e.BytePositionInLine + 1})" : "";
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" bij '{e.Path}'";
            return (null, Problems.BadRequest($"De JSON is niet leesbaar{path}{where}. Controleer haakjes, komma's, aanhalingstekens en datums (ISO 8601)."));
        }
    }

    /// <summary>Null for <c>application/json</c> with no parameter but a UTF-8 charset; otherwise the 415 answer.</summary>
    public static IResult? UnsupportedType(string? contentType)
    {
        if (MediaTypeHeaderValue.TryParse(contentType, out var type)
            && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && type.Parameters.All(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)
                                        && HeaderUtilities.RemoveQuotes(p.Value).Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
            return null;
        var given = string.IsNullOrWhiteSpace(contentType) ? "geen Content-Type" : $"'{contentType}'";
        return Results.Problem(
            $"Stuur JSON met de header Content-Type: application/json (eventueel met charset=utf-8), niet {given}. Een opdracht zonder gegevens stuurt {{}} of een lege body met dat type.",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Verkeerd formaat");
    }

    private static bool IsWhiteSpace(byte[] bytes) => bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');
}
