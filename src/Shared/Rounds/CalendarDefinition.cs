using System.Globalization;
using System.Text.Json.Serialization;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Rounds;

/// <summary>
/// The working-day calendar of a report definition (its "calendar" in JSON): whether its rounds count their schedule
/// in working days unless a round says otherwise, the local time reminders and escalations go out, and the days the
/// ministries are closed on top of the Dutch public holidays. Strings where a coordinator types by hand, so a mistake
/// gets a Dutch message naming the field rather than a JSON error.
/// </summary>
public sealed record CalendarDefinition
{
    public const string EveryYear = "everyYear";
    public const string LustrumYears = "lustrumYears";

    /// <summary>
    /// Rounds on this definition count steps written in whole days ("P2D") as working days, unless the round's schedule
    /// says <c>"workingDays": false</c>. Steps with hours, minutes or seconds ("PT30S") are exact elapsed time either way.
    /// </summary>
    public bool WorkingDays { get; init; }

    /// <summary>Dutch local time counted steps land at, "HH:mm" (default 09:00); a round's schedule may set its own.</summary>
    public string? TimeOfDay { get; init; }

    /// <summary>Extra closed days: every year ("12-27" to "12-31") or once ("2027-05-07").</summary>
    public IReadOnlyList<ClosedPeriod> ClosedDays { get; init; } = [];

    /// <summary>"everyYear" (default: 5 May is closed every year) or "lustrumYears" (only 2025, 2030, …).</summary>
    public string? LiberationDay { get; init; }

    /// <summary>The rule for 5 May; call <see cref="Validate"/> first (an unknown value reads as every year).</summary>
    [JsonIgnore]
    public LiberationDayRule LiberationDayRule =>
        string.Equals(LiberationDay, LustrumYears, StringComparison.OrdinalIgnoreCase) ? LiberationDayRule.LustrumYears : LiberationDayRule.EveryYear;

    /// <summary>The days the ministries work under this calendar.</summary>
    public WorkingDayCalendar ToWorkingDayCalendar() => new(ClosedDays, LiberationDayRule);

    /// <summary>"09:00" or "9:00" as a time of day; null when it is not one.</summary>
    public static TimeOnly? ParseTimeOfDay(string? value) =>
        TimeOnly.TryParseExact(value?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>The Dutch message for a time of day that is not one.</summary>
    public static string TimeOfDayProblem(string value) =>
        $"'{value}' is geen tijdstip: gebruik UU:mm in Nederlandse tijd, bijvoorbeeld '09:00'.";

    /// <summary>True when usable; otherwise every fault is in <paramref name="errors"/> under <paramref name="prefix"/> ("calendar").</summary>
    public bool Validate(ValidationErrors errors, string prefix)
    {
        var before = errors.Count;
        string At(string field) => ValidationErrors.Path(prefix, field);

        if (TimeOfDay is not null && ParseTimeOfDay(TimeOfDay) is null)
            errors.Add(At("timeOfDay"), TimeOfDayProblem(TimeOfDay));
        if (LiberationDay is not null
            && !string.Equals(LiberationDay, EveryYear, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(LiberationDay, LustrumYears, StringComparison.OrdinalIgnoreCase))
            errors.Add(At("liberationDay"),
                $"'{LiberationDay}' kennen we niet. Kies '{EveryYear}' (5 mei is elk jaar een gesloten dag) of '{LustrumYears}' (alleen in 2025, 2030, …, zoals de cao Rijk).");

        // A file may say null where the type says a list: treat it as empty.
        var closed = ClosedDays ?? [];
        for (var i = 0; i < closed.Count; i++)
        {
            if (closed[i] is not { } period)
            {
                errors.Add(At($"closedDays[{i}]"), "Verplicht: { \"from\": \"12-27\", \"to\": \"12-31\", \"name\": \"kerstvakantie\" }.");
                continue;
            }
            foreach (var problem in period.Problems())
                errors.Add(At($"closedDays[{i}]"), problem);
        }
        return errors.Count == before;
    }
}
