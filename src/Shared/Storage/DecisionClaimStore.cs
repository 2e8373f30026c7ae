using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace MigrationAgenda.Storage;

/// <summary>
/// Which message decided a draft by mail: claimed before the decision goes to the round, so two replies to the same
/// draft ("Akkoord" from the phone and again from the desktop, or a reopen and then an "Akkoord") decide it once, and
/// the same message again (SendGrid's retry, a reprocess) finds its own claim and is not a second decision.
/// </summary>
public sealed record DecisionClaim
{
    public required string RoundId { get; init; }
    public required int Draft { get; init; }
    /// <summary>The inbound message's id (the payload's SHA-256).</summary>
    public required string MessageId { get; init; }
    /// <summary>A <c>RoundCommandKind</c> name: Approve or Reopen.</summary>
    public required string Decision { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>The command went to the round and its audit entry was written: a retry of the message does not send it again.</summary>
    public bool Sent { get; init; }
    /// <summary>When the attempt that holds the claim took it: a claim not sent after <see cref="DecisionClaimStore.TakeOverAfter"/> is taken over.</summary>
    public DateTimeOffset ClaimedAt { get; init; }
    public ETag ETag { get; init; }
}

/// <summary>
/// Decision claims live in the Notes table (PK round, RK <c>decision-{draft}</c>): they belong to the round and go
/// when its notes go. <see cref="NoteStore"/> leaves these rows out of the notes it lists.
/// </summary>
public sealed class DecisionClaimStore(StorageClients storage)
{
    private const string RowPrefix = "decision-";

    private TableClient Table => storage.Table(StorageClients.NotesTable);

    /// <summary>True for a claim's row key (message ids are 64 hex characters, so the two never meet).</summary>
    public static bool IsClaim(string rowKey) => rowKey.StartsWith(RowPrefix, StringComparison.Ordinal);

    /// <summary>
    /// How long a claim that was never marked sent belongs to the attempt that took it. Two posts of the same message at
    /// once (SendGrid's retry racing the first) must not both send the decision: the second waits (503, SendGrid posts
    /// again later); only an attempt that died is taken over, after this.
    /// </summary>
    public static readonly TimeSpan TakeOverAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The claim that holds for the draft: <paramref name="claim"/> when it is the first (<c>Created</c>), else the one
    /// that came first.
    /// </summary>
    public async Task<(DecisionClaim Claim, bool Created)> ClaimAsync(DecisionClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.AddEntityAsync(new TableEntity(claim.RoundId, RowKey(claim.Draft))
            {
                ["MessageId"] = claim.MessageId, ["Decision"] = claim.Decision, ["ReceivedAt"] = claim.ReceivedAt, ["Sent"] = false,
                ["ClaimedAt"] = claim.ClaimedAt,
            }, cancellationToken);
            return (claim with { ETag = response.Headers.ETag ?? default }, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await GetAsync(claim.RoundId, claim.Draft, cancellationToken)
                ?? throw new InvalidOperationException($"The decision claim on draft {claim.Draft} of {claim.RoundId} vanished."), false);
        }
    }

    /// <summary>Takes over the claim of an attempt of the same message that died before sending; null when another attempt took it first.</summary>
    public async Task<DecisionClaim?> TakeOverAsync(DecisionClaim claim, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(new TableEntity(claim.RoundId, RowKey(claim.Draft)) { ["ClaimedAt"] = now },
                claim.ETag, TableUpdateMode.Merge, cancellationToken);
            return claim with { ClaimedAt = now, ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return null;
        }
    }

    public async Task<DecisionClaim?> GetAsync(string roundId, int draft, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(roundId, RowKey(draft), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } e
            ? new DecisionClaim
            {
                RoundId = roundId, Draft = draft, MessageId = e.GetString("MessageId") ?? "", Decision = e.GetString("Decision") ?? "",
                ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? default, Sent = e.GetBoolean("Sent") ?? false,
                ClaimedAt = e.GetDateTimeOffset("ClaimedAt") ?? default, ETag = e.ETag,
            }
            : null;
    }

    /// <summary>The decision went to the round.</summary>
    public Task MarkSentAsync(DecisionClaim claim, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(new TableEntity(claim.RoundId, RowKey(claim.Draft)) { ["Sent"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    private static string RowKey(int draft) => RowPrefix + draft.ToString("D4", CultureInfo.InvariantCulture);
}
