namespace MigrationAgenda.Intake;

public enum SenderCheckOutcome
{
    Allowed,
    NotOnAllowList,
    AuthenticationFailed,
}

/// <summary>
/// The verdict on who sent a reply. <see cref="SenderAuthenticated"/> is separate from the outcome because it
/// decides whether an explanatory reply may go out at all: answering an unauthenticated From address
/// would send our mail to whoever was spoofed (backscatter). <see cref="Authentication"/> is what SPF and DKIM
/// said, for the reason shown to the coordinator (worded by <see cref="IntakeWording"/>).
/// </summary>
public sealed record SenderCheckResult(
    SenderCheckOutcome Outcome,
    string Sender,
    bool SpfAligned,
    bool DkimAligned,
    SenderAuthentication Authentication)
{
    public bool Allowed => Outcome == SenderCheckOutcome.Allowed;
    /// <summary>SPF or DKIM passed for the From domain: the From address is real.</summary>
    public bool SenderAuthenticated => SpfAligned || DkimAligned;
}

/// <summary>
/// Accepts a reply only from an address or domain on the ministry's allow-list, and only when SPF or DKIM
/// vouches for the From domain. Allow-list entries: "a@b.nl" (that address), "b.nl" (addresses at exactly
/// b.nl), ".b.nl" (addresses at any subdomain of b.nl, not b.nl itself). A subdomain is not covered by its
/// parent's entry: a ministry's domain does not vouch for every host or tenant below it.
/// </summary>
public static class SenderCheck
{
    public static SenderCheckResult Check(InboundMessage message, IReadOnlyList<string> allowedSenders, IReadOnlyList<string>? trustedAuthServIds = null)
    {
        var address = message.From.Address.Trim().ToLowerInvariant();
        var fromDomain = message.From.Domain;
        var auth = SenderAuthentication.From(message, trustedAuthServIds);

        // SPF is about the envelope sender; it vouches for the From domain only when the two align.
        var spfAligned = auth.SpfPassed && auth.SpfDomain is { } spfDomain && Aligned(spfDomain, fromDomain);
        // DKIM vouches for the From domain when the signer is that domain or a parent of it (d=bz.example signs mail.bz.example).
        var dkimAligned = auth.Dkim.Any(d => d.Passed && (d.Domain == fromDomain || fromDomain.EndsWith("." + d.Domain, StringComparison.Ordinal)));

        if (!IsOnAllowList(address, allowedSenders))
            return new(SenderCheckOutcome.NotOnAllowList, address, spfAligned, dkimAligned, auth);
        if (!spfAligned && !dkimAligned)
            return new(SenderCheckOutcome.AuthenticationFailed, address, spfAligned, dkimAligned, auth);
        return new(SenderCheckOutcome.Allowed, address, spfAligned, dkimAligned, auth);
    }

    public static bool IsOnAllowList(string address, IReadOnlyList<string> allowedSenders)
    {
        address = address.Trim().ToLowerInvariant();
        var domain = SenderAuthentication.DomainOf(address);
        if (domain is null) return false;
        foreach (var raw in allowedSenders)
        {
            var entry = raw.Trim().TrimEnd('.').ToLowerInvariant();
            if (entry.Length == 0) continue;
            if (entry.Contains('@', StringComparison.Ordinal))
            {
                if (entry == address) return true;
            }
            else if (entry.StartsWith('.'))
            {
                if (domain.EndsWith(entry, StringComparison.Ordinal) && domain.Length > entry.Length) return true;
            }
            else if (entry == domain)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Relaxed alignment as DMARC has it, without a public-suffix list: same domain or one below the other.</summary>
    private static bool Aligned(string a, string b) =>
        a == b || a.EndsWith("." + b, StringComparison.Ordinal) || b.EndsWith("." + a, StringComparison.Ordinal);
}
