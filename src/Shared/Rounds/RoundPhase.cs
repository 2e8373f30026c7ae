namespace MigrationAgenda.Rounds;

/// <summary>
/// A round's phases: the only place their names are written, with the Dutch label the page and the timeline show.
/// The names are stored (Rounds table, custom status) and sent by the status API, so they never change.
/// </summary>
public static class RoundPhase
{
    public const string Starting = nameof(Starting);
    public const string Collecting = nameof(Collecting);
    public const string Assembling = nameof(Assembling);
    public const string Reviewing = nameof(Reviewing);
    public const string Approved = nameof(Approved);
    public const string Cancelled = nameof(Cancelled);
    /// <summary>The orchestration ended without approval or cancellation: it failed, or an operator terminated it.</summary>
    public const string Failed = nameof(Failed);

    public static IReadOnlyList<string> All { get; } = [Starting, Collecting, Assembling, Reviewing, Approved, Cancelled, Failed];

    /// <summary>Nothing changes any more: approved, cancelled or failed.</summary>
    public static bool IsFinished(string phase) => phase is Approved or Cancelled or Failed;

    public static string Dutch(string phase) => phase switch
    {
        Starting => "Starten",
        Collecting => "Verzamelen",
        Assembling => "Samenstellen",
        Reviewing => "Ter goedkeuring",
        Approved => "Goedgekeurd",
        Cancelled => "Geannuleerd",
        Failed => "Mislukt",
        _ => "Onbekend",
    };
}
