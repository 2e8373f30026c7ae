using Microsoft.DurableTask;
using MigrationAgenda.Mail;

namespace MigrationAgenda.Rounds.Activities;

/// <param name="Revision">The ministry's new deadline revision: the SEQUENCE of the updated .ics.</param>
public sealed record DeadlineChange(
    string RoundId, string Ministry, int Version, IReadOnlyList<int> Pillars, DateTimeOffset Deadline, DateTimeOffset PreviousDeadline, int Revision);

/// <summary>Tells a ministry that still owes pillars that its deadline moved, with the updated .ics (same UID, higher SEQUENCE).</summary>
public sealed class SendDeadlineChanged(RoundMailer mailer, MailComposer composer) : TaskActivity<DeadlineChange, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DeadlineChange change)
    {
        var plan = await mailer.PlanAsync(change.RoundId);
        var participant = plan.FindParticipant(change.Ministry)!;
        return await mailer.SendAsync(composer.DeadlineChanged(plan, participant, change.Version, change.Pillars, change.Deadline, change.PreviousDeadline, change.Revision));
    }
}
