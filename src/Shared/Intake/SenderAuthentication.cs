using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Cryptography;

namespace MigrationAgenda.Intake;

/// <summary>One DKIM signature's verdict: the signing domain (d=) and its result.</summary>
public sealed record DkimVerdict(string Domain, string Result)
{
    public bool Passed => Result.Equals("pass", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// What the receiving mail server (SendGrid) found about a message's origin: the SPF result for the
/// envelope sender's domain and the DKIM result per signing domain. Read from SendGrid's <c>SPF</c> and
/// <c>dkim</c> fields; when those are absent, from an Authentication-Results header written by a trusted
/// server. A sender can put any Authentication-Results header in its own mail, so only those whose
/// authserv-id is trusted count.
/// </summary>
public sealed record SenderAuthentication
{
    public string? Spf { get; init; }
    /// <summary>The domain the SPF result is about (SMTP MAIL FROM), when known.</summary>
    public string? SpfDomain { get; init; }
    public IReadOnlyList<DkimVerdict> Dkim { get; init; } = [];

    public bool SpfPassed => string.Equals(Spf, "pass", StringComparison.OrdinalIgnoreCase);

    /// <summary>Authserv-ids whose Authentication-Results are believed; SendGrid's inbound MX by default.</summary>
    public static IReadOnlyList<string> DefaultTrustedAuthServIds { get; } = ["mx.sendgrid.net"];

    public static SenderAuthentication From(InboundMessage message, IReadOnlyList<string>? trustedAuthServIds = null)
    {
        var spfDomain = DomainOf(message.EnvelopeFrom);
        var spf = message.Spf;
        var dkim = ParseSendGridDkim(message.Dkim);

        if (spf is null || message.Dkim is null)
        {
            var trusted = trustedAuthServIds ?? DefaultTrustedAuthServIds;
            foreach (var header in message.AuthenticationResults)
            {
                if (!AuthenticationResults.TryParse(Encoding.UTF8.GetBytes(header), out var results)) continue;
                if (!trusted.Any(t => string.Equals(t, results.AuthenticationServiceIdentifier, StringComparison.OrdinalIgnoreCase))) continue;
                foreach (var method in results.Results)
                {
                    if (spf is null && method.Method.Equals("spf", StringComparison.OrdinalIgnoreCase))
                    {
                        spf = method.Result;
                        spfDomain = DomainOf(Property(method, "smtp", "mailfrom")) ?? spfDomain;
                    }
                    else if (message.Dkim is null && method.Method.Equals("dkim", StringComparison.OrdinalIgnoreCase)
                             && Property(method, "header", "d") is { } d)
                    {
                        dkim = [.. dkim, new DkimVerdict(d.ToLowerInvariant(), method.Result)];
                    }
                }
                break; // The topmost trusted header is the receiving server's own; older ones are history.
            }
        }

        return new SenderAuthentication { Spf = spf?.Trim().ToLowerInvariant(), SpfDomain = spfDomain, Dkim = dkim };
    }

    private static string? Property(AuthenticationMethodResult method, string type, string name) =>
        method.Properties.FirstOrDefault(p =>
            p.PropertyType.Equals(type, StringComparison.OrdinalIgnoreCase) && p.Property.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

    private static readonly Regex DkimEntry = new(@"@(?<domain>[^\s:,{}]+)\s*:\s*(?<result>[a-z]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>SendGrid's <c>dkim</c> field: <c>{@a.nl : pass, @b.nl : fail}</c>; "none" or empty means no signature.</summary>
    public static IReadOnlyList<DkimVerdict> ParseSendGridDkim(string? field)
    {
        if (string.IsNullOrWhiteSpace(field)) return [];
        return DkimEntry.Matches(field)
            .Select(m => new DkimVerdict(m.Groups["domain"].Value.TrimEnd('.').ToLowerInvariant(), m.Groups["result"].Value.ToLowerInvariant()))
            .ToList();
    }

    internal static string? DomainOf(string? addressOrDomain)
    {
        if (string.IsNullOrWhiteSpace(addressOrDomain)) return null;
        var s = addressOrDomain.Trim().Trim('<', '>');
        var at = s.LastIndexOf('@');
        var domain = (at >= 0 ? s[(at + 1)..] : s).Trim().TrimEnd('.').ToLowerInvariant();
        return domain.Length == 0 ? null : domain;
    }
}
