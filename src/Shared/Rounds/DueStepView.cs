using MigrationAgenda.Mail;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Rounds;

/// <summary>
/// A step of the round's schedule as the status API and the page show it: what (reminder, escalation level, cut-off),
/// when, and a Dutch line for the page ("volgende herinnering: woensdag 24 maart 2027 09:00").
/// </summary>
public sealed record DueStepView(DueKind Kind, int Level, DateTimeOffset At, string Label)
{
    /// <summary>The step the round waits for now.</summary>
    public static DueStepView Next(DueStep step) =>
        new(step.Kind, step.Level, step.At, $"volgende {Noun(step.Kind, step.Level)}: {DutchFormat.DateTime(step.At)}");

    /// <summary>Every planned moment for the current deadline, in schedule order: reminders, escalation levels, cut-off.</summary>
    public static IReadOnlyList<DueStepView> Planned(DueTimes? due) => due is null ? [] :
    [
        .. due.Reminders.Select(at => Step(DueKind.Reminder, 0, at)),
        .. due.Escalations.Select((at, i) => Step(DueKind.Escalation, i + 1, at)),
        Step(DueKind.CutOff, 0, due.CutOff),
    ];

    private static DueStepView Step(DueKind kind, int level, DateTimeOffset at) =>
        new(kind, level, at, $"{Noun(kind, level)}: {DutchFormat.DateTime(at)}");

    private static string Noun(DueKind kind, int level) => kind switch
    {
        DueKind.Reminder => "herinnering",
        DueKind.Escalation => $"escalatie (niveau {level})",
        _ => "sluiting",
    };
}
