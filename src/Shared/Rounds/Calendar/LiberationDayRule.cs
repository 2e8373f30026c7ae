namespace MigrationAgenda.Rounds.Calendar;

/// <summary>
/// Whether 5 May (Bevrijdingsdag) closes the ministries. It is a national holiday every year (the Algemene
/// termijnenwet counts it as a public holiday, so a statutory term ending on it runs on), but a paid day off for
/// central-government staff by collective agreement only in lustrum years (2025, 2030, …), unless a newer agreement
/// says otherwise.
/// </summary>
public enum LiberationDayRule
{
    /// <summary>Closed every year (the default): a reminder then goes a day early rather than to an empty office.</summary>
    EveryYear,
    /// <summary>Closed only when the year is a multiple of five, as in the central-government agreement.</summary>
    LustrumYears,
}
