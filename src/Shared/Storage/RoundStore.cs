using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Storage;

/// <summary>A round as listed: its plan and where it stands.</summary>
public sealed record RoundRecord(RoundPlan Plan, string Phase, DateTimeOffset UpdatedAt);

/// <summary>The Rounds table: one row per round (PK = RK = round id), holding the plan as JSON.</summary>
public sealed class RoundStore(StorageClients storage)
{
    private TableClient Table => storage.Table(StorageClients.RoundsTable);

    /// <summary>Records the round once; a second save of the same round keeps the first (the orchestration replays it).</summary>
    public async Task SaveAsync(RoundPlan plan, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(plan.RoundId, plan.RoundId)
        {
            ["Plan"] = JsonSerializer.Serialize(plan, JsonDefaults.Options),
            ["Phase"] = RoundPhase.Starting,
            ["Year"] = plan.Year,
            ["CreatedAt"] = plan.CreatedAt,
        };
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Already there: activities are retried and replayed, the first write stands.
        }
    }

    public async Task<RoundRecord?> GetAsync(string roundId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(roundId, roundId, cancellationToken: cancellationToken);
        return response.HasValue ? ToRecord(response.Value!) : null;
    }

    public async Task SetPhaseAsync(string roundId, string phase, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(roundId, roundId) { ["Phase"] = phase };
        await Table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Replaces the coordinator texts of a round (only while it is not approved; the caller checks).</summary>
    public async Task SetTextsAsync(string roundId, CoordinatorTexts texts, CancellationToken cancellationToken)
    {
        var current = await Table.GetEntityAsync<TableEntity>(roundId, roundId, cancellationToken: cancellationToken);
        var plan = JsonSerializer.Deserialize<RoundPlan>(current.Value.GetString("Plan"), JsonDefaults.Options)!;
        var entity = new TableEntity(roundId, roundId) { ["Plan"] = JsonSerializer.Serialize(plan with { Texts = texts }, JsonDefaults.Options) };
        // The ETag makes a concurrent edit fail rather than silently lose one of the two.
        await Table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Every round, newest first.</summary>
    public async Task<IReadOnlyList<RoundRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var rounds = new List<RoundRecord>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            rounds.Add(ToRecord(entity));
        return rounds.OrderByDescending(r => r.Plan.CreatedAt).ThenByDescending(r => r.Plan.RoundId, StringComparer.Ordinal).ToList();
    }

    private static RoundRecord ToRecord(TableEntity entity) => new(
        JsonSerializer.Deserialize<RoundPlan>(entity.GetString("Plan"), JsonDefaults.Options)!,
        entity.GetString("Phase") ?? RoundPhase.Starting,
        entity.Timestamp ?? DateTimeOffset.MinValue);
}
