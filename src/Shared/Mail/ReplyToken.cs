using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace MigrationAgenda.Mail;

/// <summary>
/// Issues and checks the token in a request's Reply-To, <c>reply+TOKEN@inbound-domain</c>, so that an
/// answer maps to its round, ministry and request version without any portal or lookup table.
/// </summary>
/// <remarks>
/// Format: <c>{round}.{ministry}.{version}.{day}.{kid}{mac}</c>, e.g. <c>ima-2021.szw.1.k3f.aabcdefghijklm</c>.
/// Everything is lower case because mail systems may lower-case the local part; the ministry code
/// therefore comes back lower case and callers map it to the plan's participant.
/// The day is days since 2020-01-01 in base 36; kid is the one-character id of the signing key
/// (<see cref="TokenOptions.KeyId"/>), so a key can be rotated while older reply addresses keep working; the mac is
/// HMAC-SHA256 over a version tag, the key id and the fields, truncated to 65 bits and written in lower-case base32.
/// Tokens from before key ids (<c>{round}.{ministry}.{version}.{day}.{mac}</c>, a 13-character last field) are
/// still accepted with any key in the ring: they are in mailboxes until they expire.
/// The whole local part stays within the 64 characters RFC 5321 allows: the key id's character is paid for by
/// allowing request versions up to 999 rather than 9999.
/// </remarks>
public sealed partial class ReplyToken
{
    public const string Prefix = "reply+";
    public const int MaxRoundIdLength = 24;
    public const int MaxMinistryLength = 10;
    public const int MaxVersion = 999;
    public const int MaxLocalPartLength = 64;

    private const int MacChars = 13; // 13 base32 chars = 65 bits, above the 64-bit floor
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TokenKeyRing _keys;
    private readonly TimeSpan _lifetime;
    private readonly string _inboundDomain;

    public ReplyToken(TokenOptions tokens, MailOptions mail)
    {
        _keys = tokens.KeyRing();
        _lifetime = tokens.Lifetime;
        _inboundDomain = mail.InboundDomain.Trim().ToLowerInvariant();
        if (_inboundDomain.Length == 0)
            throw new InvalidOperationException("The setting Mail:InboundDomain is empty; reply addresses need a domain.");
    }

    public string InboundDomain => _inboundDomain;

    /// <summary>The token alone (what follows <c>reply+</c>).</summary>
    public string Issue(string roundId, string ministry, int version, DateTimeOffset issuedAt)
    {
        var round = roundId.Trim().ToLowerInvariant();
        var code = ministry.Trim().ToLowerInvariant();
        if (round.Length is 0 or > MaxRoundIdLength || !RoundPattern().IsMatch(round))
            throw new ArgumentException($"Round id '{roundId}' cannot go in a reply address: use 1-{MaxRoundIdLength} characters a-z, 0-9 and '-'.", nameof(roundId));
        if (code.Length is 0 or > MaxMinistryLength || !MinistryPattern().IsMatch(code))
            throw new ArgumentException($"Ministry code '{ministry}' cannot go in a reply address: use 1-{MaxMinistryLength} letters or digits.", nameof(ministry));
        if (version is < 1 or > MaxVersion)
            throw new ArgumentOutOfRangeException(nameof(version), version, $"A request version is 1..{MaxVersion}.");
        var days = (int)Math.Floor((issuedAt.ToUniversalTime() - Epoch).TotalDays);
        if (days < 0)
            throw new ArgumentOutOfRangeException(nameof(issuedAt), issuedAt, "Reply tokens count days from 2020-01-01.");

        var body = $"{round}.{code}.{version.ToString(CultureInfo.InvariantCulture)}.{ToBase36(days)}";
        var kid = _keys.CurrentId;
        var token = $"{body}.{kid}{Mac(_keys.Keys[kid], kid, body)}";
        if (Prefix.Length + token.Length > MaxLocalPartLength)
            throw new ArgumentException($"Reply address local part would be {Prefix.Length + token.Length} characters, more than {MaxLocalPartLength}.");
        return token;
    }

    /// <summary>The full Reply-To address, <c>reply+TOKEN@inbound-domain</c>.</summary>
    public string ReplyAddress(string roundId, string ministry, int version, DateTimeOffset issuedAt) =>
        $"{Prefix}{Issue(roundId, ministry, version, issuedAt)}@{_inboundDomain}";

    /// <summary>
    /// Checks an address (bare, in angle brackets, with a display name) or a bare token.
    /// The order of checks matters: an altered token is BadSignature even when it also looks expired,
    /// so a forger learns nothing from the answer.
    /// </summary>
    public ReplyTokenCheck Validate(string? addressOrToken, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(addressOrToken))
            return ReplyTokenCheck.Fail(ReplyTokenFailure.Missing);
        var text = addressOrToken.Trim();
        string candidate;
        var found = FindTokensIn(text).FirstOrDefault();
        if (found is not null)
            candidate = found;
        else if (text.Contains('@') || text.Contains(' ') || text.Contains('<'))
            return ReplyTokenCheck.Fail(ReplyTokenFailure.Missing); // an address, but not one of ours
        else
            candidate = text.ToLowerInvariant();

