using Microsoft.DurableTask;
using MigrationAgenda.Mail;
using MigrationAgenda.Letters;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

/// <summary>Tells the coordinator and every ministry that the letter is final and where it is.</summary>
public sealed class SendFinalNotice(RoundMailer mailer, MailComposer composer, LetterStore letters) : TaskActivity<FinalLetter, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, FinalLetter final)
    {
        var plan = await mailer.PlanAsync(final.RoundId);
        var manifest = await letters.ReadManifestAsync(final.RoundId, LetterStore.Final, CancellationToken.None);
        return await mailer.SendAsync(composer.Final(plan, final.DraftNumber, LetterLinks.Describe(final.RoundId, LetterStore.Final), manifest?.Missing)
            with { MessageId = MessageIds.Final(final.DraftNumber) });
    }
}
