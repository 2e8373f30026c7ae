using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using MigrationAgenda.Mail;

namespace MigrationAgenda.Telemetry;

/// <summary>
/// E-mail addresses as logs carry them: a short keyed hash, <c>addr:</c> and 10 hex digits of
/// HMAC-SHA256(key, the address trimmed and in lower case). The same address always gives the same hash, so an
/// operator can follow one contact through the logs (docs/operations.md: <c>hash-address</c>), while the log itself
/// names nobody; without the key a hash cannot be tested against a list of guessed addresses.
/// The key is <c>Privacy:AddressHashKey</c>, or else derived from <c>Tokens:SigningKey</c> under a label of its own
/// (HMAC-SHA256(signing key, <see cref="DerivationLabel"/>)), so no deployment needs a new secret; the derived key
/// reveals nothing about the signing key.
/// </summary>
public sealed partial class AddressHasher
{
    public const string KeySetting = "Privacy:AddressHashKey";
    public const string Prefix = "addr:";
    public const string DerivationLabel = "MigrationAgenda/log-address-hash/v1";
    private const int HexDigits = 10;

    private readonly byte[] _key;

    public AddressHasher(byte[] key)
    {
        if (key.Length < 16)
            throw new ArgumentException("An address hash key has at least 16 bytes.", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>
    /// <see cref="KeySetting"/> when set, else the key derived from Tokens:SigningKey (the current key of the ring).
    /// Throws, naming the setting, when neither is usable: the host refuses to start rather than log in clear.
    /// </summary>
    public static AddressHasher FromConfiguration(IConfiguration configuration)
    {
        var own = configuration[KeySetting];
        if (!string.IsNullOrWhiteSpace(own))
        {
            var bytes = Encoding.UTF8.GetBytes(own.Trim());
            if (bytes.Length < TokenOptions.MinimumKeyBytes || own.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException(
                    $"The setting {KeySetting} must be a resolved secret of at least {TokenOptions.MinimumKeyBytes} bytes, or left empty to derive it from {TokenOptions.SigningKeySetting}.");
            return new AddressHasher(bytes);
        }
        var tokens = configuration.GetSection(TokenOptions.Section).Get<TokenOptions>() ?? new TokenOptions();
        return new AddressHasher(HMACSHA256.HashData(tokens.KeyBytes(), Encoding.UTF8.GetBytes(DerivationLabel)));
    }

    /// <summary>A hasher with a random key, for code that logs outside a configured host (tests constructing senders).</summary>
    public static AddressHasher Ephemeral() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary><c>addr:3f9a2c1b7e</c> for an address; the address is trimmed and compared without case.</summary>
    public string Hash(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
            return Prefix + "none";
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant()));
        return Prefix + Convert.ToHexStringLower(mac)[..HexDigits];
    }

    /// <summary>Several addresses, hashed and comma-separated (a recipient list in one log field).</summary>
    public string Hashes(IEnumerable<string?> addresses) => string.Join(",", addresses.Select(Hash));

    /// <summary>
    /// Free text from elsewhere (a provider's error answer, an exception message) with every address in it replaced by
    /// its hash, so it can go to a log.
    /// </summary>
    public string Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : AddressPattern().Replace(text, m => Hash(m.Value));

    // Deliberately wide: anything shaped like local@domain.tld is treated as an address.
    [GeneratedRegex(@"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")]
    private static partial Regex AddressPattern();
}
