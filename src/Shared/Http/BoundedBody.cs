using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MigrationAgenda.Http;

/// <summary>
/// A request body read whole up to a limit, whether or not a Content-Length announced its size (chunked bodies too):
/// null when it is larger. The server's own limit is lowered to ours where that can still be done, so Kestrel stops
/// reading early, and Kestrel's own 413 (BadHttpRequestException) is the same null rather than a 500.
/// </summary>
public static class BoundedBody
{
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 1;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                    return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    /// <summary>The 413 answer, in the API's words.</summary>
    public static IResult TooLarge(long maxBytes) =>
        Results.Problem($"Het verzoek is groter dan {Math.Max(1, maxBytes / 1024 / 1024)} MB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Te groot");
}
