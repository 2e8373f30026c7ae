using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Intake;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// POST /api/rounds/{id}/notes/{noteId}/count <c>{ "pillar": 5 }</c>: "tel mee als bijdrage voor pijler 5". 201 with
/// the stored versions the first time, 200 with the same versions when counted before; 404, 409 or 400 (naming the
/// field) when it cannot be counted; 503 for a passing storage or engine fault.
/// </summary>
public sealed class NoteEndpoint(NoteCount count, CallerResolver callers, ILogger<NoteEndpoint> logger)
{
    public async Task<IResult> CountAsync(string roundId, string noteId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (caller, denied) = callers.Coordinator(request, "een notitie als bijdrage laten meetellen");
        if (denied is not null)
            return denied;
        var (body, error) = await JsonBody.ReadAsync<CountRequest>(request, cancellationToken);
        if (error is not null)
            return error;
        try
        {
            var result = await count.CountAsync(roundId, noteId, body!, caller!, client, cancellationToken);
            if (result.Refusal is { } refusal)
                return Problems.Refused(refusal);
            return Results.Json(new { counted = true, duplicate = result.Duplicate, versions = result.Versions }, JsonDefaults.Options,
                statusCode: result.Duplicate ? StatusCodes.Status200OK : StatusCodes.Status201Created);
        }
        catch (Exception e) when (TransientFault.Is(e))
        {
            logger.LogWarning(e, "Transient fault while counting a note");
            return Problems.Unavailable("Opslag of werkstroom is tijdelijk niet bereikbaar; probeer het later opnieuw.");
        }
    }
}
