using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Retention;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// POST /api/rounds/{id}/purge-personal-data: the coordinator removes a finished round's addresses and mail bodies now
/// instead of waiting for the retention period (<see cref="RoundDataPurge"/>). Only an approved or cancelled round whose
/// orchestration has ended: a round still going needs its contacts, a failed one may still be resumed. The letter
/// and an anonymised audit stay. Answers 200 with what was changed; running it again changes nothing more.
/// </summary>
public sealed class PurgePersonalDataEndpoint(RoundStore rounds, RoundStatusReader reader, CallerResolver callers, RoundDataPurge purge)
{
    public async Task<IResult> HandleAsync(string roundId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        // No body to read, so the cross-site check that JsonBody makes for every other command is made here.
        if (CrossSiteRequests.Refusal(request) is { } refused)
            return refused;
        var (caller, denied) = callers.Coordinator(request, "de persoonsgegevens van een ronde verwijderen");
        if (denied is not null)
            return denied;
        var round = await RoundState.LoadAsync(client, rounds, roundId, cancellationToken);
        if (!round.Exists)
            return Problems.NotFound($"Er is geen ronde '{roundId}'.");
        if (!RoundDataPurge.CanPurge(round))
            return Problems.Conflict(round.Phase == RoundPhase.Failed
                    ? $"Ronde '{roundId}' is vastgelopen en kan nog worden hervat; persoonsgegevens verwijderen kan pas als de ronde is goedgekeurd of geannuleerd."
                    : $"Ronde '{roundId}' is nog niet afgerond (fase {RoundPhase.Dutch(round.Phase).ToLowerInvariant()}); persoonsgegevens verwijderen kan pas als de ronde is goedgekeurd of geannuleerd.",
                await reader.ReadAsync(round, cancellationToken));

        var report = await purge.PurgeAsync(roundId, caller!.Actor, RoundDataPurge.TriggerRequest, client, cancellationToken);
        return Results.Json(report, JsonDefaults.Options);
    }
}
