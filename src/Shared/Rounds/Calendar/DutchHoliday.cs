namespace MigrationAgenda.Rounds.Calendar;

/// <summary>A Dutch public holiday on a date, with its Dutch name ("Koningsdag").</summary>
public sealed record DutchHoliday(DateOnly Date, string Name);
