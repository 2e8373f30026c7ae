using MigrationAgenda.Storage;

namespace MigrationAgenda.Mail;

/// <summary>A message as the outbox sender stored it.</summary>
public sealed record OutboxMessage(string BlobName, DateTimeOffset SentAt, OutgoingMail Mail);

/// <summary>Reads back what the outbox sender wrote, for tests, the demo and local inspection.</summary>
public sealed class OutboxReader(StorageClients storage)
{
    /// <summary>A round's messages, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(string roundId, CancellationToken cancellationToken = default)
    {
        var container = storage.Container(StorageClients.OutboxContainer);
        if (!await container.ExistsAsync(cancellationToken))
            return [];
        var prefix = roundId.ToLowerInvariant() + "/";
        var messages = new List<OutboxMessage>();
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken))
        {
            var download = await container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken);
            var (mail, sentAt) = OutboxFormat.Deserialize(download.Value.Content);
            messages.Add(new OutboxMessage(item.Name, sentAt, mail));
        }
        // Names start with the send time to the millisecond; sentAt breaks nothing and keeps the order explicit.
        return messages.OrderBy(m => m.SentAt).ThenBy(m => m.BlobName, StringComparer.Ordinal).ToList();
    }
}
