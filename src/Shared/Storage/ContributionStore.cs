using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Caching.Memory;
using MigrationAgenda.Intake;

namespace MigrationAgenda.Storage;

/// <summary>What storing a submission did.</summary>
/// <param name="Duplicate">The same submission was stored before; nothing new was written.</param>
/// <param name="Versions">The versions this submission holds (the earlier ones for a duplicate).</param>
/// <param name="EventRaised">Whether the round has been told (false until <see cref="ContributionStore.MarkEventRaisedAsync"/>).</param>
/// <param name="StoredAt">When the submission was first stored.</param>
public sealed record SubmissionResult(bool Duplicate, IReadOnlyList<StoredContribution> Versions, bool EventRaised, DateTimeOffset StoredAt);

/// <summary>A stored submission's marker: which pillars it brought, for which request, and whether the round was told.</summary>
/// <param name="Key">The marker's row key.</param>
/// <param name="RequestVersion">The request it answers (1, or higher after a reopen).</param>
/// <param name="WrittenAt">When storage last wrote the marker (its Timestamp): how long its event has been pending.</param>
public sealed record SubmissionMarker(
    string RoundId, string Key, string Ministry, IReadOnlyList<int> Pillars, int RequestVersion, bool EventRaised, DateTimeOffset StoredAt,
    string Source, string? MessageId, DateTimeOffset WrittenAt);

/// <summary>
/// The Contributions table, PK round. Version rows: RK "ministry|pillar|version" (every version kept, the highest
/// is current). Submission rows: RK "submission|key", written in the same transaction as the versions, so a
/// submission is stored whole or not at all, and at most once however often or concurrently it arrives.
/// A text (or its footnotes) longer than one string property holds (<see cref="TextProperties.ChunkChars"/>) is stored
/// as one JSON blob <c>contributions/{round}/{sha256}.json</c> ({ text, footnotes }) that the row names in
/// <c>BodyBlob</c>: the row stays small, so a submission of several long pillars still fits one table transaction
/// (4 MiB), and content-addressed names mean concurrent writers of different texts never overwrite each other.
/// </summary>
public sealed class ContributionStore(StorageClients storage) : IDisposable
{
    private const string SubmissionPrefix = "submission|";

    // The highest version this process has seen per round, ministry and pillar. Versions are only ever added, one up
    // from the last, so this is never above the truth: the next version written from it either is the next one or
    // collides with a row another writer added (the transaction fails with 409 and the loop reads the real one).
    // It spares the version lookup, a range query over every earlier version of the pillar, on each new reply.
    private readonly MemoryCache _latest = new(new MemoryCacheOptions { SizeLimit = 8192 });
    private static readonly TimeSpan LatestLifetime = TimeSpan.FromHours(1);

    private TableClient Table => storage.Table(StorageClients.ContributionsTable);
    private Azure.Storage.Blobs.BlobContainerClient Bodies => storage.Container(StorageClients.ContributionsContainer);

    /// <summary>
    /// The longest pillar text, its footnotes' texts included, in UTF-16 characters: the documented limit of both
    /// routes in (mail and HTTP), <see cref="ExtractionLimits.DefaultMaxSectionChars"/> (400,000).
    /// </summary>
    public static int MaxTextLength => ExtractionLimits.DefaultMaxSectionChars;

    /// <summary>A pillar text with its footnotes, counted as the limit counts it.</summary>
    public static long Size(PillarText text) => text.Text.Length + text.Footnotes.Sum(f => (long)f.Text.Length);

