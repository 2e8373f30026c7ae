namespace MigrationAgenda.Rounds;

/// <summary>Names of the external events the round orchestration listens for.</summary>
public static class RoundEvents
{
    public const string ContributionReceived = nameof(ContributionReceived);
    /// <summary>
    /// Several contributions in one event (<see cref="MigrationAgenda.Rounds.ContributionsReceived"/>): replies to one round
    /// that arrive together cost one queue message and one orchestration episode. The singular event stays understood.
    /// </summary>
    public const string ContributionsReceived = nameof(ContributionsReceived);
    public const string Command = "RoundCommand";
    /// <summary>A request, reminder or escalation to a ministry's contact could not be delivered (<see cref="MailUndeliverable"/>).</summary>
    public const string MailUndeliverable = nameof(MailUndeliverable);
}

/// <summary>Raised once per stored submission (an HTTP post or one e-mail), after the texts are stored.</summary>
public sealed record ContributionReceived
{
    public required string Ministry { get; init; }
    public required IReadOnlyList<int> Pillars { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    /// <summary>"http" or "mail".</summary>
    public string Source { get; init; } = "http";
    public string? MessageId { get; init; }
}

/// <summary>Contributions told together (the intake group-commits the replies of one round that arrive while a raise is in flight).</summary>
public sealed record ContributionsReceived
{
    public required IReadOnlyList<ContributionReceived> Items { get; init; }
}

public enum RoundCommandKind
{
    Extend,
    Close,
    Cancel,
    Approve,
    Reopen,
    /// <summary>The coordinator changed the letter's texts during review: assemble a new draft.</summary>
    Redraft,
}

/// <summary>A coordinator's or approver's decision, delivered as one event type so one waiter serves all.</summary>
public sealed record RoundCommand
{
    public required RoundCommandKind Kind { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public string? Ministry { get; init; }
    public IReadOnlyList<int>? Pillars { get; init; }
    public string? Note { get; init; }
    /// <summary>The actor (<see cref="MigrationAgenda.Access.Caller.Actor"/>): set by the app from the signed-in caller, never by the caller.</summary>
    public string? By { get; init; }
    /// <summary>The actor's display name, for the timeline.</summary>
    public string? ByName { get; init; }
    /// <summary>
    /// The draft an approve or reopen is about, when the caller knows it (a reply by mail names its draft): the
    /// orchestration takes it only for that draft, never for a newer one the approver has not seen. Null: the one in review.
    /// </summary>
    public int? Draft { get; init; }
}
