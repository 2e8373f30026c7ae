using Microsoft.DurableTask;
using MigrationAgenda.Mail;
using MigrationAgenda.Letters;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

/// <summary>Mails the approver the draft: what is missing and what changed since the previous draft.</summary>
public sealed class SendDraftForApproval(RoundMailer mailer, MailComposer composer) : TaskActivity<DraftSummary, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, DraftSummary draft)
    {
        var plan = await mailer.PlanAsync(draft.RoundId);
        return await mailer.SendAsync(composer.DraftForApproval(plan, draft.Number, draft.Missing, draft.Changes,
            LetterLinks.Describe(draft.RoundId, LetterStore.DraftVersion(draft.Number))) with { MessageId = MessageIds.DraftForApproval(draft.Number) });
    }
}
