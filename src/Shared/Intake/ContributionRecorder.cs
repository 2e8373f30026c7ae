using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>
/// Stores a submission and tells its round, once. Shared by the HTTP route and the mail webhook so that both
/// keep the same rule: one stored set of versions and one event per submission.
/// The submission is stored with its pending-event mark, so once it is stored nothing is lost: the round is told in
/// the background, together with the other replies to the round of that moment (<see cref="ContributionEventBatcher"/>),
/// and the mark is cleared once it is; a process that dies first leaves the mark to <see cref="PendingEventReconciler"/>.
/// So the answer waits for the store and the audit line, never for the engine.
/// </summary>
public sealed class ContributionRecorder(ContributionStore store, AuditLog audit, TimeProvider clock, InboundTiming timing, ContributionEventBatcher events,
    ILogger<ContributionRecorder> logger)
{
    // A duplicate finds the event not yet raised either because the first delivery is raising it right now, or
    // because that delivery died in between. Only after this long is it the latter, and the duplicate raises it.
    private static readonly TimeSpan EventGrace = TimeSpan.FromMinutes(1);

    public async Task<SubmissionResult> RecordAsync(DurableTaskClient client, Submission submission, CancellationToken cancellationToken)
    {
        var t = InboundTiming.Start();
        var result = await store.AddAsync(submission, cancellationToken);
        t = timing.Step("store", t);
        if (!result.Duplicate || (!result.EventRaised && clock.GetUtcNow() - result.StoredAt > EventGrace))
            _ = TellAsync(client, submission, result);
        if (!result.Duplicate)
            await audit.WriteAsync(submission.RoundId, submission.Sender, submission.SenderName, AuditActions.ContributionReceived,
                $"{submission.Ministry}: pijler {string.Join(", ", result.Versions.Select(v => $"{v.Pillar} (versie {v.Version})"))} via {submission.Source}.",
                clock.GetUtcNow(), cancellationToken);
        timing.Step("audit", t);
        return result;
    }

    /// <summary>
    /// Raises the event, then clears the submission's pending-event mark; on a fault the mark stays for the reconcile.
    /// Runs past the request that stored the submission, so it never takes the request's cancellation.
    /// </summary>
    private async Task TellAsync(DurableTaskClient client, Submission submission, SubmissionResult result)
    {
        try
        {
            await events.TellAsync(client, submission.RoundId, new ContributionReceived
            {
                Ministry = submission.Ministry,
                Pillars = result.Versions.Select(v => v.Pillar).Distinct().ToList(),
                ReceivedAt = result.StoredAt,
                Source = submission.Source,
                MessageId = submission.MessageId,
            }, CancellationToken.None);
            await store.MarkEventRaisedAsync(submission.RoundId, submission.SubmissionKey, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning("Round {Round}: a stored contribution was not told yet ({Error}); the pending-event reconcile tells it",
                submission.RoundId, e.GetType().Name);
        }
    }
}
