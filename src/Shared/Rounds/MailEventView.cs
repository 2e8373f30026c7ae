using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds;

/// <summary>
/// A delivery problem SendGrid reported for one of the round's mails (bounce, blocked, dropped, deferred, spamreport),
/// with its Dutch <c>Label</c>; <c>Level</c> is the contact's escalation level for mail to a ministry.
/// </summary>
public sealed record MailEventView(DateTimeOffset At, string Event, string Label, string? Ministry, string? Kind, int? Level, string? Email, string? Reason);

/// <summary>A ministry's contact whose mail could not be delivered: the round escalated past them.</summary>
public sealed record UndeliverableContactView(int Level, string? Email, string BounceType, string Label, DateTimeOffset At);

/// <summary>The round's stored SendGrid events as the status API shows them.</summary>
public static class MailEventViews
{
    /// <summary>The view with its delivery problems, and per ministry the contacts that could not be reached.</summary>
    public static RoundView Apply(RoundView view, IReadOnlyList<StoredMailEvent> stored)
    {
        var problems = stored.Select(s => s.Event)
            .Where(e => e.IsUndeliverable || e.Event is MailEvent.Deferred or MailEvent.SpamReport).ToList();
        if (problems.Count == 0)
            return view;
        return view with
        {
            MailEvents = problems.OrderByDescending(e => e.At).Select(e => new MailEventView(e.At, e.BounceType, MailEventProcessor.Dutch(e.BounceType),
                e.Ministry, e.Kind?.ToString(), e.Ministry is null ? null : e.ContactLevel, e.Email, e.Reason)).ToList(),
            Ministries = view.Ministries.Select(m => m with
            {
                Undeliverable = problems.Where(e => e.ChasesAContact && string.Equals(e.Ministry, m.Ministry, StringComparison.OrdinalIgnoreCase))
                    .GroupBy(e => e.ContactLevel).Select(g => g.OrderBy(e => e.At).First()).OrderBy(e => e.ContactLevel)
                    .Select(e => new UndeliverableContactView(e.ContactLevel, e.Email, e.BounceType, MailEventProcessor.Dutch(e.BounceType), e.At)).ToList(),
            }).ToList(),
        };
    }
}
