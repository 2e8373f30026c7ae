using Microsoft.Extensions.Logging;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

/// <summary>
/// What every mail activity does around composing its message: load the round's plan, send, and write the
/// audit line. A refused message (bad address) is recorded and does not stop the round; a transient failure
/// throws, so the activity is retried by the orchestrator's retry policy.
/// </summary>
public sealed class RoundMailer(RoundStore rounds, IMailSender sender, AuditLog audit, TimeProvider clock, ILogger<RoundMailer> logger)
{
    public async Task<RoundPlan> PlanAsync(string roundId) =>
        (await rounds.GetAsync(roundId, CancellationToken.None))?.Plan
        ?? throw new InvalidOperationException($"Round {roundId} is not stored.");

    /// <summary>Sends one message; returns false when the provider refused it for good.</summary>
    public async Task<bool> SendAsync(OutgoingMail mail)
    {
        var to = string.Join(", ", mail.To.Select(c => c.Email));
        try
        {
            var receipt = await sender.SendAsync(mail, CancellationToken.None);
            await audit.WriteAsync(mail.RoundId, "system", $"mail-{mail.Kind.ToString().ToLowerInvariant()}",
                $"{mail.Kind} aan {to}{(mail.Ministry is null ? "" : $" ({mail.Ministry})")}: {mail.Subject} [{receipt.Channel} {receipt.Reference}]",
                clock.GetUtcNow(), CancellationToken.None);
            return true;
        }
        catch (MailDeliveryException e) when (!e.Transient)
        {
            logger.LogError("Mail {Kind} for round {Round} to {To} was refused: {Reason}", mail.Kind, mail.RoundId, to, e.Message);
            await audit.WriteAsync(mail.RoundId, "system", "mail-refused", $"{mail.Kind} aan {to} geweigerd: {e.Message}",
                clock.GetUtcNow(), CancellationToken.None);
            return false;
        }
    }
}
