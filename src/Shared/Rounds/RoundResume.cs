namespace MigrationAgenda.Rounds;

/// <summary>
/// The resume marker in a round's orchestration input: a new run under the same instance id that carries on from the
/// failed run's last published status (<see cref="RoundProgress.Restore"/>), the store filling in what came since
/// (contributions by <c>ReadReceived</c>, sent messages by the mail ledger, drafts by <c>LoadDraft</c>).
/// </summary>
/// <param name="Status">The failed run's last custom status; null when it failed before publishing one.</param>
/// <param name="Count">How often the round has been resumed, this time included.</param>
/// <param name="FailedAt">When the failed run ended.</param>
public sealed record RoundResume(RoundStatus? Status, int Count, DateTimeOffset FailedAt);
