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
}
