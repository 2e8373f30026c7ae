namespace MigrationAgenda.Rounds;

/// <summary>
/// How long the round's activities wait out an outage (configuration section <c>Rounds:ActivityRetry</c>). Carried in the
/// plan, so the orchestrator reads no configuration and replays the same; a resumed round takes the settings in force.
/// A transient fault (storage, SendGrid, the network) is retried with exponential back-off for <see cref="MailFor"/>
/// (mail) or <see cref="StorageFor"/> (the other activities); any other fault (a bug, a poison input) is tried
/// <see cref="FaultAttempts"/> times and then fails the round, which can be resumed once it is fixed.
/// </summary>
public sealed class ActivityRetrySettings
{
    public const string Section = "Rounds:ActivityRetry";

    public TimeSpan FirstInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(10);
    public double BackoffCoefficient { get; set; } = 2;
    /// <summary>How long a mail activity keeps trying through a SendGrid or storage outage (default two days).</summary>
    public TimeSpan MailFor { get; set; } = TimeSpan.FromDays(2);
    /// <summary>How long the other activities keep trying through a storage outage (default one day).</summary>
    public TimeSpan StorageFor { get; set; } = TimeSpan.FromDays(1);
    /// <summary>Attempts for a fault that retrying does not cure, before the round fails.</summary>
    public int FaultAttempts { get; set; } = 3;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var seconds = FirstInterval.TotalSeconds * Math.Pow(BackoffCoefficient, Math.Max(0, attempt - 1));
        return seconds >= MaxInterval.TotalSeconds ? MaxInterval : TimeSpan.FromSeconds(seconds);
    }
}
