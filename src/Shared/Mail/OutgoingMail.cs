using MigrationAgenda.Rounds;

namespace MigrationAgenda.Mail;

public enum MailKind { Request, Reminder, Escalation, DraftForApproval, ApprovalReminder, Final, QuarantineNotice, DeadlineChanged, RoundCancelled }

/// <summary>A message ready to send, independent of how it is sent (SendGrid or the local outbox).</summary>
public sealed record OutgoingMail
{
    public required MailKind Kind { get; init; }
    public required string RoundId { get; init; }
    public string? Ministry { get; init; }
    public required IReadOnlyList<Contact> To { get; init; }
    public IReadOnlyList<Contact> Cc { get; init; } = [];
    /// <summary>reply+TOKEN@inbound-domain for messages that expect an answer.</summary>
    public string? ReplyTo { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public string? HtmlBody { get; init; }
    /// <summary>Tie SendGrid events back to the round: round, ministry, kind (and more where useful).</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();
    /// <summary>Extra message headers; the composer sets <see cref="LoopHeaders"/> on every message it makes.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>Files sent with the message, e.g. the deadline as an .ics (<see cref="DeadlineCalendar"/>).</summary>
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];
    /// <summary>
    /// What makes this message this message within its round (<see cref="MessageIds"/>): the mail ledger sends each
    /// id once. Null: <see cref="RoundMailer"/> derives one from the content.
    /// </summary>
    public string? MessageId { get; init; }
}

/// <summary>Where a sent message can be found again: a SendGrid message id or an outbox blob name.</summary>
public sealed record MailReceipt(string Channel, string Reference);

public interface IMailSender
{
    /// <summary>Sends the message. Throws <see cref="MailDeliveryException"/> when the provider refuses it.</summary>
    Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

public sealed class MailDeliveryException(string message, bool transient) : Exception(message)
{
    /// <summary>True when retrying later may succeed (429, 5xx, network).</summary>
    public bool Transient { get; } = transient;
}
