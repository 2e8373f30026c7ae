using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Access;
using MigrationAgenda.Intake;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// The coordinator's two actions on a note, both answered alike: 201 with the stored versions the first time, 200 with
/// the same versions when done before; 404, 409 or 400 (naming the field) when it cannot; 503 for a passing storage or
/// engine fault.
/// <list type="bullet">
/// <item>POST /api/rounds/{id}/notes/{noteId}/count <c>{ "pillar": 5 }</c>: "tel mee als bijdrage voor pijler 5" (<see cref="NoteCount"/>).</item>
/// <item>POST /api/rounds/{id}/notes/{noteId}/adopt <c>{}</c> or <c>{ "pillars": [5] }</c>: "neem de tekst van vorig jaar over"
/// (<see cref="LastYearAdoption"/>).</item>
/// </list>
/// </summary>
public sealed class NoteEndpoint(NoteCount count, LastYearAdoption adoption, CallerResolver callers, ILogger<NoteEndpoint> logger)
{
    public Task<IResult> CountAsync(string roundId, string noteId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken) =>
        ActAsync<CountRequest>(request, "een notitie als bijdrage laten meetellen", "counted",
            (body, caller) => count.CountAsync(roundId, noteId, body, caller, client, cancellationToken), cancellationToken);

    public Task<IResult> AdoptAsync(string roundId, string noteId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken) =>
        ActAsync<AdoptRequest>(request, "de tekst van vorig jaar overnemen", "adopted",
            (body, caller) => adoption.AdoptAsync(roundId, noteId, body, caller, client, cancellationToken), cancellationToken);

    /// <param name="what">The action in Dutch, for the refusal of a caller who is no coordinator.</param>
    /// <param name="done">The answer's flag: <c>counted</c> or <c>adopted</c>.</param>
    private async Task<IResult> ActAsync<TBody>(HttpRequest request, string what, string done, Func<TBody, Caller, Task<CountResult>> act,
        CancellationToken cancellationToken) where TBody : class
    {
        var (caller, denied) = callers.Coordinator(request, what);
        if (denied is not null)
            return denied;
        var (body, error) = await JsonBody.ReadAsync<TBody>(request, cancellationToken);
        if (error is not null)
            return error;
        try
        {
            var result = await act(body!, caller!);
            if (result.Refusal is { } refusal)
                return Problems.Refused(refusal);
            return Results.Json(new Dictionary<string, object> { [done] = true, ["duplicate"] = result.Duplicate, ["versions"] = result.Versions },
                JsonDefaults.Options, statusCode: result.Duplicate ? StatusCodes.Status200OK : StatusCodes.Status201Created);
        }
        catch (Exception e) when (TransientFault.Is(e))
        {
            logger.LogWarning(e, "Transient fault during a note action ({Action})", done);
            return Problems.Unavailable("Opslag of werkstroom is tijdelijk niet bereikbaar; probeer het later opnieuw.");
        }
    }
}
