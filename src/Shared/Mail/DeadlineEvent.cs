using MigrationAgenda.Rounds;

namespace MigrationAgenda.Mail;

/// <summary>
/// What a ministry's calendar shows for its deadline: one event per round and ministry. <see cref="Sequence"/> counts
/// the changes of that ministry's deadline (0 at the first request, +1 at each extend or reopen), so a later .ics with
/// the same UID replaces the earlier one in Outlook; reminders for an unchanged deadline repeat the same sequence.
/// </summary>
public sealed record DeadlineEvent
{
    public required string RoundId { get; init; }
    public required string Ministry { get; init; }
    /// <summary>The ministry's name, e.g. "Ministerie van Sociale Zaken en Werkgelegenheid".</summary>
    public required string MinistryName { get; init; }
    /// <summary>The letter, e.g. "Voortgang Integrale Migratieagenda 2027".</summary>
    public required string LetterName { get; init; }
    /// <summary>The pillars asked for, in order, with their titles.</summary>
    public required IReadOnlyList<PillarDefinition> Pillars { get; init; }
    public required DateTimeOffset Deadline { get; init; }
    /// <summary>When the calendar reminds the reader, before the deadline; compute it with the working-day calendar (e.g. one working day before, 09:00).</summary>
    public required DateTimeOffset RemindAt { get; init; }
    public int Sequence { get; init; }

    /// <summary>The event for a ministry's pillars in a round, the letter name and titles taken from the plan's definition.</summary>
    public static DeadlineEvent For(RoundPlan plan, Participant participant, IReadOnlyList<int> pillars, DateTimeOffset deadline, DateTimeOffset remindAt, int sequence) => new()
    {
        RoundId = plan.RoundId,
        Ministry = participant.Code,
        MinistryName = participant.Name,
        LetterName = $"{plan.Definition.Title} {plan.Year}",
        Pillars = pillars.Select(p => new PillarDefinition { Number = p, Title = plan.PillarTitle(p) }).ToList(),
        Deadline = deadline,
        RemindAt = remindAt,
        Sequence = sequence,
    };
}
