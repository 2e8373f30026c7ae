using Azure;
using Azure.Data.Tables;

namespace MigrationAgenda.Storage;

/// <summary>What one ministry owes in a round and how far it has been chased.</summary>
public sealed record Assignment
{
    public required string RoundId { get; init; }
    public required string Ministry { get; init; }
    public required IReadOnlyList<int> Pillars { get; init; }
    public int RequestVersion { get; init; }
    public DateTimeOffset? RequestedAt { get; init; }
    public int Reminders { get; init; }
    public DateTimeOffset? LastReminderAt { get; init; }
    public int EscalationLevel { get; init; }
    public DateTimeOffset? LastEscalationAt { get; init; }
}

/// <summary>The Assignments table (PK round, RK ministry). Written only by the round's activities.</summary>
public sealed class AssignmentStore(StorageClients storage)
{
    private TableClient Table => storage.Table(StorageClients.AssignmentsTable);

    public async Task CreateAsync(string roundId, string ministry, IReadOnlyList<int> pillars, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(roundId, ministry) { ["Pillars"] = string.Join(',', pillars), ["RequestVersion"] = 0 };
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A retried activity: the row is there already.
        }
    }

    public Task RecordRequestAsync(string roundId, string ministry, int version, DateTimeOffset at, CancellationToken cancellationToken) =>
        MergeAsync(roundId, ministry, new() { ["RequestVersion"] = version, ["RequestedAt"] = at, ["EscalationLevel"] = 0 }, cancellationToken);

    public async Task RecordReminderAsync(string roundId, string ministry, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var current = await GetAsync(roundId, ministry, cancellationToken);
        await MergeAsync(roundId, ministry, new() { ["Reminders"] = (current?.Reminders ?? 0) + 1, ["LastReminderAt"] = at }, cancellationToken);
    }

    public Task RecordEscalationAsync(string roundId, string ministry, int level, DateTimeOffset at, CancellationToken cancellationToken) =>
        MergeAsync(roundId, ministry, new() { ["EscalationLevel"] = level, ["LastEscalationAt"] = at }, cancellationToken);

    public async Task<Assignment?> GetAsync(string roundId, string ministry, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(roundId, ministry, cancellationToken: cancellationToken);
        return response.HasValue ? ToAssignment(response.Value!) : null;
    }

    public async Task<IReadOnlyList<Assignment>> ListAsync(string roundId, CancellationToken cancellationToken)
    {
        var list = new List<Assignment>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == roundId, cancellationToken: cancellationToken))
            list.Add(ToAssignment(entity));
        return list;
    }

    private Task MergeAsync(string roundId, string ministry, Dictionary<string, object> values, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(new TableEntity(values) { PartitionKey = roundId, RowKey = ministry }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    private static Assignment ToAssignment(TableEntity e) => new()
    {
        RoundId = e.PartitionKey,
        Ministry = e.RowKey,
        Pillars = (e.GetString("Pillars") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(),
        RequestVersion = e.GetInt32("RequestVersion") ?? 0,
        RequestedAt = e.GetDateTimeOffset("RequestedAt"),
        Reminders = e.GetInt32("Reminders") ?? 0,
        LastReminderAt = e.GetDateTimeOffset("LastReminderAt"),
        EscalationLevel = e.GetInt32("EscalationLevel") ?? 0,
        LastEscalationAt = e.GetDateTimeOffset("LastEscalationAt"),
    };
}
