using System.Globalization;
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

    /// <summary>The one explanation a quarantined inbound message (its payload hash) gets.</summary>
    public static string QuarantineNotice(string inboundId) => $"quarantine-notice|{inboundId}";

    /// <summary>For a message built without an id: its kind, ministry, recipients and content, hashed.</summary>
    public static string FromContent(OutgoingMail mail) =>
        $"{mail.Kind.ToString().ToLowerInvariant()}|{Code(mail.Ministry ?? "all")}|sha-" + ContributionStore.Hash(string.Join('\n',
            string.Join(',', mail.To.Select(c => c.Email.ToLowerInvariant())), string.Join(',', mail.Cc.Select(c => c.Email.ToLowerInvariant())),
            mail.Subject, mail.TextBody))[..16];

    private static string Code(string ministry) => ministry.ToUpperInvariant();

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
