using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace MigrationAgenda.Storage;

/// <summary>
/// Group commit for table writes. A write (one action, or a few that must go together) to a table partition that has
/// no write in flight goes out at once, alone, as it always did; writes to that partition that arrive while one is in
/// flight wait for it and then go out together, as one entity group transaction. Under load, sixteen replies at once
/// cost one request for their 'received' rows instead of sixteen; at rest nothing waits and nothing changes.
/// Each caller gets what it would have got alone: when a combined transaction fails (one write's 409 or 412 fails
/// them all, and a transient fault could be anyone's), every write in it is tried again on its own, so the conflict
/// or fault reaches exactly the callers it belongs to. A combined transaction never holds one row twice, nor more
/// than the service takes (100 actions, 4 MiB: kept well under, by an estimate of each entity's size).
/// </summary>
public sealed class TableGroupCommit
{
    private const int MaxActions = 100;
    // The service takes 4 MiB per transaction; the estimate counts every character as 3 bytes (UTF-8's worst case
    // in the BMP) and half of the limit is kept as a margin for the multipart framing.
    private const long MaxEstimatedBytes = 2L * 1024 * 1024;

    private readonly ConcurrentDictionary<(string Table, string Partition), Lane> _lanes = new();

    /// <summary>
    /// Writes <paramref name="actions"/> (one partition, all or nothing) and returns each action's response, in
    /// order. Throws what writing them alone would throw: <see cref="RequestFailedException"/> for a single action,
    /// <see cref="TableTransactionFailedException"/> for several. <paramref name="cancellationToken"/> stops only
    /// this caller's wait: the write serves others too and may still happen.
    /// </summary>
    public Task<IReadOnlyList<Response>> WriteAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
            throw new ArgumentException("A write holds at least one action.", nameof(actions));
        var partition = actions[0].Entity.PartitionKey;
        if (actions.Any(a => a.Entity.PartitionKey != partition))
            throw new ArgumentException("The actions of one write share a partition.", nameof(actions));
        var write = new PendingWrite(actions);
        var key = (table.Name, partition);
        while (true)
        {
            var lane = _lanes.GetOrAdd(key, _ => new Lane());
            bool start;
            lock (lane)
            {
                // A lane found idle and removed by its last drain takes no more writes: take a fresh one.
                if (lane.Retired)
                    continue;
                lane.Queue.Add(write);
                start = !lane.Running;
                lane.Running = true;
            }
            if (start)
                _ = Task.Run(() => DrainAsync(table, key, lane), CancellationToken.None);
            return write.Done.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>One action on its own.</summary>
    public async Task<Response> WriteAsync(TableClient table, TableTransactionAction action, CancellationToken cancellationToken) =>
        (await WriteAsync(table, [action], cancellationToken))[0];

    /// <summary>Partitions with a write in flight or waiting: an idle partition leaves nothing behind.</summary>
    public int LaneCount => _lanes.Count;

    private async Task DrainAsync(TableClient table, (string, string) key, Lane lane)
    {
        while (true)
        {
            List<PendingWrite> batch;
            lock (lane)
            {
                if (lane.Queue.Count == 0)
                {
                    lane.Running = false;
                    lane.Retired = true;
                    _lanes.TryRemove(new KeyValuePair<(string, string), Lane>(key, lane));
                    return;
                }
                batch = Take(lane.Queue);
            }
            if (batch.Count == 1)
                await WriteAloneAsync(table, batch[0]);
            else
                await WriteTogetherAsync(table, batch);
        }
    }

    /// <summary>The writes waiting longest that fit one transaction: no row twice, within the action and size bounds.</summary>
    private static List<PendingWrite> Take(List<PendingWrite> queue)
    {
        var batch = new List<PendingWrite>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        // Rows of a write left for later: a later write to one of them must not overtake it.
        var held = new HashSet<string>(StringComparer.Ordinal);
        var (actions, bytes) = (0, 0L);
        for (var i = 0; i < queue.Count; i++)
        {
            var write = queue[i];
            if (write.Actions.Any(a => held.Contains(a.Entity.RowKey))
                || (batch.Count > 0 && (actions + write.Actions.Count > MaxActions || bytes + write.EstimatedBytes > MaxEstimatedBytes
                                        || write.Actions.Any(a => rows.Contains(a.Entity.RowKey)))))
            {
                held.UnionWith(write.Actions.Select(a => a.Entity.RowKey));
                continue;
            }
            batch.Add(write);
            actions += write.Actions.Count;
            bytes += write.EstimatedBytes;
            rows.UnionWith(write.Actions.Select(a => a.Entity.RowKey));
            queue.RemoveAt(i--);
        }
        return batch;
    }

    private static async Task WriteTogetherAsync(TableClient table, List<PendingWrite> batch)
    {
        IReadOnlyList<Response> responses;
        try
        {
            responses = (await table.SubmitTransactionAsync(batch.SelectMany(w => w.Actions), CancellationToken.None)).Value;
        }
        catch (Exception)
        {
            // Whose write failed it, or whether a fault was anyone's, only the writes on their own can tell.
            await Task.WhenAll(batch.Select(w => WriteAloneAsync(table, w)));
            return;
        }
        var offset = 0;
        foreach (var write in batch)
        {
            write.Done.TrySetResult(responses.Skip(offset).Take(write.Actions.Count).ToList());
            offset += write.Actions.Count;
        }
    }

    private static async Task WriteAloneAsync(TableClient table, PendingWrite write)
    {
        try
        {
            write.Done.TrySetResult(write.Actions.Count == 1
                ? [await WriteOneAsync(table, write.Actions[0])]
                : (await table.SubmitTransactionAsync(write.Actions, CancellationToken.None)).Value);
        }
        catch (Exception e)
        {
            write.Done.TrySetException(e);
        }
    }

    private static Task<Response> WriteOneAsync(TableClient table, TableTransactionAction action)
    {
        var entity = action.Entity;
        // An update or delete without an ETag is unconditional, as it is in a transaction.
        var etag = action.ETag == default ? ETag.All : action.ETag;
        return action.ActionType switch
        {
            TableTransactionActionType.Add => table.AddEntityAsync(entity, CancellationToken.None),
            TableTransactionActionType.UpdateMerge => table.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge, CancellationToken.None),
            TableTransactionActionType.UpdateReplace => table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, CancellationToken.None),
            TableTransactionActionType.UpsertMerge => table.UpsertEntityAsync(entity, TableUpdateMode.Merge, CancellationToken.None),
            TableTransactionActionType.UpsertReplace => table.UpsertEntityAsync(entity, TableUpdateMode.Replace, CancellationToken.None),
            TableTransactionActionType.Delete => table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, etag, CancellationToken.None),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown table action."),
        };
    }

    private sealed class Lane
    {
        public readonly List<PendingWrite> Queue = [];
        public bool Running;
        public bool Retired;
    }

    private sealed class PendingWrite(IReadOnlyList<TableTransactionAction> actions)
    {
        public IReadOnlyList<TableTransactionAction> Actions { get; } = actions;
        public long EstimatedBytes { get; } = actions.Sum(a => Estimate(a.Entity));
        public TaskCompletionSource<IReadOnlyList<Response>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private static long Estimate(ITableEntity entity) =>
            1024 + 3L * (entity.PartitionKey.Length + entity.RowKey.Length) + (entity is TableEntity properties
                ? properties.Sum(p => 64 + 3L * p.Key.Length + p.Value switch { string s => 3L * s.Length, byte[] b => 2L * b.Length, _ => 32 })
                : 64 * 1024);
    }
}
