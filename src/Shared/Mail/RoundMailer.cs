using Microsoft.Extensions.Logging;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Mail;

/// <summary>
/// The one path every outgoing message takes (requests, reminders, escalations, drafts, the final notice and
/// quarantine notices): send, and write the audit line. A refused message (bad address) is audited and does not stop
/// the round; a transient failure throws, so an activity is retried by the orchestrator's retry policy.
/// </summary>
public sealed class RoundMailer(RoundStore rounds, IMailSender sender, AuditLog audit, TimeProvider clock, ILogger<RoundMailer> logger)
{
    public async Task<RoundPlan> PlanAsync(string roundId) =>
        (await rounds.GetAsync(roundId, CancellationToken.None))?.Plan
        ?? throw new InvalidOperationException($"Round {roundId} is not stored.");

    /// <summary>Sends one message; returns false when the provider refused it for good.</summary>
    public async Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var to = string.Join(", ", mail.To.Select(c => c.Email));
        var ministry = mail.Ministry is null ? "" : $" ({mail.Ministry})";
        try
        {
            var receipt = await sender.SendAsync(mail, cancellationToken);
            await audit.WriteAsync(mail.RoundId, AuditActions.System, AuditActions.Mail(mail.Kind),
                $"Aan {to}{ministry}: {mail.Subject} [{receipt.Channel} {receipt.Reference}]", clock.GetUtcNow(), cancellationToken);
            return true;
        }
        catch (MailDeliveryException e) when (!e.Transient)
        {
            // The provider's answer goes to the log (no addresses there); the audit says in Dutch what was refused.
            logger.LogError("Mail {Kind} for round {Round}{Ministry} was refused: {Reason}", mail.Kind, mail.RoundId, ministry, e.Message);
            await audit.WriteAsync(mail.RoundId, AuditActions.System, AuditActions.MailRefused,
                $"De mailprovider weigerde {AuditActions.MailNoun(mail.Kind)} aan {to}{ministry}; de melding staat in het logboek.",
                clock.GetUtcNow(), cancellationToken);
            return false;
        }
    }
}
