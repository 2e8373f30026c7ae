using Azure.Data.Tables;
using MigrationAgenda.Access;

namespace MigrationAgenda.Storage;

/// <summary>One audit entry; <c>ActorName</c> is the display name of a signed-in actor (null for the system's own).</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Detail, string? ActorName = null);

/// <summary>The Audit table: who did what when, per round (PK round, RK inverted ticks so the newest reads first).</summary>
public sealed class AuditLog(StorageClients storage)
{
    /// <summary>Entries that belong to no round (a message reprocessed before any round knew it). Round ids never start with "_".</summary>
    public const string InboundPartition = "_inbound";

    /// <summary>Changes to a report definition's contacts list.</summary>
    public static string DefinitionPartition(string definition) => "_definition-" + ContactStore.Partition(definition);

    private TableClient Table => storage.Table(StorageClients.AuditTable);

    public Task WriteAsync(string roundId, string actor, string action, string detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(roundId, actor, null, action, detail, at, cancellationToken);

    /// <summary>An entry by a caller: its actor, and its display name for the timeline.</summary>
    public Task WriteAsync(string roundId, Caller caller, string action, string detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(roundId, caller.Actor, caller.DisplayName, action, detail, at, cancellationToken);

    public async Task WriteAsync(string roundId, string actor, string? actorName, string action, string detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // The suffix keeps two entries in the same tick apart.
        var rowKey = $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Guid.NewGuid():N}";
        var entity = new TableEntity(roundId, rowKey) { ["At"] = at, ["Actor"] = actor, ["Action"] = action, ["Detail"] = Truncate(detail) };
        if (!string.IsNullOrWhiteSpace(actorName) && actorName != actor)
            entity["ActorName"] = Truncate(actorName);
        // Lines of one round written at the same moment go in one transaction (TableGroupCommit).
        await storage.GroupCommit.WriteAsync(Table, new TableTransactionAction(TableTransactionActionType.Add, entity), cancellationToken);
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
        await storage.GroupCommit.WriteAsync(Table, new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity), cancellationToken);
    }

    /// <summary>The round's entries, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string roundId, int max, CancellationToken cancellationToken)
    {
        var list = new List<AuditEntry>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == roundId, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            list.Add(Read(e));
            if (list.Count >= max)
                break;
        }
        return list;
    }

    /// <summary>Every entry of the round, oldest first, page by page through the table (the export: nothing left out).</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAllAsync(string roundId, CancellationToken cancellationToken)
    {
        var list = new List<AuditEntry>();
        await foreach (var page in Table.QueryAsync<TableEntity>(e => e.PartitionKey == roundId, maxPerPage: 1000, cancellationToken: cancellationToken).AsPages())
            list.AddRange(page.Values.Select(Read));
        list.Reverse();
        return list;
    }

    private static AuditEntry Read(TableEntity e) =>
        new(e.GetDateTimeOffset("At") ?? default, e.GetString("Actor") ?? "", e.GetString("Action") ?? "", e.GetString("Detail") ?? "", e.GetString("ActorName"));

    // A table property holds 64 KiB; an audit line never needs that much.
    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000] + "…";
}
