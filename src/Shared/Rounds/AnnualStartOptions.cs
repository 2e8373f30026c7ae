namespace MigrationAgenda.Rounds;

/// <summary>Configuration section <c>Rounds:AnnualStart</c>: the timer that starts a definition's round every year (<see cref="AnnualStarter"/>).</summary>
public sealed class AnnualStartOptions
{
    public const string Section = "Rounds:AnnualStart";

    /// <summary>False stops every automatic start (both hosts); the overview says so. Rounds can still be started by hand.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Between two passes in Standalone's serve (the Functions app's timer runs every 15 minutes).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long after its start moment a round is still started automatically (a host that was down over the start
    /// day); later, the start is reported as missed and left to the coordinator, so a fresh deployment or a host back
    /// after months never sends requests with a deadline days away.
    /// </summary>
    public TimeSpan CatchUp { get; set; } = TimeSpan.FromDays(7);
}
