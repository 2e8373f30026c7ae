using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>The extraction limits intake uses for a round's mail, the same for the webhook and the coordinator's release.</summary>
public static class IntakeLimits
{
    /// <summary>
    /// The store's documented limit per pillar (<see cref="ContributionStore.MaxTextLength"/>), our own sender addresses
    /// (the configured From and the round's coordinator: a forward of our request is not a contribution) and when the
    /// message arrived (an out-of-office date without a year).
    /// </summary>
    public static ExtractionLimits For(MailOptions mail, RoundPlan plan, DateTimeOffset receivedAt) => ExtractionLimits.Default with
    {
        MaxSectionChars = ContributionStore.MaxTextLength,
        RequestSenders = new[] { mail.FromAddress, plan.Coordinator.Email }.Where(a => !string.IsNullOrWhiteSpace(a)).ToList(),
        ReceivedAt = receivedAt,
    };
}
