using Microsoft.DurableTask;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Rounds.Activities;

/// <summary>
/// A new deadline for a round: the one named (extend, reopen with a deadline), or none (reopen: the reopen period from
/// <paramref name="Now"/>, at the local time of <paramref name="CurrentDeadline"/>). Carries the round's schedule and
/// calendar so the activity reads nothing else.
/// </summary>
public sealed record DeadlineRequest(
    string RoundId, RoundSchedule Schedule, CalendarDefinition? Calendar, DateTimeOffset? Deadline, DateTimeOffset Now, DateTimeOffset CurrentDeadline)
{
    public static DeadlineRequest For(RoundPlan plan, DateTimeOffset? deadline, DateTimeOffset now, DateTimeOffset currentDeadline) =>
        new(plan.RoundId, plan.Schedule, plan.Definition.Calendar, deadline, now, currentDeadline);
}

/// <summary>
/// Plans a changed deadline's due times with the round's working-day calendar (<see cref="RoundCalendar"/>). An
/// activity so the orchestrator only records the answer: replay never evaluates time-zone data or holiday rules, and a
/// later change to those rules cannot move a round that already waits.
/// </summary>
public sealed class PlanDeadline : TaskActivity<DeadlineRequest, DeadlinePlan>
{
    public override Task<DeadlinePlan> RunAsync(TaskActivityContext context, DeadlineRequest request)
    {
        var calendar = new RoundCalendar(request.Schedule, request.Calendar);
        var deadline = request.Deadline ?? calendar.ReopenDeadline(request.Now, request.CurrentDeadline);
        return Task.FromResult(calendar.Plan(deadline));
    }
}
