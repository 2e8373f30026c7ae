using DurableTask.Core;
using DurableTask.Core.History;

namespace MigrationAgenda.TestSupport;

/// <summary>
/// A virtual clock for chosen instances: the engine keeps their timers instead of waiting for them in real time, and
/// <see cref="AdvanceTo"/> delivers every kept timer due by a moment, in time order, as the engine would when its
/// clock read that moment. Everything else (the orchestrator, its activities, the plan's instants, the timers it
/// creates) is the production path; only the wait between a timer's creation and its firing is skipped, so a schedule
/// of weeks runs in seconds. The orchestration's own clock (CurrentUtcDateTime) stays real time, earlier than every
/// kept timer: the round's only use of it is to skip steps already past, and none is.
/// </summary>
public sealed partial class RecordingEngine
{
    private readonly Dictionary<string, List<TaskMessage>> _kept = new(StringComparer.Ordinal);
    private readonly Lock _clock = new();

    /// <summary>From now on the instance's timers wait for <see cref="AdvanceTo"/> rather than for real time.</summary>
    public void UseVirtualClock(string instanceId)
    {
        lock (_clock)
            _kept.TryAdd(instanceId, []);
    }

    /// <summary>The instants of the instance's timers kept and not yet delivered, in time order.</summary>
    public IReadOnlyList<DateTime> KeptTimers(string instanceId)
    {
        lock (_clock)
            return _kept.TryGetValue(instanceId, out var kept) ? kept.Select(FireAt).Order().ToList() : [];
    }

    /// <summary>
    /// Delivers every kept timer of the instance due at or before <paramref name="moment"/>, earliest first (a timer
    /// the orchestration cancelled is delivered too and ignored by it, as when a real clock passes it). Returns the
    /// instants delivered.
    /// </summary>
    public async Task<IReadOnlyList<DateTime>> AdvanceTo(string instanceId, DateTime moment)
    {
        List<TaskMessage> due;
        lock (_clock)
        {
            var kept = _kept[instanceId];
            due = kept.Where(m => FireAt(m) <= moment).OrderBy(FireAt).ToList();
            kept.RemoveAll(due.Contains);
        }
        foreach (var message in due)
        {
            // The engine delays a TimerFired until its FireAt: stamp the delivery now, keep the timer's id.
            var fired = (TimerFiredEvent)message.Event;
            await SendTaskOrchestrationMessageAsync(new TaskMessage
            {
                OrchestrationInstance = message.OrchestrationInstance,
                Event = new TimerFiredEvent(-1, DateTime.UtcNow) { TimerId = fired.TimerId },
            });
        }
        return due.Select(FireAt).ToList();
    }

    private IList<TaskMessage> HoldTimers(string instanceId, IList<TaskMessage> timerMessages)
    {
        lock (_clock)
        {
            if (timerMessages.Count == 0 || !_kept.TryGetValue(instanceId, out var kept))
                return timerMessages;
            kept.AddRange(timerMessages);
            return [];
        }
    }

    private static DateTime FireAt(TaskMessage message) => ((TimerFiredEvent)message.Event).FireAt;
}
