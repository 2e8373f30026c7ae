using Microsoft.DurableTask.Client;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>
/// Stores a submission and tells its round, once. Shared by the HTTP route and the mail webhook so that both
/// keep the same rule: one stored set of versions and one ContributionReceived event per submission.
/// </summary>
public sealed class ContributionRecorder(ContributionStore store, AuditLog audit, TimeProvider clock, InboundTiming timing, ContributionEventBatcher events)
{
    // A duplicate finds the event not yet raised either because the first delivery is raising it right now, or
    // because that delivery died in between. Only after this long is it the latter, and the duplicate raises it.
    private static readonly TimeSpan EventGrace = TimeSpan.FromMinutes(1);

    public async Task<SubmissionResult> RecordAsync(DurableTaskClient client, Submission submission, CancellationToken cancellationToken)
    {
        var t = InboundTiming.Start();
        var result = await store.AddAsync(submission, cancellationToken);
        t = timing.Step("store", t);
        var tell = !result.Duplicate || (!result.EventRaised && clock.GetUtcNow() - result.StoredAt > EventGrace);
        // The audit line needs only the stored versions: it is written while the round is told.
        var audited = result.Duplicate
            ? Task.CompletedTask
            : audit.WriteAsync(submission.RoundId, submission.Sender, submission.SenderName, AuditActions.ContributionReceived,
                $"{submission.Ministry}: pijler {string.Join(", ", result.Versions.Select(v => $"{v.Pillar} (versie {v.Version})"))} via {submission.Source}.",
                clock.GetUtcNow(), cancellationToken);
        var told = tell ? TellAsync(client, submission, result, cancellationToken) : Task.CompletedTask;
        await Task.WhenAll(audited, told);
        timing.Step("event+audit", t);
        return result;
    }

    /// <summary>Raises the event, then clears the submission's pending-event mark (PendingEventReconciler raises what stays marked).</summary>
    private async Task TellAsync(DurableTaskClient client, Submission submission, SubmissionResult result, CancellationToken cancellationToken)
    {
        await events.TellAsync(client, submission.RoundId, new ContributionReceived
        {
            Ministry = submission.Ministry,
            Pillars = result.Versions.Select(v => v.Pillar).Distinct().ToList(),
            ReceivedAt = result.StoredAt,
            Source = submission.Source,
            MessageId = submission.MessageId,
        }, cancellationToken);
        await store.MarkEventRaisedAsync(submission.RoundId, submission.SubmissionKey, cancellationToken);
    }
}