        var match = TokenPattern().Match(candidate);
        if (!match.Success)
            return ReplyTokenCheck.Fail(ReplyTokenFailure.Malformed);
        var round = match.Groups["round"].Value;
        var code = match.Groups["ministry"].Value;
        if (!int.TryParse(match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            return ReplyTokenCheck.Fail(ReplyTokenFailure.Malformed);
        var days = FromBase36(match.Groups["day"].Value);

        var body = candidate[..candidate.LastIndexOf('.')];
        var given = Encoding.ASCII.GetBytes(match.Groups["mac"].Value);
        if (match.Groups["kid"].Success)
        {
            // A key id we no longer hold: retired after a rotation (or made up). Nothing can be verified, so nothing is told.
            var kid = match.Groups["kid"].Value[0];
            if (!_keys.Keys.TryGetValue(kid, out var key))
                return ReplyTokenCheck.Fail(ReplyTokenFailure.RetiredKey);
            if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(key, kid, body)), given))
                return ReplyTokenCheck.Fail(ReplyTokenFailure.BadSignature);
        }
        else
        {
            // Issued before key ids: signed by the key that was current then, which may since have become a previous one.
            var matched = false;
            foreach (var key in _keys.Keys.Values)
                matched |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(key, kid: null, body)), given);
            if (!matched)
                return ReplyTokenCheck.Fail(ReplyTokenFailure.BadSignature);
        }

        var issuedAt = Epoch.AddDays(days);
        // The day is truncated, so count the lifetime from the end of the issue day: never expire early.
        if (now > issuedAt.AddDays(1) + _lifetime)
            return ReplyTokenCheck.Fail(ReplyTokenFailure.Expired, new ReplyTokenData(round, code, version, issuedAt));
        return ReplyTokenCheck.Ok(new ReplyTokenData(round, code, version, issuedAt));
    }

    /// <summary>
    /// The tokens in a set of addresses or address headers (To, Cc, envelope recipients), lower case, in order,
    /// without duplicates. Mail forwarded through several hops may carry more than one.
    /// </summary>
    public static IEnumerable<string> FindTokens(IEnumerable<string?> addresses) =>
        addresses.Where(a => !string.IsNullOrEmpty(a)).SelectMany(a => FindTokensIn(a!)).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> FindTokensIn(string text)
    {
        foreach (Match m in AddressTokenPattern().Matches(text))
            yield return m.Groups["token"].Value.ToLowerInvariant();
    }

    private static string Mac(byte[] key, char? kid, string body)
    {
        // Canonical input: a version tag, the key id (so it cannot be swapped) and the lower-case fields.
        var input = kid is { } id ? $"ima-reply-v2|{id}|{body.Replace('.', '|')}" : "ima-reply-v1|" + body.Replace('.', '|');
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(input));
        return ToBase32(hash, MacChars);
    }

    private static string ToBase32(byte[] bytes, int chars)
    {
        var sb = new StringBuilder(chars);
        int buffer = 0, bits = 0, index = 0;
        while (sb.Length < chars)
        {
            if (bits < 5)
            {
                buffer = (buffer << 8) | bytes[index++];
                bits += 8;
            }
            bits -= 5;
            sb.Append(Base32Alphabet[(buffer >> bits) & 31]);
        }
        return sb.ToString();
    }

    private static string ToBase36(int value)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        if (value == 0) return "0";
        var sb = new StringBuilder();
        for (; value > 0; value /= 36)
            sb.Insert(0, digits[value % 36]);
        return sb.ToString();
    }

    private static int FromBase36(string text)
    {
        var value = 0;
        foreach (var c in text)
            value = value * 36 + (c <= '9' ? c - '0' : c - 'a' + 10);
        return value;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex RoundPattern();

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex MinistryPattern();

    // Day is at most 4 base-36 digits (well past 2100); the last field is the optional one-character key id and the
    // mac of exactly 13 base32 characters. Versions up to 9999 come from tokens issued before key ids.
    [GeneratedRegex("^(?<round>[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?)\\.(?<ministry>[a-z0-9]{1,10})\\.(?<version>[0-9]{1,4})\\.(?<day>[0-9a-z]{1,4})\\.(?<kid>[a-z0-9])?(?<mac>[a-z2-7]{13})$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("reply\\+(?<token>[^@\\s<>\"',;]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressTokenPattern();
}

public enum ReplyTokenFailure { None, Missing, Malformed, BadSignature, Expired, RetiredKey }

/// <summary>What a valid token says. Ministry is lower case: map it back through the plan's participants.</summary>
public sealed record ReplyTokenData(string RoundId, string Ministry, int Version, DateTimeOffset IssuedAt);

/// <summary>
/// The outcome of <see cref="ReplyToken.Validate"/>: the token, or why it was refused (in English for logs and tests; what
/// the sender and the coordinator read is worded from the failure by Intake's wording table).
/// </summary>
public sealed record ReplyTokenCheck
{
    public ReplyTokenData? Token { get; init; }
    public ReplyTokenFailure Failure { get; init; }
    public bool IsValid => Failure == ReplyTokenFailure.None;
    public string English => EnglishMessage(Failure);

    internal static ReplyTokenCheck Ok(ReplyTokenData token) => new() { Token = token };

    // An expired check keeps the (authentic) data so the sender can be told which request it was.
    internal static ReplyTokenCheck Fail(ReplyTokenFailure failure, ReplyTokenData? data = null) => new() { Failure = failure, Token = data };

    public static string EnglishMessage(ReplyTokenFailure failure) => failure switch
    {
        ReplyTokenFailure.None => "The reply token is valid.",
        ReplyTokenFailure.Missing => "No reply token (reply+…@…) in the recipient addresses.",
        ReplyTokenFailure.Malformed => "The reply token is malformed or truncated.",
        ReplyTokenFailure.BadSignature => "The reply token's signature does not match: altered or forged.",
        ReplyTokenFailure.Expired => "The reply token has expired.",
        ReplyTokenFailure.RetiredKey => "The reply token names a signing key id that is not in the key ring (retired after a rotation, or not ours).",
        _ => failure.ToString(),
    };
}
