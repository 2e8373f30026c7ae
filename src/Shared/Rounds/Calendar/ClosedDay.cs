namespace MigrationAgenda.Rounds.Calendar;

/// <summary>Why a date is not a working day: "zaterdag", "Koningsdag", or a closed period's name.</summary>
public sealed record ClosedDay(DateOnly Date, string Reason);
