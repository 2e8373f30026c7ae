using Microsoft.DurableTask;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

public sealed record ContributionRequest(string RoundId, string Ministry, int Version, IReadOnlyList<int> Pillars, DateTimeOffset Deadline, string? Note);

/// <summary>Mails a ministry's level-0 contact the request for its pillars (first time, or again after a reopen).</summary>
public sealed class SendRequest(RoundMailer mailer, MailComposer composer, AssignmentStore assignments, TimeProvider clock)
    : TaskActivity<ContributionRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ContributionRequest request)
    {
        var plan = await mailer.PlanAsync(request.RoundId);
        var participant = plan.FindParticipant(request.Ministry)!;
        var sent = await mailer.SendAsync(composer.Request(plan, participant, request.Version, request.Pillars, request.Deadline, request.Note)
            with { MessageId = MessageIds.Request(participant.Code, request.Version) });
        await assignments.RecordRequestAsync(request.RoundId, participant.Code, request.Version, clock.GetUtcNow(), CancellationToken.None);
        return sent;
    }
}
