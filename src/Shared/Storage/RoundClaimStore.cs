using Azure;
using Azure.Data.Tables;

namespace MigrationAgenda.Storage;

/// <summary>
/// A round id held for one spec: written (conditionally) before the round's orchestration is scheduled, so two starts
/// of the same id with different specs cannot both go through, whichever host, timer or coordinator they come from.
/// </summary>
/// <param name="Scheduled">Whether the claimer got as far as scheduling the orchestration.</param>
public sealed record RoundClaim(string RoundId, string SpecHash, string Definition, int Year, DateTimeOffset ClaimedAt, bool Scheduled = false);

/// <summary>
/// The RoundClaims table: one row per round id ever started (PK = round id, RK "claim"). Every write is conditional (a
/// create fails when the row exists, a takeover when its ETag moved); the definition and year are kept so "is there
/// already a round for ima 2028?" is answered for rounds whose orchestration has not stored them yet.
/// </summary>
public sealed class RoundClaimStore(StorageClients storage)
{
    private const string RowKey = "claim";

    private TableClient Table => storage.Table(StorageClients.RoundClaimsTable);

    /// <summary>Claims the id; false when it is claimed already (read that claim with <see cref="GetAsync"/>).</summary>
    public async Task<bool> TryAddAsync(RoundClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(ToEntity(claim), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<(RoundClaim Claim, ETag ETag)?> GetAsync(string roundId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(roundId, RowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e ? (FromEntity(e), e.ETag) : null;
    }

    /// <summary>Replaces a claim read at <paramref name="etag"/> (a claimer that died before scheduling); false when someone else changed it first.</summary>
    public async Task<bool> TakeOverAsync(RoundClaim claim, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpdateEntityAsync(ToEntity(claim), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    public Task MarkScheduledAsync(string roundId, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(new TableEntity(roundId, RowKey) { ["Scheduled"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Gives the id back after scheduling failed, unless another claim replaced this one meanwhile.</summary>
    public async Task ReleaseAsync(RoundClaim claim, CancellationToken cancellationToken)
    {
        if (await GetAsync(claim.RoundId, cancellationToken) is not { } current || current.Claim.SpecHash != claim.SpecHash || current.Claim.Scheduled)
            return;
        try
        {
            await Table.DeleteEntityAsync(claim.RoundId, RowKey, current.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Taken over or gone meanwhile: not ours to give back.
        }
    }

    /// <summary>Every claim for a definition's year (case-insensitive definition name).</summary>
    public async Task<IReadOnlyList<RoundClaim>> ListAsync(string definition, int year, CancellationToken cancellationToken)
    {
        var list = new List<RoundClaim>();
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Year eq {year}"), cancellationToken: cancellationToken))
            if (string.Equals(e.GetString("Definition"), definition, StringComparison.OrdinalIgnoreCase))
                list.Add(FromEntity(e));
        return list;
    }

    private static TableEntity ToEntity(RoundClaim c) => new(c.RoundId, RowKey)
    {
        ["SpecHash"] = c.SpecHash, ["Definition"] = c.Definition, ["Year"] = c.Year, ["ClaimedAt"] = c.ClaimedAt, ["Scheduled"] = c.Scheduled,
    };

    private static RoundClaim FromEntity(TableEntity e) => new(
        e.PartitionKey, e.GetString("SpecHash") ?? "", e.GetString("Definition") ?? "", e.GetInt32("Year") ?? 0,
        e.GetDateTimeOffset("ClaimedAt") ?? default, e.GetBoolean("Scheduled") ?? false);
}
