using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Mail;

/// <summary>
/// Tells the operator about every message the provider accepted (<see cref="TelemetryNames.MailSent"/>: requests,
/// reminders, escalations and the rest, by Kind) or refused for good (<see cref="TelemetryNames.MailRefused"/>), around
/// whichever sender the host uses. Only the round, ministry, kind and level go out: no address, subject or body.
/// </summary>
public sealed class TrackedMailSender(IMailSender inner, IOperatorEvents events) : IMailSender
{
    public async Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        MailReceipt receipt;
        try
        {
            receipt = await inner.SendAsync(mail, cancellationToken);
        }
        catch (MailDeliveryException e) when (!e.Transient)
        {
            events.Track(TelemetryNames.MailRefused, Properties(mail));
            throw;
        }
        var properties = Properties(mail);
        properties[TelemetryNames.Properties.Channel] = receipt.Channel;
        events.Track(TelemetryNames.MailSent, properties);
        return receipt;
    }

    private static Dictionary<string, string> Properties(OutgoingMail mail) => new()
    {
        [TelemetryNames.Properties.RoundId] = mail.RoundId,
        [TelemetryNames.Properties.Ministry] = mail.Ministry ?? "",
        [TelemetryNames.Properties.Kind] = mail.Kind.ToString(),
        [TelemetryNames.Properties.Level] = mail.Kind == MailKind.Escalation && mail.CustomArgs.TryGetValue("level", out var level) ? level : "",
    };
}
