using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Caching.Memory;

namespace MigrationAgenda.Storage;

/// <summary>One received post as the Inbound table records it (PK yyyyMM, RK sha256 of the payload).</summary>
public sealed record InboundRecord
{
    public required string Id { get; init; }
    public required string Outcome { get; init; }
    /// <summary>Why it was quarantined (or a note on an accepted one), in Dutch: the wording of <see cref="ReasonCode"/>.</summary>
    public string? Reason { get; init; }
    /// <summary>The reason as a stable code (an <c>IntakeReasonCode</c> name); null on rows written before codes existed.</summary>
    public string? ReasonCode { get; init; }
    public string? RoundId { get; init; }
    public string? Ministry { get; init; }
    public string? From { get; init; }
    public string? Subject { get; init; }
    public required string ArchiveBlob { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public string? Versions { get; init; }
    public DateTimeOffset? ReleasedAt { get; init; }
    public string? ReleasedPillar { get; init; }
    /// <summary>An out-of-office reply's return date ("yyyy-MM-dd") and how it reads (a <c>ReturnDateMeaning</c> name).</summary>
    public string? ReturnDate { get; init; }
    public string? ReturnMeaning { get; init; }
}

public static class InboundOutcomes
{
    public const string Accepted = "accepted";
    public const string Quarantined = "quarantined";
    public const string Released = "released";
    /// <summary>Archived, not processed yet (or processing failed): reprocess it.</summary>
    public const string Received = "received";
    /// <summary>An out-of-office reply, delivery report or other automatic reply: recorded, never content, never answered.</summary>
    public const string Automatic = "automatic";
    /// <summary>A human reply that is not letter text: kept as a note on the round (<see cref="NoteStore"/>).</summary>
    public const string Note = "note";
    /// <summary>The approver's reply to a draft that decided it ("Akkoord", "Heropenen …"): sent to the round as its command.</summary>
    public const string Decision = "decision";
}

/// <summary>The raw archive of every inbound post (container "inbound") and the Inbound table of outcomes.</summary>
public sealed class InboundStore(StorageClients storage) : IDisposable
{
    /// <summary>Rows of notice claims that earlier versions wrote (PK notice-yyyyMM): not outcomes; retention removes them.</summary>
    internal const string NoticePrefix = "notice-";
    private TableClient Table => storage.Table(StorageClients.InboundTable);

    // The ETag of each 'received' row this process has just inserted, until its outcome replaces it: the outcome is
    // then one conditional write instead of a read and a write. Bounded and short-lived: a post whose processing
    // failed leaves its entry to expire, and a row changed by anyone else fails the condition and takes the read path.
    private readonly MemoryCache _receivedRows = new(new MemoryCacheOptions { SizeLimit = 4096 });
    private static readonly TimeSpan ReceivedRowLifetime = TimeSpan.FromMinutes(5);

    public static string Sha256(byte[] payload) => Convert.ToHexStringLower(SHA256.HashData(payload));

