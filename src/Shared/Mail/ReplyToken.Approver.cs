using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MigrationAgenda.Mail;

/// <summary>
/// The approver's reply address on a draft for approval, <c>besluit+TOKEN@inbound-domain</c>: it names the round, the
/// draft and the approver it was sent to, so the approver decides by answering the mail (intake reads "Akkoord" or
/// "Heropenen …"), without a portal.
/// </summary>
/// <remarks>
/// Format: <c>{round}.{draft}.{approver}.{day}.{kid}{mac}</c>, e.g. <c>besluit+ima-2027.2.q7zk.1ab.amk4v2x7hq3rsa</c>:
/// the draft number (1..999); four base32 characters of a keyed hash of the approver's address (lower case), so the
/// token is bound to the person it went to without carrying the address; the day and key id as in a ministry's token;
/// the mac is HMAC-SHA256 under its own version tag ("ima-approver-v1"), so a ministry's token can never pass for an
/// approver's or the other way round, even were the fields to line up. A different prefix (<see cref="ApproverPrefix"/>)
/// keeps the two apart for intake and for people reading the address. At most 8 + 24 + 3 + 4 + 4 + 14 + 4 dots = 61
/// characters, inside the 64 a local part may have.
/// </remarks>
public sealed partial class ReplyToken
{
    public const string ApproverPrefix = "besluit+";
    public const int MaxDraft = 999;

    private const int ApproverTagChars = 4; // 20 bits: binds the token to its approver; the mac makes it unforgeable

    /// <summary>The approver token alone (what follows <c>besluit+</c>).</summary>
    public string IssueApprover(string roundId, int draft, string approver, DateTimeOffset issuedAt)
    {
        var round = roundId.Trim().ToLowerInvariant();
        if (round.Length is 0 or > MaxRoundIdLength || !RoundPattern().IsMatch(round))
            throw new ArgumentException($"Round id '{roundId}' cannot go in a reply address: use 1-{MaxRoundIdLength} characters a-z, 0-9 and '-'.", nameof(roundId));
        if (draft is < 1 or > MaxDraft)
            throw new ArgumentOutOfRangeException(nameof(draft), draft, $"A draft number is 1..{MaxDraft}.");
        if (string.IsNullOrWhiteSpace(approver) || !approver.Contains('@', StringComparison.Ordinal))
            throw new ArgumentException("An approver token needs the approver's address.", nameof(approver));
        var days = (int)Math.Floor((issuedAt.ToUniversalTime() - Epoch).TotalDays);
        if (days < 0)
            throw new ArgumentOutOfRangeException(nameof(issuedAt), issuedAt, "Reply tokens count days from 2020-01-01.");

        var kid = _keys.CurrentId;
        var key = _keys.Keys[kid];
        var body = $"{round}.{draft.ToString(CultureInfo.InvariantCulture)}.{ApproverTag(key, approver)}.{ToBase36(days)}";
        var token = $"{body}.{kid}{ApproverMac(key, kid, body)}";
        if (ApproverPrefix.Length + token.Length > MaxLocalPartLength)
            throw new ArgumentException($"Approver address local part would be {ApproverPrefix.Length + token.Length} characters, more than {MaxLocalPartLength}.");
        return token;
    }

    /// <summary>The approver's Reply-To on a draft, <c>besluit+TOKEN@inbound-domain</c>.</summary>
    public string ApproverAddress(string roundId, int draft, string approver, DateTimeOffset issuedAt) =>
        $"{ApproverPrefix}{IssueApprover(roundId, draft, approver, issuedAt)}@{_inboundDomain}";

    /// <summary>
    /// Checks an approver token (an address in any of the forms <see cref="Validate"/> takes, or the bare token). The
    /// same order as a ministry's token: an altered token is a bad signature even when it also looks expired.
    /// </summary>
    public ApproverTokenCheck ValidateApprover(string? addressOrToken, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(addressOrToken))
            return ApproverTokenCheck.Fail(ReplyTokenFailure.Missing);
        var text = addressOrToken.Trim();
        var candidate = FindApproverTokensIn(text).FirstOrDefault();
        if (candidate is null)
        {
            if (text.Contains('@') || text.Contains(' ') || text.Contains('<'))
                return ApproverTokenCheck.Fail(ReplyTokenFailure.Missing);
            candidate = text.ToLowerInvariant();
        }

