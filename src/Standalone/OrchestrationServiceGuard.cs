using DurableTask.Core;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Wraps the Azure Storage orchestration service for the preview gRPC sidecar (TaskHubGrpcServer):
/// <list type="bullet">
/// <item>the sidecar stops the service from an <c>async void</c> handler when the host stops, also when its
/// dispatcher never started (no worker connected yet); the backend throws then and the process dies. StopAsync is
/// skipped until StartAsync has finished, and is idempotent so the host can await it itself on shutdown;</item>
/// <item>sub-orchestration start messages carry Tags in a map type the backend cannot read back: copied to a plain
/// Dictionary (the round uses no sub-orchestrations; this keeps a future one from breaking silently);</item>
/// <item>the sidecar's dispatchers never renew the lock on a work item, so a queue message becomes visible again (and
/// runs a second time) once its visibility timeout passes, however long the work legitimately takes. With
/// <paramref name="renewEvery"/> the lock is renewed while the work runs, so the visibility timeout can be short: work
/// a dead process had taken is picked up again within that timeout, and live work is never handed out twice.</item>
/// </list>
/// Everything else is passed through.
/// </summary>
public sealed class OrchestrationServiceGuard(IOrchestrationService inner, TimeSpan? renewEvery = null, ILogger? log = null) : IOrchestrationService
{
    private readonly object _gate = new();
    private readonly WorkItemLocks _locks = new(renewEvery, log);
    private bool _started;
    private Task? _stopping;

    public async Task StartAsync()
    {
        await inner.StartAsync();
        lock (_gate) _started = true;
    }

    public Task StopAsync() => StopAsync(false);

    public Task StopAsync(bool isForced)
    {
        lock (_gate)
        {
            if (!_started)
                return Task.CompletedTask;
            return _stopping ??= inner.StopAsync(isForced);
        }
    }

    public Task CreateAsync() => inner.CreateAsync();
    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);
    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();
    public Task DeleteAsync() => inner.DeleteAsync();
    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;
    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;
    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;
    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem is not null)
            _locks.Keep("o:" + workItem.InstanceId, () => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem));
        return workItem!;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public async Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        await _locks.LetGoAsync("o:" + workItem.InstanceId);
        foreach (var message in orchestratorMessages ?? [])
        {
            if (message.Event is DurableTask.Core.History.ExecutionStartedEvent { Tags: { } tags } started && tags.GetType() != typeof(Dictionary<string, string>))
                started.Tags = new Dictionary<string, string>(tags);
        }
        await inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages,
            timerMessages, continuedAsNewMessage, orchestrationState);
    }

    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await _locks.LetGoAsync("o:" + workItem.InstanceId);
        await inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    }

    public async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        await _locks.LetGoAsync("o:" + workItem.InstanceId);
        await inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    }

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is not null)
            _locks.Keep("a:" + workItem.Id, () => inner.RenewTaskActivityWorkItemLockAsync(workItem));
        return workItem!;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        await _locks.LetGoAsync("a:" + workItem.Id);
        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        await _locks.LetGoAsync("a:" + workItem.Id);
        await inner.AbandonTaskActivityWorkItemAsync(workItem);
    }
}
