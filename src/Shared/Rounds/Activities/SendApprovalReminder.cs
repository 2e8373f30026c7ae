using Microsoft.DurableTask;
using MigrationAgenda.Mail;
using MigrationAgenda.Letters;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

public sealed record ApprovalReminder(string RoundId, int DraftNumber, int Reminder, DateTimeOffset DraftSentAt);

/// <summary>Reminds the approver that a draft waits for a decision.</summary>
public sealed class SendApprovalReminder(RoundMailer mailer, MailComposer composer) : TaskActivity<ApprovalReminder, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, ApprovalReminder reminder)
    {
        var plan = await mailer.PlanAsync(reminder.RoundId);
        return await mailer.SendAsync(composer.ApprovalReminder(plan, reminder.DraftNumber, reminder.DraftSentAt,
            LetterLinks.Describe(reminder.RoundId, LetterStore.DraftVersion(reminder.DraftNumber)))
            with { MessageId = MessageIds.ApprovalReminder(reminder.DraftNumber, reminder.Reminder) });
    }
}
