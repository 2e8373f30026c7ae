using Microsoft.DurableTask;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

/// <param name="Revision">The ministry's deadline revision: the SEQUENCE of the .ics attached.</param>
public sealed record OwedPillars(string RoundId, string Ministry, int Version, IReadOnlyList<int> Pillars, DateTimeOffset Deadline, int Revision = 0, int Reminder = 0);
/// <param name="Reminder">The round's reminder number (1-based, counted over the round): part of the message id.</param>

/// <summary>Reminds a ministry, before the deadline, of the pillars it still owes, the deadline attached as an .ics.</summary>
public sealed class SendReminder(RoundMailer mailer, MailComposer composer, AssignmentStore assignments, TimeProvider clock)
    : TaskActivity<OwedPillars, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, OwedPillars owed)
    {
        var plan = await mailer.PlanAsync(owed.RoundId);
        var participant = plan.FindParticipant(owed.Ministry)!;
        var mail = composer.Reminder(plan, participant, owed.Version, owed.Pillars, owed.Deadline);
        mail = composer.WithDeadline(mail, plan, participant, owed.Pillars, owed.Deadline, owed.Revision);
        var sent = await mailer.SendAsync(owed.Reminder > 0 ? mail with { MessageId = MessageIds.Reminder(participant.Code, owed.Version, owed.Reminder) } : mail);
        await assignments.RecordReminderAsync(owed.RoundId, participant.Code, clock.GetUtcNow(), CancellationToken.None);
        return sent;
    }
}
