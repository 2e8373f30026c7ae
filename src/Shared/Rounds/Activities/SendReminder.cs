using Microsoft.DurableTask;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

public sealed record OwedPillars(string RoundId, string Ministry, int Version, IReadOnlyList<int> Pillars, DateTimeOffset Deadline);

/// <summary>Reminds a ministry, before the deadline, of the pillars it still owes.</summary>
public sealed class SendReminder(RoundMailer mailer, MailComposer composer, AssignmentStore assignments, TimeProvider clock)
    : TaskActivity<OwedPillars, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, OwedPillars owed)
    {
        var plan = await mailer.PlanAsync(owed.RoundId);
        var participant = plan.FindParticipant(owed.Ministry)!;
        var sent = await mailer.SendAsync(composer.Reminder(plan, participant, owed.Version, owed.Pillars, owed.Deadline));
        await assignments.RecordReminderAsync(owed.RoundId, participant.Code, clock.GetUtcNow(), CancellationToken.None);
        return sent;
    }
}
