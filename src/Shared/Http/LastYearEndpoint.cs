using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Intake;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// POST /api/rounds/{id}/notes/{noteId}/adopt <c>{}</c> or <c>{ "pillars": [5] }</c>: "neem de tekst van vorig jaar over"
/// (<see cref="LastYearAdoption"/>). 201 with the stored versions the first time, 200 with the same versions again;
/// 404, 409 or 400 (naming the field) when it cannot; 503 for a passing storage or engine fault.
/// </summary>
public sealed class LastYearEndpoint(LastYearAdoption adoption, CallerResolver callers, ILogger<LastYearEndpoint> logger)
{
    public async Task<IResult> AdoptAsync(string roundId, string noteId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (caller, denied) = callers.Coordinator(request, "de tekst van vorig jaar overnemen");
        if (denied is not null)
            return denied;
        var (body, error) = await JsonBody.ReadAsync<AdoptRequest>(request, cancellationToken);
        if (error is not null)
            return error;
        try
        {
            var result = await adoption.AdoptAsync(roundId, noteId, body!, caller!, client, cancellationToken);
            if (result.Refusal is { } refusal)
                return Problems.Refused(refusal);
            return Results.Json(new { adopted = true, duplicate = result.Duplicate, versions = result.Versions }, JsonDefaults.Options,
                statusCode: result.Duplicate ? StatusCodes.Status200OK : StatusCodes.Status201Created);
        }
        catch (Exception e) when (TransientFault.Is(e))
        {
            logger.LogWarning(e, "Transient fault while taking last year's text over");
            return Problems.Unavailable("Opslag of werkstroom is tijdelijk niet bereikbaar; probeer het later opnieuw.");
        }
    }
}
