using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// POST /api/rounds/{id}/next <c>{ "roundId"?, "deadline"?, "reference"? }</c>: starts next year's round from this approved
/// one (<see cref="NextRoundStarter"/>). 202 with the new round's status; 404 for an unknown round; 409 with the
/// status of the round in the way (this one not approved, or next year's round exists); 400 per field as a start.
/// </summary>
public sealed class NextRoundEndpoint(NextRoundStarter starter, RoundStatusReader reader, CallerResolver callers, TimeProvider clock, ILogger<NextRoundEndpoint> logger)
{
    public async Task<IResult> HandleAsync(string roundId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (caller, denied) = callers.Coordinator(request, "de ronde van volgend jaar starten");
        if (denied is not null)
            return denied;
        var (body, error) = await JsonBody.ReadAsync<NextRoundRequest>(request, cancellationToken);
        if (error is not null)
            return error;
        try
        {
            var result = await starter.FromRoundAsync(client, roundId, body!, caller!.Actor, caller.DisplayName, clock.GetUtcNow(), cancellationToken);
            return result.Refusal switch
            {
                RoundStartRefusal.NotFound => Problems.NotFound(result.Message!),
                RoundStartRefusal.Invalid => Problems.Invalid(result.Errors),
                RoundStartRefusal.Conflict => Problems.Conflict(result.Message!,
                    result.ExistingRoundId is { } existing ? await reader.ReadAsync(client, existing, cancellationToken) : null),
                _ => Results.Json(RoundStatusReader.Planned(result.Plan!, nameof(OrchestrationRuntimeStatus.Pending)), JsonDefaults.Options,
                    statusCode: StatusCodes.Status202Accepted),
            };
        }
        catch (Exception e) when (TransientFault.Is(e))
        {
            logger.LogWarning(e, "Transient fault while starting the next round after {Round}", roundId);
            return Problems.Unavailable("Opslag of werkstroom is tijdelijk niet bereikbaar; probeer het later opnieuw.");
        }
    }
}
