using Microsoft.DurableTask;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

/// <param name="UndeliverableLevel">Set when the escalation is sent at once because mail to this level's contact bounced.</param>
/// <param name="Revision">The ministry's deadline revision: the SEQUENCE of the .ics attached.</param>
public sealed record EscalationNotice(string RoundId, string Ministry, int Level, int Version, IReadOnlyList<int> Pillars, DateTimeOffset Deadline,
    int? UndeliverableLevel = null, int Revision = 0);

/// <summary>
/// After the deadline, or at once when a contact's mail bounced: mails the ministry's level-k contact, coordinator in
/// copy, the deadline attached as an .ics.
/// </summary>
public sealed class SendEscalation(RoundMailer mailer, MailComposer composer, AssignmentStore assignments, TimeProvider clock)
    : TaskActivity<EscalationNotice, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, EscalationNotice notice)
    {
        var plan = await mailer.PlanAsync(notice.RoundId);
        var participant = plan.FindParticipant(notice.Ministry)!;
        var mail = notice.UndeliverableLevel is { } unreachable
            ? composer.EscalationPastUndeliverable(plan, participant, notice.Level, unreachable, notice.Version, notice.Pillars, notice.Deadline)
            : composer.Escalation(plan, participant, notice.Level, notice.Version, notice.Pillars, notice.Deadline);
        var sent = await mailer.SendAsync(composer.WithDeadline(mail, plan, participant, notice.Pillars, notice.Deadline, notice.Revision)
            with { MessageId = MessageIds.Escalation(participant.Code, notice.Version, notice.Level, notice.Deadline) });
        await assignments.RecordEscalationAsync(notice.RoundId, participant.Code, notice.Level, clock.GetUtcNow(), CancellationToken.None);
        return sent;
    }
}
