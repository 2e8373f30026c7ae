using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>
/// No stored reply goes uncounted: a submission is stored with a pending-event mark (ContributionStore) that is cleared
/// once its contribution is told to the round. A webhook or API call that died in between (kill -9, a lost engine)
/// leaves the mark; SendGrid's retry of that mail answers "duplicate" and stops. This pass, run at start-up and
/// periodically by both hosts, raises every mark older than the grace period for a round that takes contributions.
/// A failed round's marks wait for its resume (which counts from the store); a finished round takes nothing any more.
/// </summary>
public sealed class PendingEventReconciler(
    RoundStore rounds, ContributionStore contributions, IOptions<EventReconcileOptions> options, TimeProvider clock, ILogger<PendingEventReconciler> logger)
{
    /// <summary>One pass over the rounds still going; returns how many stored contributions it told their round.</summary>
    public async Task<int> RunOnceAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var raised = 0;
        foreach (var record in await rounds.ListAsync(cancellationToken))
        {
            if (RoundPhase.IsFinished(record.Phase))
                continue;
            var roundId = record.Plan.RoundId;
            var now = clock.GetUtcNow();
            var due = (await contributions.ListSubmissionsAsync(roundId, pendingOnly: true, cancellationToken))
                .Where(m => now - m.WrittenAt >= options.Value.Grace).ToList();
            if (due.Count == 0)
                continue;
            var round = RoundState.Of(roundId, record, await client.GetInstanceAsync(roundId, getInputsAndOutputs: true, cancellationToken));
            if (!round.IsOpen)
                continue;
            // One event per chunk of the round's markers, as the intake tells them; a mark is cleared only once its event is raised.
            foreach (var chunk in due.Chunk(ContributionEventBatcher.MaxItems))
            {
                await client.RaiseEventAsync(roundId, RoundEvents.ContributionsReceived, new ContributionsReceived
                {
                    Items = chunk.Select(marker => new ContributionReceived
                    {
                        Ministry = marker.Ministry,
                        Pillars = marker.Pillars,
                        ReceivedAt = marker.StoredAt,
                        Source = marker.Source,
                        MessageId = marker.MessageId,
                    }).ToList(),
                }, cancellationToken);
                // Side by side, so the clears go out as one transaction (TableGroupCommit).
                await Task.WhenAll(chunk.Select(marker => contributions.MarkEventRaisedAsync(marker, cancellationToken)));
                raised += chunk.Length;
            }
            logger.LogWarning("Round {Round}: raised {Count} contribution event(s) that a request stored but never delivered", roundId, due.Count);
        }
        return raised;
    }
}
