namespace MigrationAgenda.Intake;

/// <summary>How SendGrid delivered the message: split into fields (Parsed) or the whole MIME in <c>email</c> (Raw).</summary>
public enum InboundMode
{
    Parsed,
    Raw,
}

/// <summary>An e-mail address with its display name as the sender's client wrote it.</summary>
public sealed record InboundAddress(string Address, string? DisplayName = null)
{
    /// <summary>The part after the last '@', lower-cased; empty when the address has none.</summary>
    public string Domain
    {
        get
        {
            var at = Address.LastIndexOf('@');
            return at < 0 ? "" : Address[(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        }
    }

    public override string ToString() => string.IsNullOrEmpty(DisplayName) ? Address : $"{DisplayName} <{Address}>";
}

/// <summary>One header field of the message as received, its value unfolded and RFC 2047-decoded.</summary>
public sealed record InboundHeader(string Name, string Value);

/// <summary>A file that came with the message. Content is the decoded bytes (no transfer encoding left).</summary>
public sealed record InboundAttachment(string FileName, string ContentType, byte[] Content)
{
    public long Size => Content.LongLength;
}

/// <summary>
/// One inbound e-mail as SendGrid handed it to us, normalised so that parsed and raw mode look the same
/// to everything downstream. Values are as received: nothing here is trusted until <see cref="SenderCheck"/>
/// and the reply token say so.
/// </summary>
public sealed record InboundMessage
{
    public required InboundMode Mode { get; init; }
    public required InboundAddress From { get; init; }
    public IReadOnlyList<InboundAddress> To { get; init; } = [];
    public IReadOnlyList<InboundAddress> Cc { get; init; } = [];
    /// <summary>SMTP RCPT TO addresses (SendGrid's <c>envelope.to</c>): where the mail was really delivered.</summary>
    public IReadOnlyList<string> EnvelopeTo { get; init; } = [];
    /// <summary>SMTP MAIL FROM (SendGrid's <c>envelope.from</c>): the domain SPF was evaluated for.</summary>
    public string? EnvelopeFrom { get; init; }
    /// <summary>Single line: CR/LF and other control characters are replaced by spaces.</summary>
    public string Subject { get; init; } = "";
    public string? MessageId { get; init; }
    public string? InReplyTo { get; init; }
    public DateTimeOffset? Date { get; init; }
    public string? TextBody { get; init; }
    public string? HtmlBody { get; init; }
    /// <summary>The raw header block (parsed mode: SendGrid's <c>headers</c> field; raw mode: the message's headers).</summary>
    public string Headers { get; init; } = "";
    /// <summary>
    /// The same header block as fields, in order, in both modes (empty when parsed mode's block cannot be read):
    /// what <see cref="AutomaticMail"/> reads (Auto-Submitted, Precedence, Content-Type, Return-Path …).
    /// </summary>
    public IReadOnlyList<InboundHeader> HeaderFields { get; init; } = [];
    /// <summary>
    /// The message came with a null envelope sender (SMTP <c>MAIL FROM:&lt;&gt;</c>, as SendGrid's envelope or a
    /// <c>Return-Path: &lt;&gt;</c> header says): only delivery reports and other automatic mail are sent that way.
    /// </summary>
    public bool NullSender { get; init; }
    /// <summary>SendGrid's <c>SPF</c> field as posted: pass, fail, softfail, neutral, none …</summary>
    public string? Spf { get; init; }
    /// <summary>SendGrid's <c>dkim</c> field as posted, e.g. <c>{@bz.example : pass}</c>.</summary>
    public string? Dkim { get; init; }
    /// <summary>Values of the message's Authentication-Results headers, topmost first (raw mode, or parsed headers).</summary>
    public IReadOnlyList<string> AuthenticationResults { get; init; } = [];
    public double? SpamScore { get; init; }
    public IReadOnlyList<InboundAttachment> Attachments { get; init; } = [];

    /// <summary>The first value of header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name) =>
        HeaderFields.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}