    public static string Partition(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    /// <summary>Stores the payload as it came; the same payload twice is the same blob.</summary>
    public async Task<string> ArchiveAsync(byte[] payload, string sha256, string? contentType, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var name = $"{at.UtcDateTime:yyyy}/{at.UtcDateTime:MM}/{at.UtcDateTime:dd}/{sha256}.eml";
        var blob = storage.Container(StorageClients.InboundContainer).GetBlobClient(name);
        try
        {
            await blob.UploadAsync(new BinaryData(payload), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
                Metadata = new Dictionary<string, string> { ["contenttype"] = Uri.EscapeDataString(contentType ?? "") },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Already archived (a retry or a concurrent duplicate): same bytes, same name.
        }
        return name;
    }

    public async Task<(byte[] Payload, string? ContentType)?> ReadArchiveAsync(string name, CancellationToken cancellationToken)
    {
        var blob = storage.Container(StorageClients.InboundContainer).GetBlobClient(name);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            var props = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            var type = props.Value.Metadata.TryGetValue("contenttype", out var t) ? Uri.UnescapeDataString(t) : null;
            return (content.Value.Content.ToArray(), type);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Notes an archived payload before processing, so a failure half-way leaves a row to reprocess from.</summary>
    public async Task MarkReceivedAsync(string id, string archiveBlob, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        try
        {
            // Replies arriving together note their rows in one transaction (TableGroupCommit).
            var added = await storage.GroupCommit.WriteAsync(Table, new TableTransactionAction(TableTransactionActionType.Add, ToEntity(new InboundRecord
            {
                Id = id, Outcome = InboundOutcomes.Received, ArchiveBlob = archiveBlob, ReceivedAt = receivedAt,
            })), cancellationToken);
            _receivedRows.Set(id, added.Headers.ETag ?? default, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = ReceivedRowLifetime });
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Seen before (retry, duplicate): its row stays as it is until processing writes the outcome.
        }
    }

    /// <summary>
    /// Writes the outcome. True when this is the first outcome for the payload (not a retry, duplicate or reprocess),
    /// decided race-free with ETags so concurrent duplicates agree on exactly one first.
    /// </summary>
    public async Task<bool> RecordAsync(InboundRecord record, CancellationToken cancellationToken)
    {
        var entity = ToEntity(record);
        if (_receivedRows.TryGetValue(record.Id, out ETag received) && received != default)
        {
            _receivedRows.Remove(record.Id);
            try
            {
                // Still the 'received' row this process inserted: this is the first outcome.
                await storage.GroupCommit.WriteAsync(Table, new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, received), cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Changed or gone since: decide below, from what the row holds now.
            }
        }
        var existing = await Table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
        try
        {
            if (!existing.HasValue || existing.Value is null)
                await Table.AddEntityAsync(entity, cancellationToken);
            else if (existing.Value.GetString("Outcome") == InboundOutcomes.Received)
                await Table.UpdateEntityAsync(entity, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            else
            {
                await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
                return false;
            }
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            return false;
        }
    }

    public async Task<InboundRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length != 64 || !id.All(Uri.IsHexDigit))
            return null;
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {id}"), cancellationToken: cancellationToken))
            if (!e.PartitionKey.StartsWith(NoticePrefix, StringComparison.Ordinal))
                return FromEntity(e);
        return null;
    }

    public async Task<IReadOnlyList<InboundRecord>> ListQuarantinedAsync(int max, CancellationToken cancellationToken)
    {
        var list = new List<InboundRecord>();
        await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Outcome eq {InboundOutcomes.Quarantined}"), cancellationToken: cancellationToken))
            list.Add(FromEntity(e));
        return list.OrderByDescending(r => r.ReceivedAt).Take(max).ToList();
    }

    /// <summary>The round's received mail (this month and the previous one), newest first.</summary>
    public async Task<IReadOnlyList<InboundRecord>> ListForRoundAsync(string roundId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var list = new List<InboundRecord>();
        foreach (var partition in new[] { Partition(now), Partition(now.AddMonths(-1)) }.Distinct())
            await foreach (var e in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RoundId eq {roundId}"), cancellationToken: cancellationToken))
                list.Add(FromEntity(e));
        return list.OrderByDescending(r => r.ReceivedAt).ToList();
    }

    public async Task MarkReleasedAsync(InboundRecord record, int pillar, string roundId, string ministry, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await Table.UpsertEntityAsync(ToEntity(record with
        {
            Outcome = InboundOutcomes.Released, ReleasedAt = at, ReleasedPillar = pillar.ToString(CultureInfo.InvariantCulture),
            RoundId = roundId, Ministry = ministry,
        }), TableUpdateMode.Replace, cancellationToken);
    }

    private static TableEntity ToEntity(InboundRecord r) => new(Partition(r.ReceivedAt), r.Id)
    {
        ["Outcome"] = r.Outcome,
        ["Reason"] = Truncate(r.Reason),
        ["ReasonCode"] = r.ReasonCode,
        ["RoundId"] = r.RoundId,
        ["Ministry"] = r.Ministry,
        ["From"] = Truncate(r.From),
        ["Subject"] = Truncate(r.Subject),
        ["ArchiveBlob"] = r.ArchiveBlob,
        ["ReceivedAt"] = r.ReceivedAt,
        ["Versions"] = r.Versions,
        ["ReleasedAt"] = r.ReleasedAt,
        ["ReleasedPillar"] = r.ReleasedPillar,
        ["ReturnDate"] = r.ReturnDate,
        ["ReturnMeaning"] = r.ReturnMeaning,
    };

    private static InboundRecord FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        Outcome = e.GetString("Outcome") ?? "",
        Reason = e.GetString("Reason"),
        ReasonCode = e.GetString("ReasonCode"),
        RoundId = e.GetString("RoundId"),
        Ministry = e.GetString("Ministry"),
        From = e.GetString("From"),
        Subject = e.GetString("Subject"),
        ArchiveBlob = e.GetString("ArchiveBlob") ?? "",
        ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? default,
        Versions = e.GetString("Versions"),
        ReleasedAt = e.GetDateTimeOffset("ReleasedAt"),
        ReleasedPillar = e.GetString("ReleasedPillar"),
        ReturnDate = e.GetString("ReturnDate"),
        ReturnMeaning = e.GetString("ReturnMeaning"),
    };

    private static string? Truncate(string? text) => text is null || text.Length <= 2000 ? text : text[..2000] + "…";

    public void Dispose() => _receivedRows.Dispose();
}
