using System.Collections.Concurrent;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Keeps the queue messages of work items in progress invisible by renewing their lock every <c>renewEvery</c>, until
/// the work item is let go (completed, abandoned or released). A renewal that fails is logged and tried again at the
/// next tick; if the process dies, renewals stop and the message comes back after its visibility timeout.
/// </summary>
internal sealed class WorkItemLocks(TimeSpan? renewEvery, ILogger? log)
{
    private readonly ConcurrentDictionary<string, Renewal> _held = new(StringComparer.Ordinal);

    public void Keep(string key, Func<Task> renew)
    {
        if (renewEvery is not { } every)
            return;
        var renewal = new Renewal();
        renewal.Loop = RenewAsync(key, renew, every, renewal.Stop.Token);
        if (_held.TryRemove(key, out var earlier))
            _ = earlier.EndAsync();
        _held[key] = renewal;
    }

    /// <summary>Stops renewing, and waits for a renewal under way so it cannot race the completion that follows.</summary>
    public Task LetGoAsync(string key) => _held.TryRemove(key, out var renewal) ? renewal.EndAsync() : Task.CompletedTask;

    private async Task RenewAsync(string key, Func<Task> renew, TimeSpan every, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await Task.Delay(every, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await renew();
            }
            catch (Exception e)
            {
                log?.LogWarning("Renewing the lock on work item {WorkItem} failed ({Error}); trying again in {Every}", key, e.GetType().Name, every);
            }
        }
    }

    private sealed class Renewal
    {
        public CancellationTokenSource Stop { get; } = new();
        public Task Loop { get; set; } = Task.CompletedTask;

        public async Task EndAsync()
        {
            await Stop.CancelAsync();
            await Loop;
            Stop.Dispose();
        }
    }
}
