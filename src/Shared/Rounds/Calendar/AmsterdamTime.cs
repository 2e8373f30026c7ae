namespace MigrationAgenda.Rounds.Calendar;

/// <summary>
/// Dutch local time, the one place the Europe/Amsterdam zone is looked up for the working-day calendar. Every
/// date a ministry sees (a reminder at 09:00, a deadline on a Friday) is a local date, so schedule arithmetic
/// happens here and never in UTC: a week across the change to winter time is seven local days, not 168 hours.
/// IANA ids resolve on Linux and on .NET 6+ Windows with ICU.
/// </summary>
public static class AmsterdamTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTimeOffset ToLocal(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone);

    /// <summary>The Dutch calendar date of a moment (a deadline at 23:30 UTC in winter is already tomorrow here).</summary>
    public static DateOnly DateOf(DateTimeOffset moment) => DateOnly.FromDateTime(ToLocal(moment).DateTime);

    /// <summary>
    /// The moment a Dutch wall clock shows <paramref name="time"/> on <paramref name="date"/>. A time that does not
    /// exist (02:30 on the last Sunday of March) moves forward by the gap; a time that occurs twice (02:30 on the last
    /// Sunday of October) is its first occurrence, still in summer time.
    /// </summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            var before = Zone.GetUtcOffset(local.AddHours(-6));
            var after = Zone.GetUtcOffset(local.AddHours(6));
            return new DateTimeOffset(local + (after - before), after);
        }
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
