using System.Collections.Concurrent;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Testing.Sidecar;
using Microsoft.Extensions.Logging;

namespace MigrationAgenda.TestSupport;

/// <summary>
/// The in-memory Durable Task engine (DurableTaskTestHost's own), noting the timers each orchestration creates as
/// the engine commits them: every TimerCreated event of its history, with the time it fires. Counting here counts
/// what the engine keeps and later delivers, not what the orchestrator code thinks it asked for.
/// </summary>
public sealed partial class RecordingEngine(ILoggerFactory? loggerFactory) : InMemoryOrchestrationService(loggerFactory), IOrchestrationService
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTime>> _timers = new(StringComparer.Ordinal);

    /// <summary>When each timer the instance created fires, in the order they were created.</summary>
    public IReadOnlyList<DateTime> TimersCreated(string instanceId) =>
        _timers.TryGetValue(instanceId, out var timers) ? timers.ToList() : [];

    // Re-implemented so the sidecar's dispatcher, which calls through the interface, passes here first.
    Task IOrchestrationService.CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState)
    {
        var created = newOrchestrationRuntimeState.NewEvents.OfType<TimerCreatedEvent>().ToList();
        if (created.Count > 0)
        {
            var timers = _timers.GetOrAdd(workItem.InstanceId, _ => new ConcurrentQueue<DateTime>());
            foreach (var timer in created)
                timers.Enqueue(timer.FireAt);
        }
        return CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages,
            HoldTimers(workItem.InstanceId, timerMessages), continuedAsNewMessage, orchestrationState);
    }
}
