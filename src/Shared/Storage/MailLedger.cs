using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace MigrationAgenda.Storage;

/// <summary>Where a message stands in the ledger.</summary>
public static class MailStates
{
    /// <summary>A send is under way (or died under way): the provider may or may not have the message.</summary>
    public const string Claimed = "claimed";
    /// <summary>The provider accepted it; <see cref="LedgerEntry.Receipt"/> says where it can be found.</summary>
    public const string Sent = "sent";
    /// <summary>The provider refused it for good (a bad address); it is never tried again.</summary>
    public const string Refused = "refused";
}

/// <summary>One message in the ledger (PK round, RK message id).</summary>
public sealed record LedgerEntry
{
    public required string RoundId { get; init; }
    public required string MessageId { get; init; }
    public required string State { get; init; }
    public required string Kind { get; init; }
    public string? Ministry { get; init; }
    /// <summary>SHA-256 (first 16 hex) of the recipients, lower case and sorted: ties a bounce to a message without an address.</summary>
    public required string RecipientHash { get; init; }
    public required DateTimeOffset ClaimedAt { get; init; }
    /// <summary>How often a send was started: 1, or more after a claim was taken over from a send that died.</summary>
    public int Claims { get; init; } = 1;
    public DateTimeOffset? SentAt { get; init; }
    public string? Channel { get; init; }
    public string? Receipt { get; init; }
    /// <summary>The audit line written from this record (the timeline's "Aan … : onderwerp"), kept so a retry writes the same one.</summary>
    public required string Detail { get; init; }
    public ETag ETag { get; init; }
}

/// <summary>What a claim found.</summary>
public enum ClaimOutcome
{
    /// <summary>This caller may send now: the row is new, or it took over a claim older than the claim timeout.</summary>
    Claimed,
    /// <summary>The message was sent (or refused) before: nothing to send.</summary>
    Done,
    /// <summary>Another send of the same message started less than the claim timeout ago: try again later.</summary>
    Busy,
}

public sealed record LedgerClaim(ClaimOutcome Outcome, LedgerEntry Entry);

/// <summary>
/// The Mail table: every outgoing message once, by its deterministic id (PK round, RK message id). A send claims its
/// row with a conditional create before it goes to the provider and records the provider's receipt right after, so
/// a retried activity, a replayed orchestration or a restarted host finds the row and does not send again. A claim
/// that is never followed by a record (the process died between claim and record) is taken over after the claim
/// timeout: the message is sent again (at-least-once; README, "One mail per message").
/// </summary>
public sealed class MailLedger(StorageClients storage)
{
    private TableClient Table => storage.Table(StorageClients.MailTable);

    public static string RecipientHashOf(IEnumerable<string> addresses) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', addresses.Select(a => a.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)))))[..16];

    public async Task<LedgerEntry?> GetAsync(string roundId, string messageId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(roundId, messageId, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>A round's messages, by message id.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> ListAsync(string roundId, CancellationToken cancellationToken)
    {
        var list = new List<LedgerEntry>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == roundId, cancellationToken: cancellationToken))
            list.Add(FromEntity(e));
        return list;
    }

    /// <summary>
    /// Claims the right to send <paramref name="wanted"/> (its state, times and receipt are set here): a conditional
    /// create; on a conflict, the row that is there decides (sent or refused: done; a fresh claim: busy; a claim older
    /// than <paramref name="claimTimeout"/>: taken over with its ETag, so of two that try at once one wins).
    /// </summary>
    public async Task<LedgerClaim> ClaimAsync(LedgerEntry wanted, DateTimeOffset now, TimeSpan claimTimeout, CancellationToken cancellationToken)
    {
        var claim = wanted with { State = MailStates.Claimed, ClaimedAt = now, Claims = 1, SentAt = null, Channel = null, Receipt = null };
        try
        {
            // Claims and records of mails that go out together share a transaction (TableGroupCommit).
            var created = await storage.GroupCommit.WriteAsync(Table, new TableTransactionAction(TableTransactionActionType.Add, ToEntity(claim)), cancellationToken);
            return new LedgerClaim(ClaimOutcome.Claimed, claim with { ETag = created.Headers.ETag ?? default });
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        var existing = await GetAsync(wanted.RoundId, wanted.MessageId, cancellationToken)
                       ?? throw new RequestFailedException(409, $"Mail ledger row {wanted.MessageId} vanished during a claim; try again.");
        if (existing.State != MailStates.Claimed)
            return new LedgerClaim(ClaimOutcome.Done, existing);
        if (now - existing.ClaimedAt < claimTimeout)
            return new LedgerClaim(ClaimOutcome.Busy, existing);

        var retaken = existing with { ClaimedAt = now, Claims = existing.Claims + 1, Detail = wanted.Detail };
        try
        {
            var updated = await Table.UpdateEntityAsync(ToEntity(retaken), existing.ETag, TableUpdateMode.Replace, cancellationToken);
            return new LedgerClaim(ClaimOutcome.Claimed, retaken with { ETag = updated.Headers.ETag ?? default });
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return new LedgerClaim(ClaimOutcome.Busy, existing);
        }
    }

    /// <summary>Records the provider's answer on a claimed row (sent with its receipt, or refused for good).</summary>
    public async Task<LedgerEntry> RecordAsync(LedgerEntry claimed, string state, DateTimeOffset at, string channel, string receipt, CancellationToken cancellationToken)
    {
        var done = claimed with { State = state, SentAt = at, Channel = channel, Receipt = receipt };
        // ETag.All: this process sent it, so the row says so, even if a slow record let another attempt take the claim.
        await storage.GroupCommit.WriteAsync(Table, new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(done)), cancellationToken);
        return done;
    }

    /// <summary>Gives a claim back after the provider said no (for now): the next attempt may send at once.</summary>
    public async Task ReleaseAsync(LedgerEntry claimed, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(claimed.RoundId, claimed.MessageId, claimed.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Taken over or gone: nothing of ours to give back.
        }
    }

    private static TableEntity ToEntity(LedgerEntry e) => new(e.RoundId, e.MessageId)
    {
        ["State"] = e.State,
        ["Kind"] = e.Kind,
        ["Ministry"] = e.Ministry,
        ["RecipientHash"] = e.RecipientHash,
        ["ClaimedAt"] = e.ClaimedAt,
        ["Claims"] = e.Claims,
        ["SentAt"] = e.SentAt,
        ["Channel"] = e.Channel,
        ["Receipt"] = e.Receipt,
        ["Detail"] = e.Detail.Length <= 4000 ? e.Detail : e.Detail[..4000] + "…",
    };

    private static LedgerEntry FromEntity(TableEntity e) => new()
    {
        RoundId = e.PartitionKey,
        MessageId = e.RowKey,
        State = e.GetString("State") ?? MailStates.Claimed,
        Kind = e.GetString("Kind") ?? "",
        Ministry = e.GetString("Ministry"),
        RecipientHash = e.GetString("RecipientHash") ?? "",
        ClaimedAt = e.GetDateTimeOffset("ClaimedAt") ?? default,
        Claims = e.GetInt32("Claims") ?? 1,
        SentAt = e.GetDateTimeOffset("SentAt"),
        Channel = e.GetString("Channel"),
        Receipt = e.GetString("Receipt"),
        Detail = e.GetString("Detail") ?? "",
        ETag = e.ETag,
    };
}