    /// <summary>A stable key for content submitted without a message id (the HTTP route).</summary>
    public static string ContentKey(string ministry, int requestVersion, IEnumerable<PillarText> sections)
    {
        var canonical = new StringBuilder().Append(ministry.ToUpperInvariant()).Append('\n').Append(requestVersion);
        foreach (var s in sections.OrderBy(s => s.Pillar))
        {
            canonical.Append('\n').Append(s.Pillar).Append('\n').Append(s.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim());
            foreach (var f in s.Footnotes)
                canonical.Append('\n').Append(f.Marker).Append('\t').Append(f.Text.Trim());
        }
        return Hash(canonical.ToString());
    }

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public async Task<SubmissionResult> AddAsync(Submission submission, CancellationToken cancellationToken)
    {
        if (submission.Sections.Count == 0)
            throw new ArgumentException("A submission holds at least one pillar text.", nameof(submission));
        if (submission.Sections.Any(s => Size(s) > MaxTextLength))
            throw new ArgumentException($"A pillar text holds at most {MaxTextLength} characters.", nameof(submission));
        var markerKey = SubmissionPrefix + Hash(submission.SubmissionKey);
        var bodies = new Dictionary<int, string>();
        foreach (var section in submission.Sections)
            if (await WriteBodyIfLongAsync(submission.RoundId, section, cancellationToken) is { } blob)
                bodies[section.Pillar] = blob;

        for (var attempt = 0; attempt < 20; attempt++)
        {
            // The first attempt writes straight away: the transaction adds the marker, so a submission stored before
            // fails it with 409 like a taken version number, and the next attempt finds the marker.
            if (attempt > 0 && await GetSubmissionAsync(submission.RoundId, markerKey, cancellationToken) is { } existing)
                return existing;

            var versions = new List<StoredContribution>();
            foreach (var section in submission.Sections)
            {
                var next = (attempt == 0 && _latest.TryGetValue(LatestKey(submission.RoundId, submission.Ministry, section.Pillar), out int known)
                    ? known
                    : await LatestVersionAsync(submission.RoundId, submission.Ministry, section.Pillar, cancellationToken)) + 1;
                versions.Add(new StoredContribution
                {
                    RoundId = submission.RoundId, Ministry = submission.Ministry, Pillar = section.Pillar, Version = next,
                    Text = section.Text, Footnotes = section.Footnotes, Sender = submission.Sender, Source = submission.Source,
                    ReceivedAt = submission.ReceivedAt, SubmissionKey = submission.SubmissionKey,
                    MessageId = submission.MessageId, ArchiveBlob = submission.ArchiveBlob,
                });
            }

            var marker = new TableEntity(submission.RoundId, markerKey)
            {
                ["Ministry"] = submission.Ministry,
                ["Versions"] = string.Join(',', versions.Select(VersionKey)),
                ["EventRaised"] = false,
                ["StoredAt"] = submission.ReceivedAt,
                // What the event is made of when PendingEventReconciler raises it, and what ReadReceived counts.
                ["RequestVersion"] = submission.RequestVersion,
                ["Source"] = submission.Source,
                ["MessageId"] = submission.MessageId,
            };
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, marker) };
            actions.AddRange(versions.Select(v => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(v, bodies.GetValueOrDefault(v.Pillar)))));
            try
            {
                // Submissions to one round that meet go in one transaction, each still all or nothing (TableGroupCommit).
                await storage.GroupCommit.WriteAsync(Table, actions, cancellationToken);
                foreach (var v in versions)
                    Saw(v.RoundId, v.Ministry, v.Pillar, v.Version);
                return new SubmissionResult(false, versions, false, submission.ReceivedAt);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // Either the same submission won a race (the loop then finds its marker) or another
                // submission took a version number (the loop picks the next one).
            }
        }
        throw new InvalidOperationException($"Could not store the submission for {submission.Ministry} in {submission.RoundId}: too much contention.");
    }

    /// <summary>Records that the round was told about a submission, so a redelivery does not tell it again.</summary>
    public Task MarkEventRaisedAsync(string roundId, string submissionKey, CancellationToken cancellationToken) =>
        MarkEventRaisedAsync(new TableEntity(roundId, SubmissionPrefix + Hash(submissionKey)), cancellationToken);

    /// <summary>
    /// The round's submissions (one per stored post or mail), or only those whose event has not been raised yet:
    /// what a reconcile raises again, or counts for the round from the store.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionMarker>> ListSubmissionsAsync(string roundId, bool pendingOnly, CancellationToken cancellationToken)
    {
        var upper = SubmissionPrefix[..^1] + (char)(SubmissionPrefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and RowKey ge {SubmissionPrefix} and RowKey lt {upper}")
                     + (pendingOnly ? " and EventRaised eq false" : "");
        var list = new List<SubmissionMarker>();
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var versions = (e.GetString("Versions") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
            list.Add(new SubmissionMarker(e.PartitionKey, e.RowKey, e.GetString("Ministry") ?? "",
                versions.Select(v => v.Split('|')).Where(p => p.Length == 3 && int.TryParse(p[1], out _)).Select(p => int.Parse(p[1])).Distinct().Order().ToList(),
                // Markers written before the version was kept answered the first request.
                Math.Max(1, e.GetInt32("RequestVersion") ?? 1),
                e.GetBoolean("EventRaised") ?? false, e.GetDateTimeOffset("StoredAt") ?? default,
                e.GetString("Source") ?? "mail", e.GetString("MessageId"), e.Timestamp ?? default));
        }
        return list;
    }

    /// <summary>Records that the round was told about a submission found by <see cref="ListSubmissionsAsync"/>.</summary>
    public Task MarkEventRaisedAsync(SubmissionMarker marker, CancellationToken cancellationToken) =>
        MarkEventRaisedAsync(new TableEntity(marker.RoundId, marker.Key), cancellationToken);

    // The marks of replies told together are cleared together (TableGroupCommit).
    private Task MarkEventRaisedAsync(TableEntity marker, CancellationToken cancellationToken)
    {
        marker["EventRaised"] = true;
        return storage.GroupCommit.WriteAsync(Table, new TableTransactionAction(TableTransactionActionType.UpdateMerge, marker, ETag.All), cancellationToken);
    }

    /// <summary>Every version of every pillar in the round, ordered by ministry, pillar, version.</summary>
    public async Task<IReadOnlyList<StoredContribution>> ListAsync(string roundId, CancellationToken cancellationToken)
    {
        var list = new List<StoredContribution>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == roundId, cancellationToken: cancellationToken))
        {
            if (!entity.RowKey.StartsWith(SubmissionPrefix, StringComparison.Ordinal))
                list.Add(await FromEntityAsync(entity, cancellationToken));
        }
        return list;
    }

    /// <summary>The current (highest) version per ministry and pillar.</summary>
    public async Task<IReadOnlyList<StoredContribution>> LatestAsync(string roundId, CancellationToken cancellationToken) =>
        (await ListAsync(roundId, cancellationToken))
            .GroupBy(c => (c.Ministry, c.Pillar))
            .Select(g => g.MaxBy(c => c.Version)!)
            .ToList();

    private async Task<SubmissionResult?> GetSubmissionAsync(string roundId, string markerKey, CancellationToken cancellationToken)
    {
        var marker = await Table.GetEntityIfExistsAsync<TableEntity>(roundId, markerKey, cancellationToken: cancellationToken);
        if (!marker.HasValue)
            return null;
        var versions = new List<StoredContribution>();
        foreach (var key in (marker.Value!.GetString("Versions") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var row = await Table.GetEntityAsync<TableEntity>(roundId, key, cancellationToken: cancellationToken);
            versions.Add(await FromEntityAsync(row.Value, cancellationToken));
        }
        return new SubmissionResult(true, versions, marker.Value.GetBoolean("EventRaised") ?? false, marker.Value.GetDateTimeOffset("StoredAt") ?? default);
    }

    private async Task<int> LatestVersionAsync(string roundId, string ministry, int pillar, CancellationToken cancellationToken)
    {
        var prefix = $"{ministry}|{pillar:D2}|";
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var latest = 0;
        await foreach (var e in Table.QueryAsync<TableEntity>(
                           e => e.PartitionKey == roundId && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(upper) < 0,
                           select: ["RowKey"], cancellationToken: cancellationToken))
            latest = Math.Max(latest, int.Parse(e.RowKey[prefix.Length..]));
        Saw(roundId, ministry, pillar, latest);
        return latest;
    }

    private static string VersionKey(StoredContribution c) => $"{c.Ministry}|{c.Pillar:D2}|{c.Version:D6}";

    private static (string, string, int) LatestKey(string roundId, string ministry, int pillar) => (roundId, ministry, pillar);

    private void Saw(string roundId, string ministry, int pillar, int version)
    {
        var key = LatestKey(roundId, ministry, pillar);
        if (!_latest.TryGetValue(key, out int known) || version > known)
            _latest.Set(key, version, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = LatestLifetime });
    }

    public void Dispose() => _latest.Dispose();

    /// <summary>
    /// Writes a long text with its footnotes as a content-addressed blob and returns its name; null when the row holds
    /// it. Written before the table transaction: a blob whose transaction then fails is an unreferenced copy, and the
    /// retry finds it in place.
    /// </summary>
    private async Task<string?> WriteBodyIfLongAsync(string roundId, PillarText section, CancellationToken cancellationToken)
    {
        var footnotes = JsonSerializer.Serialize(section.Footnotes, JsonDefaults.Options);
        if (section.Text.Length <= TextProperties.ChunkChars && footnotes.Length <= TextProperties.ChunkChars)
            return null;
        var json = JsonSerializer.SerializeToUtf8Bytes(new StoredBody(section.Text, section.Footnotes), JsonDefaults.Options);
        var name = $"{roundId}/{Convert.ToHexStringLower(SHA256.HashData(json))}.json";
        try
        {
            await Bodies.GetBlobClient(name).UploadAsync(new BinaryData(json), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // The same text was stored before: same bytes, same name.
        }
        return name;
    }

    private sealed record StoredBody(string Text, IReadOnlyList<Footnote> Footnotes);

    private static TableEntity ToEntity(StoredContribution c, string? bodyBlob)
    {
        var entity = new TableEntity(c.RoundId, VersionKey(c))
        {
            ["Ministry"] = c.Ministry, ["Pillar"] = c.Pillar, ["Version"] = c.Version,
            ["Sender"] = c.Sender, ["Source"] = c.Source, ["ReceivedAt"] = c.ReceivedAt,
            ["SubmissionKey"] = c.SubmissionKey, ["MessageId"] = c.MessageId, ["ArchiveBlob"] = c.ArchiveBlob,
        };
        if (bodyBlob is not null)
        {
            entity["BodyBlob"] = bodyBlob;
            entity["TextLength"] = c.Text.Length;
            return entity;
        }
        entity["Footnotes"] = JsonSerializer.Serialize(c.Footnotes, JsonDefaults.Options);
        TextProperties.Write(entity, "Text", c.Text);
        return entity;
    }

    private async Task<StoredContribution> FromEntityAsync(TableEntity e, CancellationToken cancellationToken)
    {
        var text = TextProperties.Read(e, "Text");
        var footnotes = JsonSerializer.Deserialize<List<Footnote>>(e.GetString("Footnotes") ?? "[]", JsonDefaults.Options) ?? [];
        if (e.GetString("BodyBlob") is { Length: > 0 } blob)
        {
            var content = await Bodies.GetBlobClient(blob).DownloadContentAsync(cancellationToken);
            var body = content.Value.Content.ToObjectFromJson<StoredBody>(JsonDefaults.Options)
                ?? throw new InvalidDataException($"Contribution body {blob} is empty.");
            text = body.Text;
            footnotes = [.. body.Footnotes];
        }
        return new StoredContribution
        {
            RoundId = e.PartitionKey,
            Ministry = e.GetString("Ministry") ?? "",
            Pillar = e.GetInt32("Pillar") ?? 0,
            Version = e.GetInt32("Version") ?? 0,
            Text = text,
            Footnotes = footnotes,
            Sender = e.GetString("Sender") ?? "",
            Source = e.GetString("Source") ?? "",
            ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? default,
            SubmissionKey = e.GetString("SubmissionKey") ?? "",
            MessageId = e.GetString("MessageId"),
            ArchiveBlob = e.GetString("ArchiveBlob"),
        };
    }
}
