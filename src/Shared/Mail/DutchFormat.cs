using System.Globalization;

namespace MigrationAgenda.Mail;

/// <summary>
/// Dates as a Dutch reader expects them ("vrijdag 15 januari 2027 17:00"), in Dutch local time: a deadline
/// shown in UTC would be an hour off half the year and confuse every recipient.
/// </summary>
public static class DutchFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nl-NL");
    /// <summary>The app's one time zone: the letter's date and every deadline in mail are Dutch local time.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTimeOffset ToLocal(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone);

    /// <summary>"vrijdag 15 januari 2027 17:00"</summary>
    public static string DateTime(DateTimeOffset moment) => ToLocal(moment).ToString("dddd d MMMM yyyy HH:mm", Culture);

    /// <summary>"15 januari 2027"</summary>
    public static string Date(DateTimeOffset moment) => ToLocal(moment).ToString("d MMMM yyyy", Culture);
}
