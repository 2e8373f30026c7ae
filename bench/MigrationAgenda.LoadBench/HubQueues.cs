using Azure.Storage.Queues;

namespace MigrationAgenda.LoadBench;

/// <summary>
/// The task hub's queues at the end of the run (control and work-item queues of the Durable Task Azure Storage
/// backend, named after the hub): a message count far above the work in flight is durable timers left behind,
/// each parked invisibly until it is due.
/// </summary>
public static class HubQueues
{
    public static async Task<IReadOnlyList<(string Queue, int Messages)>> CountAsync(string connectionString, string hubName, CancellationToken cancellationToken)
    {
        var service = new QueueServiceClient(connectionString);
        var counts = new List<(string, int)>();
        await foreach (var queue in service.GetQueuesAsync(prefix: hubName.ToLowerInvariant() + "-", cancellationToken: cancellationToken))
        {
            var properties = await service.GetQueueClient(queue.Name).GetPropertiesAsync(cancellationToken);
            counts.Add((queue.Name, properties.Value.ApproximateMessagesCount));
        }
        return counts;
    }
}
