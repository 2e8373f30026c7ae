using Microsoft.DurableTask;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

/// <param name="Revision">The ministry's deadline revision: the SEQUENCE of the .ics attached.</param>
public sealed record ContributionRequest(string RoundId, string Ministry, int Version, IReadOnlyList<int> Pillars, DateTimeOffset Deadline, string? Note, int Revision = 0);

/// <summary>Mails a ministry's level-0 contact the request for its pillars (first time, or again after a reopen), the deadline attached as an .ics.</summary>
public sealed class SendRequest(RoundMailer mailer, MailComposer composer, AssignmentStore assignments, TimeProvider clock)
    : TaskActivity<ContributionRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ContributionRequest request)
    {
        var plan = await mailer.PlanAsync(request.RoundId);
        var participant = plan.FindParticipant(request.Ministry)!;
        var mail = composer.Request(plan, participant, request.Version, request.Pillars, request.Deadline, request.Note);
        var sent = await mailer.SendAsync(composer.WithDeadline(mail, plan, participant, request.Pillars, request.Deadline, request.Revision)
            with { MessageId = MessageIds.Request(participant.Code, request.Version) });
        await assignments.RecordRequestAsync(request.RoundId, participant.Code, request.Version, clock.GetUtcNow(), CancellationToken.None);
        return sent;
    }
}