        var match = ApproverTokenPattern().Match(candidate);
        if (!match.Success || !int.TryParse(match.Groups["draft"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var draft) || draft < 1)
            return ApproverTokenCheck.Fail(ReplyTokenFailure.Malformed);
        var kid = match.Groups["kid"].Value[0];
        if (!_keys.Keys.TryGetValue(kid, out var key))
            return ApproverTokenCheck.Fail(ReplyTokenFailure.RetiredKey);
        var body = candidate[..candidate.LastIndexOf('.')];
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ApproverMac(key, kid, body)), Encoding.ASCII.GetBytes(match.Groups["mac"].Value)))
            return ApproverTokenCheck.Fail(ReplyTokenFailure.BadSignature);

        var data = new ApproverTokenData(match.Groups["round"].Value, draft, match.Groups["tag"].Value, kid, Epoch.AddDays(FromBase36(match.Groups["day"].Value)));
        if (now > data.IssuedAt.AddDays(1) + _lifetime)
            return ApproverTokenCheck.Fail(ReplyTokenFailure.Expired, data);
        return new ApproverTokenCheck { Token = data };
    }

    /// <summary>True when the (valid) token was issued to <paramref name="approver"/> (case-insensitive).</summary>
    public bool IsIssuedTo(ApproverTokenData token, string approver) =>
        _keys.Keys.TryGetValue(token.KeyId, out var key)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ApproverTag(key, approver)), Encoding.ASCII.GetBytes(token.ApproverTag));

    /// <summary>The approver tokens in a set of addresses (To, Cc, envelope recipients), lower case, in order, without duplicates.</summary>
    public static IEnumerable<string> FindApproverTokens(IEnumerable<string?> addresses) =>
        addresses.Where(a => !string.IsNullOrEmpty(a)).SelectMany(a => FindApproverTokensIn(a!)).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> FindApproverTokensIn(string text)
    {
        foreach (Match m in ApproverAddressPattern().Matches(text))
            yield return m.Groups["token"].Value.ToLowerInvariant();
    }

    private static string ApproverTag(byte[] key, string approver) =>
        ToBase32(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("ima-approver-tag|" + approver.Trim().ToLowerInvariant())), ApproverTagChars);

    // Its own version tag: the same key signs ministry tokens, and the two kinds must never verify as each other.
    private static string ApproverMac(byte[] key, char kid, string body) =>
        ToBase32(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"ima-approver-v1|{kid}|{body.Replace('.', '|')}")), MacChars);

    [GeneratedRegex("^(?<round>[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?)\\.(?<draft>[0-9]{1,3})\\.(?<tag>[a-z2-7]{4})\\.(?<day>[0-9a-z]{1,4})\\.(?<kid>[a-z0-9])(?<mac>[a-z2-7]{13})$")]
    private static partial Regex ApproverTokenPattern();

    [GeneratedRegex("besluit\\+(?<token>[^@\\s<>\"',;]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApproverAddressPattern();
}

/// <summary>What a valid approver token says: the round, the draft, the approver it went to (as a tag), when.</summary>
public sealed record ApproverTokenData(string RoundId, int Draft, string ApproverTag, char KeyId, DateTimeOffset IssuedAt);

/// <summary>The outcome of <see cref="ReplyToken.ValidateApprover"/>, with the same failures as a ministry's token.</summary>
public sealed record ApproverTokenCheck
{
    public ApproverTokenData? Token { get; init; }
    public ReplyTokenFailure Failure { get; init; }
    public bool IsValid => Failure == ReplyTokenFailure.None;
    public string English => ReplyTokenCheck.EnglishMessage(Failure);

    internal static ApproverTokenCheck Fail(ReplyTokenFailure failure, ApproverTokenData? data = null) => new() { Failure = failure, Token = data };
}
