namespace MigrationAgenda.Intake;

/// <summary>Configuration section "Inbound": how the SendGrid webhook authenticates calls and what it accepts.</summary>
public sealed class InboundOptions
{
    public const string Section = "Inbound";

    /// <summary>When set, each call must carry it as query <c>secret</c> or as the basic-auth password.</summary>
    public string? SharedSecret { get; set; }
    /// <summary>Optional basic-auth user name; when set, basic auth must name it.</summary>
    public string? BasicAuthUser { get; set; }
    /// <summary>Optional basic-auth password accepted besides <see cref="SharedSecret"/>.</summary>
    public string? BasicAuthPassword { get; set; }
    /// <summary>Largest accepted post; SendGrid's own cap is 30 MB.</summary>
    public long MaxRequestBytes { get; set; } = 31457280;
    /// <summary>Mail with a SpamAssassin score above this is quarantined.</summary>
    public double SpamScoreThreshold { get; set; } = 5.0;

    /// <summary>The parser's limits for these options (the post's cap is <see cref="MaxRequestBytes"/>).</summary>
    public InboundLimits Limits => new() { MaxPostBytes = Math.Max(MaxRequestBytes, 1) };

    public bool AuthenticationRequired =>
        !string.IsNullOrEmpty(SharedSecret) || !string.IsNullOrEmpty(BasicAuthPassword);
}
