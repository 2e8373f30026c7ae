namespace MigrationAgenda.Retention;

/// <summary>
/// How long each kind of personal data is kept (AVG), section <c>Retention</c>, in days. The blob kinds have the same
/// periods as the lifecycle rules in infra/bicep/modules/storage.bicep (the Bicep passes its parameters on as these
/// settings), so the daily run (<see cref="RetentionRun"/>) and the platform agree; on Azurite, where there are no
/// lifecycle rules, the daily run is what deletes them. Audit entries stay with their round; the final letter and its
/// manifest are public record and are never deleted.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Raw inbound mail: the archived payload (container <c>inbound</c>) and its Inbound row. Default two years.</summary>
    public int InboundMailDays { get; set; } = 730;

    /// <summary>Quarantined inbound mail (never part of a round's text): payload and row. Default 90 days.</summary>
    public int QuarantinedMailDays { get; set; } = 90;

    /// <summary>Copies of outgoing mail (container <c>outbox</c>, written when no SendGrid key is set). Default 180 days.</summary>
    public int OutboxDays { get; set; } = 180;

    /// <summary>
    /// The orchestration history (task hub) of a finished round, counted from its final letter (or its cancellation):
    /// the history holds the plan and every mail's input; status and letter are served from the tables and blobs after.
    /// Default 30 days.
    /// </summary>
    public int HistoryDaysAfterFinal { get; set; } = 30;

    /// <summary>
    /// A finished round's addresses and mail bodies (what <c>purge-personal-data</c> removes), counted from its final
    /// letter (or cancellation), when nobody purged them sooner. Default two years, as raw mail; 0 turns it off.
    /// </summary>
    public int PersonalDataDaysAfterFinal { get; set; } = 730;

    /// <summary>How often Standalone runs the retention (the Functions app: <c>RetentionFunction.Schedule</c>, daily).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Standalone waits this long after start before its first run, so a start is not slowed by it.</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(2);

    public static TimeSpan Days(int days) => TimeSpan.FromDays(Math.Max(0, days));
}
