using System.Globalization;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Mail;

/// <summary>
/// Dates as a Dutch reader expects them ("vrijdag 15 januari 2027 17:00"), in Dutch local time: a deadline
/// shown in UTC would be an hour off half the year and confuse every recipient.
/// </summary>
public static class DutchFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nl-NL");
    /// <summary>The app's one time zone: the letter's date and every deadline in mail are Dutch local time.</summary>
    public static TimeZoneInfo Zone => AmsterdamTime.Zone;

    public static DateTimeOffset ToLocal(DateTimeOffset moment) => AmsterdamTime.ToLocal(moment);

    /// <summary>"vrijdag 15 januari 2027 17:00"</summary>
    public static string DateTime(DateTimeOffset moment) => ToLocal(moment).ToString("dddd d MMMM yyyy HH:mm", Culture);

    /// <summary>"15 januari 2027"</summary>
    public static string Date(DateTimeOffset moment) => ToLocal(moment).ToString("d MMMM yyyy", Culture);

    /// <summary>"pijler 5", "pijlers 5 en 6", "pijlers 1, 3 en 4"</summary>
    public static string PillarNumbers(IReadOnlyList<int> pillars) => pillars.Count switch
    {
        0 => "geen pijlers",
        1 => $"pijler {pillars[0]}",
        _ => $"pijlers {string.Join(", ", pillars.Take(pillars.Count - 1))} en {pillars[^1]}",
    };
}
