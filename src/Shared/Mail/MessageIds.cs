using System.Globalization;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Mail;

/// <summary>
/// The deterministic id of every outgoing message within its round: what makes it unique, never a clock or a GUID.
/// The mail ledger (<see cref="MailLedger"/>, PK round, RK this id) sends each id once, the outbox names its blob after
/// it, and SendGrid carries it back in the custom arg <c>messageId</c>. Built from the activity's input, so a retried
/// activity, a replayed orchestration, a resumed round and a restarted host all arrive at the same id.
/// </summary>
public static class MessageIds
{
    /// <summary>The request for version <paramref name="version"/> (1, and one more after each reopen).</summary>
    public static string Request(string ministry, int version) => $"request|{Code(ministry)}|v{N(version)}";

    /// <summary>The round's <paramref name="reminder"/>-th reminder (counted over the round, 1-based) to a ministry.</summary>
    public static string Reminder(string ministry, int version, int reminder) => $"reminder|{Code(ministry)}|v{N(version)}|r{N(reminder)}";

    /// <summary>Escalation level <paramref name="level"/> against <paramref name="deadline"/>: an extended deadline escalates anew.</summary>
    public static string Escalation(string ministry, int version, int level, DateTimeOffset deadline) =>
        $"escalation|{Code(ministry)}|v{N(version)}|l{N(level)}|{deadline.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";

    public static string DraftForApproval(int draft) => $"draft|{N(draft)}";

    public static string ApprovalReminder(int draft, int reminder) => $"approval-reminder|{N(draft)}|r{N(reminder)}";

    public static string Final(int draft) => $"final|{N(draft)}";

    /// <summary>
    /// The one explanation a sender gets per reason and Dutch calendar day (the moment the mail came in), however many
    /// of their messages are quarantined for it: the notice is an automatic answer, and a second one about the same
    /// thing tells them nothing new (RFC 3834 asks an automatic responder not to answer one sender again and again).
    /// The address is in it only as its hash.
    /// </summary>
    public static string QuarantineNotice(string sender, string reasonCode, DateTimeOffset receivedAt) =>
        $"quarantine-notice|{MailLedger.RecipientHashOf([sender])}|{reasonCode}|{AmsterdamTime.DateOf(receivedAt).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";

    /// <summary>The one confirmation of the approver's decision by mail on <paramref name="draft"/> (a draft is decided once).</summary>
    public static string DecisionConfirmed(int draft) => $"decision-confirmed|{N(draft)}";

    /// <summary>The one answer to a reply on a draft that was not taken as a decision (its payload hash).</summary>
    public static string DecisionAnswer(string inboundId) => $"decision-answer|{inboundId}";

    /// <summary>For a message built without an id: its kind, ministry, recipients and content, hashed.</summary>
    public static string FromContent(OutgoingMail mail) =>
        $"{mail.Kind.ToString().ToLowerInvariant()}|{Code(mail.Ministry ?? "all")}|sha-" + ContributionStore.Hash(string.Join('\n',
            string.Join(',', mail.To.Select(c => c.Email.ToLowerInvariant())), string.Join(',', mail.Cc.Select(c => c.Email.ToLowerInvariant())),
            mail.Subject, mail.TextBody))[..16];

    private static string Code(string ministry) => ministry.ToUpperInvariant();

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
