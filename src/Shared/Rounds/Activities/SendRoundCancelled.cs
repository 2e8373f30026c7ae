using Microsoft.DurableTask;
using MigrationAgenda.Mail;

namespace MigrationAgenda.Rounds.Activities;

/// <param name="Revision">The SEQUENCE of the cancellation: one above the ministry's last published deadline revision.</param>
public sealed record CancellationNotice(string RoundId, string Ministry, DateTimeOffset Deadline, int Revision);

/// <summary>Tells a ministry that received a request that the round is cancelled, with the .ics that takes the deadline out of its calendar.</summary>
public sealed class SendRoundCancelled(RoundMailer mailer, MailComposer composer) : TaskActivity<CancellationNotice, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, CancellationNotice notice)
    {
        var plan = await mailer.PlanAsync(notice.RoundId);
        var participant = plan.FindParticipant(notice.Ministry)!;
        return await mailer.SendAsync(composer.RoundCancelled(plan, participant, notice.Deadline, notice.Revision));
    }
}
