using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds;

/// <summary>What <see cref="RoundLaunch.LaunchAsync"/> did.</summary>
public enum RoundLaunchOutcome
{
    /// <summary>This call claimed the id and scheduled the orchestration.</summary>
    Started,
    /// <summary>The same spec was (or is being) started by another call: nothing to do.</summary>
    AlreadyStarted,
    /// <summary>Another spec holds the id: this one is refused.</summary>
    Taken,
}

/// <summary>
/// The one way a round's orchestration is scheduled (a coordinator's start, "volgende ronde", the annual timer): claim
/// the round id for the plan's spec hash in <see cref="RoundClaimStore"/> first, then schedule. The claim is a
/// conditional create, so of two concurrent starts of one id exactly one schedules, and one with another spec is
/// refused; the engine is never asked to create an instance twice, which on the Azure Storage backend could replace
/// the first one's input. A claim whose claimer died between claiming and scheduling is taken over after
/// <see cref="StaleAfter"/>; a claim whose scheduling failed is given back at once.
/// </summary>
public sealed class RoundLaunch(RoundClaimStore claims, TimeProvider clock)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Whether a claim stands for a round: scheduled, or being scheduled by a claimer that may still be at it. One left
    /// unscheduled for longer than <see cref="StaleAfter"/> holds nothing; the next launch takes it over.
    /// </summary>
    public bool Holds(RoundClaim claim) => claim.Scheduled || clock.GetUtcNow() - claim.ClaimedAt < StaleAfter;

    public async Task<RoundLaunchOutcome> LaunchAsync(DurableTaskClient client, RoundPlan plan, CancellationToken cancellationToken)
    {
        var claim = new RoundClaim(plan.RoundId, plan.SpecHash, plan.Definition.Name, plan.Year, clock.GetUtcNow());
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await claims.TryAddAsync(claim, cancellationToken))
                return await ScheduleAsync(client, plan, claim, cancellationToken);
            if (await claims.GetAsync(plan.RoundId, cancellationToken) is not { } held)
                continue; // given back meanwhile: claim again
            var same = held.Claim.SpecHash == plan.SpecHash;
            var abandoned = !held.Claim.Scheduled && clock.GetUtcNow() - held.Claim.ClaimedAt >= StaleAfter
                && await client.GetInstanceAsync(plan.RoundId, getInputsAndOutputs: false, cancellationToken) is null;
            if (!abandoned)
                return same ? RoundLaunchOutcome.AlreadyStarted : RoundLaunchOutcome.Taken;
            if (await claims.TakeOverAsync(claim, held.ETag, cancellationToken))
                return await ScheduleAsync(client, plan, claim, cancellationToken);
        }
        return RoundLaunchOutcome.Taken;
    }

    private async Task<RoundLaunchOutcome> ScheduleAsync(DurableTaskClient client, RoundPlan plan, RoundClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(RoundOrchestrator), plan, new StartOrchestrationOptions(plan.RoundId), cancellationToken);
        }
        catch
        {
            // Nothing was started: a retry of the same or a corrected spec may claim the id again at once. When storage
            // is away too, the claim goes stale and is taken over after StaleAfter; the engine's fault is the one to report.
            try
            {
                await claims.ReleaseAsync(claim, CancellationToken.None);
            }
            catch (Exception e) when (TransientFault.Is(e))
            {
            }
            throw;
        }
        await claims.MarkScheduledAsync(plan.RoundId, cancellationToken);
        return RoundLaunchOutcome.Started;
    }
}
