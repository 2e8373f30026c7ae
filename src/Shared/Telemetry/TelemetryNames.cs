namespace MigrationAgenda.Telemetry;

/// <summary>
/// The names the operator's alerts (infra/bicep/modules/alerts.bicep) and runbook (docs/operations.md) query in
/// Application Insights, in one place so that code and queries cannot drift apart (InfraTests check every alert's
/// query against these constants). Custom events land in the <c>customEvents</c> table with <c>name</c> set to the
/// constant and their properties in <c>customDimensions</c>, under the keys in <see cref="Properties"/>. No property
/// carries personal data: no addresses, subjects or bodies.
/// </summary>
public static class TelemetryNames
{
    // ---- Custom events the app emits (the emission lands with issue 16, telemetry part) ----------------------------

    /// <summary>A round's orchestration ended Failed. Properties: RoundId, Phase, Reason (exception type, no message).</summary>
    public const string RoundFailed = "RoundFailed";

    /// <summary>
    /// An inbound post was archived and its Inbound row written as "received", before parsing. Properties: MessageId
    /// (the Inbound row key, the payload's SHA-256). Emitted again by a reprocess.
    /// </summary>
    public const string InboundReceived = "InboundReceived";

    /// <summary>
    /// An inbound post has its outcome (accepted, duplicate, quarantined, automatic, note, released). Properties:
    /// MessageId, Outcome, and where known RoundId, Ministry and ReasonCode (an <c>IntakeReasonCode</c> name). Replies
    /// accepted, quarantined, automatic and notes are this event with their Outcome.
    /// A <see cref="InboundReceived"/> without this for the same MessageId is a message stuck in "received".
    /// </summary>
    public const string InboundSettled = "InboundSettled";

    /// <summary>
    /// SendGrid reported a delivery delay (Event Webhook <c>deferred</c>). Properties: RoundId, Ministry, Kind
    /// (<c>MailKind</c>), DelayMinutes (from our send to the event, whole minutes), SendGridMessageId.
    /// </summary>
    public const string MailDelayed = "MailDelayed";

    /// <summary>
    /// SendGrid could not deliver (Event Webhook <c>bounce</c>, <c>blocked</c> or <c>dropped</c>). Properties: RoundId,
    /// Ministry, Kind (<c>MailKind</c>: Request, Reminder, Escalation, …), BounceType (the SendGrid event), SendGridMessageId.
    /// </summary>
    public const string MailBounced = "MailBounced";

    /// <summary>
    /// The annual start started a definition's round for the year (Rounds:AnnualStart). Properties: RoundId, Source
    /// (<c>previousRound</c>: from last year's approved round; <c>definition</c>: from the definition and its contacts list).
    /// </summary>
    public const string AnnualRoundStarted = "AnnualRoundStarted";

    /// <summary>
    /// The annual start could not start a due round and will try again on its next pass. Properties: RoundId, Reason
    /// (<c>NoApprover</c>, <c>Invalid:&lt;fields&gt;</c>, <c>Conflict</c>); the Dutch message is in the log without addresses.
    /// </summary>
    public const string AnnualStartRefused = "AnnualStartRefused";

    /// <summary>
    /// The provider accepted an outgoing message (SendGrid, or the outbox without a key). Properties: RoundId, Ministry
    /// (empty for the coordinator's and approver's mail), Kind (<c>MailKind</c>: Request, Reminder, Escalation,
    /// DraftForApproval, ApprovalReminder, Final, QuarantineNotice, DeadlineChanged, RoundCancelled), Level (the
    /// escalation level; empty for other kinds), Channel (<c>sendgrid</c> or <c>outbox</c>). Requests, reminders and
    /// escalations are this event with their Kind.
    /// </summary>
    public const string MailSent = "MailSent";

    /// <summary>The provider refused an outgoing message for good (a bad address). Properties: RoundId, Ministry, Kind, Level.</summary>
    public const string MailRefused = "MailRefused";

