namespace MigrationAgenda.Mail;

/// <summary>Configuration section "Mail": who the mail comes from and where replies go.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>When set, mail goes out through SendGrid; when empty, to the local outbox (no account needed).</summary>
    public string? SendGridApiKey { get; set; }

    public string FromAddress { get; set; } = "migratieagenda@noreply.example";

    public string FromName { get; set; } = "Integrale Migratieagenda";

    /// <summary>The domain whose MX points at SendGrid Inbound Parse; reply addresses live here.</summary>
    public string InboundDomain { get; set; } = "inbound.migratieagenda.example";

    /// <summary>Overrides SendGrid's API host; tests point it at a local fake server (http://127.0.0.1:PORT).</summary>
    public string? SendGridHost { get; set; }

    /// <summary>
    /// Public base address of the HTTP API (e.g. "https://ima.example.nl"), so approval mails can show a
    /// complete URL. Without it they show the route only.
    /// </summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>
    /// The SendGrid Event Webhook's verification key, as SendGrid's settings page shows it after "Enable Signed Event
    /// Webhook": base64 of the ECDSA P-256 public key (DER SubjectPublicKeyInfo). Without it the webhook refuses every
    /// post (503, so SendGrid keeps them for 24 hours while the setting is fixed).
    /// </summary>
    public string? EventWebhookPublicKey { get; set; }

    /// <summary>How far a signed event post's timestamp may lie from now before it is refused as a replay.</summary>
    public TimeSpan EventWebhookMaxAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one call to the provider may take before it counts as failed (and is tried again).</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the mail ledger's record of an accepted message is retried in-process (storage down) before the
    /// activity gives up. Every second of it keeps the one window where a message can go out twice closed.
    /// </summary>
    public TimeSpan RecordFor { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// After how long a claim without a record counts as abandoned (its process died between claim and record) and the
    /// message is sent again. Never less than <see cref="SendTimeout"/> plus <see cref="RecordFor"/> plus a margin.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The claim timeout in force: the configured one, or the least that keeps a live send from being taken over.</summary>
    public TimeSpan EffectiveClaimTimeout => ClaimTimeout > SendTimeout + RecordFor + TimeSpan.FromSeconds(5)
        ? ClaimTimeout
        : SendTimeout + RecordFor + TimeSpan.FromSeconds(5);
}
