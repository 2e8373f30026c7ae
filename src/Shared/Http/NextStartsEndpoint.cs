using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// GET /api/next-rounds: per report definition with an annual start, the next round it starts by itself and when
/// (<see cref="NextStartView"/>: the overview's "volgende ronde start op …"); empty when no definition has one.
/// </summary>
public sealed class NextStartsEndpoint(AnnualStarter annual, CallerResolver callers)
{
    public async Task<IResult> ListAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (callers.Resolve(request).Error is { } denied)
            return denied;
        return Results.Json(await annual.NextStartsAsync(client, cancellationToken), JsonDefaults.Options);
    }
}
