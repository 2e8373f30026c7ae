using Microsoft.DurableTask;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

public sealed record EscalationNotice(string RoundId, string Ministry, int Level, int Version, IReadOnlyList<int> Pillars, DateTimeOffset Deadline);

/// <summary>After the deadline: mails the ministry's level-k contact, coordinator in copy.</summary>
public sealed class SendEscalation(RoundMailer mailer, MailComposer composer, AssignmentStore assignments, TimeProvider clock)
    : TaskActivity<EscalationNotice, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, EscalationNotice notice)
    {
        var plan = await mailer.PlanAsync(notice.RoundId);
        var participant = plan.FindParticipant(notice.Ministry)!;
        var sent = await mailer.SendAsync(composer.Escalation(plan, participant, notice.Level, notice.Version, notice.Pillars, notice.Deadline)
            with { MessageId = MessageIds.Escalation(participant.Code, notice.Version, notice.Level, notice.Deadline) });
        await assignments.RecordEscalationAsync(notice.RoundId, participant.Code, notice.Level, clock.GetUtcNow(), CancellationToken.None);
        return sent;
    }
}
