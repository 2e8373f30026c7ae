using Microsoft.DurableTask.Client;
using MigrationAgenda.Access;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>A reprocessing: the pipeline's result, or why it was refused.</summary>
public sealed record ReprocessResult(InboundResult? Result, IntakeRefusal? Refusal = null)
{
    public static implicit operator ReprocessResult(IntakeRefusal refusal) => new(null, refusal);
}

/// <summary>
/// Runs the pipeline again on an archived message: after a fault left it half-way ('received'), or after the round
/// was fixed. Idempotent like the first run: a message already stored is a duplicate, not a second version.
/// </summary>
public sealed class InboundReprocessor(InboundStore inbound, InboundProcessor processor, AuditLog audit, TimeProvider clock)
{
    /// <summary>The same, asked for by a coordinator: recorded in the round's audit log (or, for a message no round claims, under <see cref="AuditLog.InboundPartition"/>).</summary>
    public async Task<ReprocessResult> ReprocessAsync(string id, Caller by, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var reprocessed = await ReprocessAsync(id, client, cancellationToken);
        if (reprocessed.Result is { } result)
            await audit.WriteAsync(result.RoundId ?? AuditLog.InboundPartition, by, AuditActions.MailReprocessed,
                $"{(result.Ministry is null ? "" : $"{result.Ministry}: ")}bericht {id[..Math.Min(12, id.Length)]} opnieuw verwerkt ({result.Outcome}).",
                clock.GetUtcNow(), cancellationToken);
        return reprocessed;
    }

    public async Task<ReprocessResult> ReprocessAsync(string id, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var record = await inbound.GetAsync(id, cancellationToken);
        if (record is null)
            return IntakeRefusal.NoMessage(id);
        if (record.Outcome == InboundOutcomes.Released)
            return IntakeRefusal.Conflict($"Bericht '{id}' is al vrijgegeven.");
        var archived = await inbound.ReadArchiveAsync(record.ArchiveBlob, cancellationToken);
        if (archived is null)
            return IntakeRefusal.NoArchive(id, record.ArchiveBlob);
        processor.Received(id);
        var result = await processor.ProcessAsync(archived.Value.Payload, id, archived.Value.ContentType, record.ArchiveBlob,
            record.ReceivedAt, client, cancellationToken);
        return new ReprocessResult(result);
    }
}
