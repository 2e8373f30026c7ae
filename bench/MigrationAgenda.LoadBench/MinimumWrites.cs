using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.LoadBench;

/// <summary>
/// The ceiling: what an accepted reply must write at the least, straight from the Azure SDK on the same Azurite,
/// one call after another in the order the webhook's guarantees ask for:
/// 1. the archive blob (the same payload, conditional create, as the archive does);
/// 2. one Inbound row insert (the outcome);
/// 3. one Contributions transaction with the entities the contribution store writes (the submission marker and
///    the version row);
/// 4. one event message of the size a raised ContributionReceived has in the Durable Task control queue, to a
///    plain queue (the hub's control queue would hand it to the engine).
/// It writes to the app's own tables and container under partitions and a prefix of its own, so the tables are
/// as large as the service's, and the service's rows stay countable.
/// </summary>
public sealed class MinimumWrites(StorageClients storage, QueueClient events)
{
    public const string CeilingRound = "loadbench-ceiling";
    public const string QueueName = "ceiling-events";

    private TableClient Inbound => storage.Table(StorageClients.InboundTable);
    private TableClient Contributions => storage.Table(StorageClients.ContributionsTable);

    /// <summary>The app's own storage clients on that Azurite (its client settings), also what the checks read with.</summary>
    public StorageClients Storage => storage;

    public static async Task<MinimumWrites> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var queue = new QueueClient(connectionString, QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return new MinimumWrites(StorageClients.Connect(StorageAccount.FromConnectionString(connectionString)), queue);
    }

    public async Task WriteAsync(BenchPost post, int version, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        var archive = $"ceiling/{at.UtcDateTime:yyyy}/{at.UtcDateTime:MM}/{at.UtcDateTime:dd}/{post.Id}.eml";
        await storage.Container(StorageClients.InboundContainer).GetBlobClient(archive).UploadAsync(new BinaryData(post.Body), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
            Metadata = new Dictionary<string, string> { ["contenttype"] = Uri.EscapeDataString(Standalone.InboundMail.ContentType) },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        }, cancellationToken);

        var ministry = post.Ministry;
        var messageId = $"<{Guid.NewGuid():N}@{ministry.Domain}>";
        var versionKey = $"{ministry.Code}|{ministry.Pillar:D2}|{version:D6}";
        await Inbound.AddEntityAsync(new TableEntity("ceiling" + InboundStore.Partition(at), post.Id)
        {
            ["Outcome"] = InboundOutcomes.Accepted, ["RoundId"] = CeilingRound, ["Ministry"] = ministry.Code, ["From"] = ministry.Sender,
            ["Subject"] = $"RE: Verzoek om bijdrage pijler {ministry.Pillar}", ["ArchiveBlob"] = archive, ["ReceivedAt"] = at,
            ["Versions"] = $"{ministry.Pillar}:{version}",
        }, cancellationToken);

        var submissionKey = "msgid:" + messageId;
        await Contributions.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(CeilingRound, "submission|" + ContributionStore.Hash(submissionKey))
            {
                ["Ministry"] = ministry.Code, ["Versions"] = versionKey, ["EventRaised"] = false, ["StoredAt"] = at,
            }),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(CeilingRound, versionKey)
            {
                ["Ministry"] = ministry.Code, ["Pillar"] = ministry.Pillar, ["Version"] = version, ["Footnotes"] = "[]",
                ["Sender"] = ministry.Sender, ["Source"] = "mail", ["ReceivedAt"] = at, ["SubmissionKey"] = submissionKey,
                ["MessageId"] = messageId, ["ArchiveBlob"] = archive, ["TextChunks"] = 1, ["Text0"] = post.Text,
            }),
        ], cancellationToken);

        await events.SendMessageAsync(EventMessage(ministry, messageId, at), cancellationToken);
    }

    /// <summary>
    /// Empties the event queue between slices, outside the measured time. The engine dequeues and deletes its own
    /// messages; left in place they would pile up, and Azurite's queue garbage collection (a mark and sweep over every
    /// message, each minute, on its single thread) would stall everything for seconds, the webhook included.
    /// </summary>
    public Task DrainAsync(CancellationToken cancellationToken) => events.ClearMessagesAsync(cancellationToken);

    /// <summary>
    /// A ContributionReceived event as the Durable Task Azure Storage backend enqueues it (MessageData around a
    /// TaskMessage around an EventRaisedEvent whose input is the JSON of the event), so the message has its size.
    /// </summary>
    public static string EventMessage(BenchMinistry ministry, string messageId, DateTimeOffset at)
    {
        var input = JsonSerializer.Serialize(new ContributionReceived
        {
            Ministry = ministry.Code, Pillars = [ministry.Pillar], ReceivedAt = at, Source = "mail", MessageId = messageId,
        });
        var message = new Dictionary<string, object?>
        {
            ["$type"] = "DurableTask.AzureStorage.MessageData",
            ["ActivityId"] = Guid.NewGuid(),
            ["TaskMessage"] = new Dictionary<string, object?>
            {
                ["$type"] = "DurableTask.Core.TaskMessage",
                ["Event"] = new Dictionary<string, object?>
                {
                    ["$type"] = "DurableTask.Core.History.EventRaisedEvent",
                    ["EventType"] = 10, ["Name"] = RoundEvents.ContributionReceived, ["Input"] = input,
                    ["EventId"] = -1, ["IsPlayed"] = false, ["Timestamp"] = at.UtcDateTime,
                },
                ["SequenceNumber"] = 0,
                ["OrchestrationInstance"] = new Dictionary<string, object?>
                {
                    ["$type"] = "DurableTask.Core.OrchestrationInstance", ["InstanceId"] = CeilingRound, ["ExecutionId"] = null,
                },
            },
            ["CompressedBlobName"] = null,
            ["SequenceNumber"] = at.UtcTicks.ToString(CultureInfo.InvariantCulture),
            ["Sender"] = new Dictionary<string, object?> { ["$type"] = "DurableTask.Core.OrchestrationInstance", ["InstanceId"] = "", ["ExecutionId"] = "" },
            ["SerializableTraceContext"] = null,
        };
        return JsonSerializer.Serialize(message);
    }
}
