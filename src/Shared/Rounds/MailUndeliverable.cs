namespace MigrationAgenda.Rounds;

/// <summary>
/// SendGrid reported a bounce, block or drop for a message that chases a ministry (request, reminder or escalation),
/// raised by the Event Webhook once per event: the round escalates to that ministry's next contact at once instead of
/// waiting for the schedule, which would otherwise chase an address nobody reads.
/// </summary>
public sealed record MailUndeliverable
{
    public required string Ministry { get; init; }
    /// <summary>The escalation level of the contact that could not be reached (0: the request's contact).</summary>
    public required int Level { get; init; }
    /// <summary>SendGrid's name for it: bounce, blocked or dropped.</summary>
    public required string BounceType { get; init; }
    public required DateTimeOffset At { get; init; }
}
