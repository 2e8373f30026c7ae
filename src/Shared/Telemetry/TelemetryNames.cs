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
    /// MessageId, Outcome.
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