    /// <summary>A draft letter was assembled and stored. Properties: RoundId, Draft (its number), MissingPillars, Warnings (counts).</summary>
    public const string DraftAssembled = "DraftAssembled";

    /// <summary>A draft was approved and copied to the final letter. Properties: RoundId, Draft, MissingPillars (count at approval).</summary>
    public const string RoundApproved = "RoundApproved";

    /// <summary>
    /// A failed round was resumed (<c>POST /api/rounds/{id}/resume</c>). Properties: RoundId, Phase (where it stopped),
    /// Count (how often it has been resumed, this time included).
    /// </summary>
    public const string RoundResumed = "RoundResumed";

    /// <summary>
    /// A finished round's personal data was removed (<c>POST /api/rounds/{id}/purge-personal-data</c>, or the retention
    /// timer). Properties: RoundId, Trigger (<c>request</c> or <c>retention</c>), and the counts of what changed:
    /// InboundMessages, ArchivedMails, Notes, MailEvents, AuditEntries, Contributions, OutboxCopies, History (1 when
    /// the orchestration history was purged).
    /// </summary>
    public const string PersonalDataPurged = "PersonalDataPurged";

    /// <summary>
    /// The daily retention run finished. Properties: the counts of what it removed (InboundMessages, ArchivedMails,
    /// QuarantinedMessages, OutboxCopies, MailEvents, AuditEntries, Rounds, Instances) and Failures (rounds or items
    /// it could not handle this run; the next run tries again).
    /// </summary>
    public const string RetentionApplied = "RetentionApplied";

    /// <summary>Keys in <c>customDimensions</c>.</summary>
    public static class Properties
    {
        public const string RoundId = "RoundId";
        public const string Ministry = "Ministry";
        public const string Kind = "Kind";
        public const string Phase = "Phase";
        public const string Reason = "Reason";
        public const string MessageId = "MessageId";
        public const string Outcome = "Outcome";
        public const string DelayMinutes = "DelayMinutes";
        public const string BounceType = "BounceType";
        public const string SendGridMessageId = "SendGridMessageId";
        public const string Source = "Source";
        public const string Level = "Level";
        public const string Channel = "Channel";
        public const string ReasonCode = "ReasonCode";
        public const string Draft = "Draft";
        public const string MissingPillars = "MissingPillars";
        public const string Warnings = "Warnings";
        public const string Trigger = "Trigger";
        public const string Failures = "Failures";
        public const string Count = "Count";
    }

    /// <summary>
    /// The log scopes every line of a round's work and of intake carries (<see cref="LogScopes"/>): Application Insights
    /// puts them in the trace's <c>customDimensions</c> and Standalone's JSON console log in <c>Scopes</c>, under the
    /// same keys the custom events use, so one query finds a round's events and log lines together.
    /// </summary>
    public static class Scopes
    {
        /// <summary>The round id (= the orchestration instance id): in every activity, every route on a round, intake once the reply token names the round.</summary>
        public const string RoundId = Properties.RoundId;
        /// <summary>The inbound message id (the payload's SHA-256, the Inbound row key): intake from the moment the post is archived, and the routes on one message.</summary>
        public const string MessageId = Properties.MessageId;
    }

    // ---- Telemetry the platform already emits, under names our code sets ----------------------------------------------

    /// <summary>The webhook's function name: the Functions host logs each call in <c>requests</c> under this name.</summary>
    public const string InboundWebhookFunction = "InboundSendGrid";

    /// <summary>The round's orchestrator function name, as the Durable Task extension's tracking traces name it.</summary>
    public const string RoundOrchestratorFunction = "RoundOrchestrator";

    /// <summary>
    /// The Durable Task extension's tracking traces (<c>traces</c>, this category) carry <c>prop__functionName</c>,
    /// <c>prop__instanceId</c> (the round id), <c>prop__state</c> (<see cref="DurableStateFailed"/> when an
    /// orchestration fails) and <c>prop__isReplay</c>.
    /// </summary>
    public const string DurableTrackingCategory = "Host.Triggers.DurableTask";

    public const string DurableStateFailed = "Failed";
}
