using Azure.Data.Tables;

namespace MigrationAgenda.Storage;

public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Detail);

/// <summary>The Audit table: who did what when, per round (PK round, RK inverted ticks so the newest reads first).</summary>
public sealed class AuditLog(StorageClients storage)
{
    private TableClient Table => storage.Table(StorageClients.AuditTable);

    public async Task WriteAsync(string roundId, string actor, string action, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // The suffix keeps two entries in the same tick apart.
        var rowKey = $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Guid.NewGuid():N}";
        var entity = new TableEntity(roundId, rowKey) { ["At"] = at, ["Actor"] = actor, ["Action"] = action, ["Detail"] = Truncate(detail) };
        await Table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>
    /// An entry that is the reflection of a record kept elsewhere (a message in the <see cref="MailLedger"/>): its key
    /// comes from that record's <paramref name="key"/> and time, so writing it again replaces it with itself. A retry
    /// writes it from the record without doing the recorded thing again.
    /// </summary>
    public async Task WriteOnceAsync(string roundId, string key, string actor, string action, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rowKey = $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{ContributionStore.Hash(key)[..32]}";
        var entity = new TableEntity(roundId, rowKey) { ["At"] = at, ["Actor"] = actor, ["Action"] = action, ["Detail"] = Truncate(detail) };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The round's entries, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string roundId, int max, CancellationToken cancellationToken)
    {
        var list = new List<AuditEntry>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == roundId, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            list.Add(new AuditEntry(e.GetDateTimeOffset("At") ?? default, e.GetString("Actor") ?? "", e.GetString("Action") ?? "", e.GetString("Detail") ?? ""));
            if (list.Count >= max)
                break;
        }
        return list;
    }

    // A table property holds 64 KiB; an audit line never needs that much.
    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000] + "…";
}
