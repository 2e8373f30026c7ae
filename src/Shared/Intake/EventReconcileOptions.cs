namespace MigrationAgenda.Intake;

/// <summary>Configuration section <c>Rounds:EventReconcile</c>: how often stored submissions whose event is pending are raised again.</summary>
public sealed class EventReconcileOptions
{
    public const string Section = "Rounds:EventReconcile";

    /// <summary>Between two passes (Standalone; the Functions app's timer runs every 30 seconds).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a pending event is left to the request that stored it: younger, it may be being raised right now;
    /// older, that request died between storing and telling.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(20);
}
