using Microsoft.DurableTask;

namespace MigrationAgenda.WorkflowTests.Timers;

/// <summary>The instant a timer was set for and the orchestration time at which it fired.</summary>
public sealed record TimerOutcome(DateTime FireAt, DateTime FiredAt);

/// <summary>
/// One durable timer, <c>length</c> after the orchestration starts, and nothing else, so a test sees exactly how the
/// SDK schedules it. Counting from the orchestration's own start keeps the number of steps independent of how long
/// the backend takes to pick up a new instance.
/// </summary>
public sealed class LongTimerOrchestrator : TaskOrchestrator<TimeSpan, TimerOutcome>
{
    public override async Task<TimerOutcome> RunAsync(TaskOrchestrationContext context, TimeSpan length)
    {
        var fireAt = context.CurrentUtcDateTime + length;
        await context.CreateTimer(fireAt, CancellationToken.None);
        return new TimerOutcome(fireAt, context.CurrentUtcDateTime);
    }
}
