using System.Text;

namespace MigrationAgenda.Mail;

/// <summary>
/// Configuration section "Tokens": the keys that sign reply addresses. <see cref="SigningKey"/> signs new tokens under
/// <see cref="KeyId"/>; <see cref="PreviousKeys"/> keep older reply addresses working after a rotation until they expire.
/// </summary>
public sealed class TokenOptions
{
    public const string Section = "Tokens";
    public const string SigningKeySetting = "Tokens:SigningKey";
    public const string KeyIdSetting = "Tokens:KeyId";
    public const string PreviousKeysSetting = "Tokens:PreviousKeys";

    /// <summary>The key id when none is configured: deployments from before key ids sign under "a".</summary>
    public const string DefaultKeyId = "a";

    /// <summary>HMAC key for new tokens, at least 32 bytes of UTF-8.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// One lower-case letter or digit naming <see cref="SigningKey"/>; every new token carries it. A reply address is
    /// e-mail's local part (at most 64 characters), so the id costs one character and no more.
    /// </summary>
    public string? KeyId { get; set; }

    /// <summary>
    /// Retired keys by id (<c>Tokens:PreviousKeys:&lt;id&gt;</c>): tokens they signed are still accepted until they expire.
    /// Remove a key once <see cref="Lifetime"/> has passed since it stopped signing; tokens naming a removed id are
    /// refused as <see cref="ReplyTokenFailure.RetiredKey"/>.
    /// </summary>
    public Dictionary<string, string> PreviousKeys { get; set; } = [];

    /// <summary>How long a reply address keeps working after it was issued (a late answer months later still counts).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(180);

    public const int MinimumKeyBytes = 32;

    /// <summary>The current key as bytes; see <see cref="KeyRing"/>.</summary>
    public byte[] KeyBytes()
    {
        var ring = KeyRing();
        return ring.Keys[ring.CurrentId];
    }

    /// <summary>
    /// The current key and the previous ones. Fails loudly rather than signing with a weak, empty or unresolved key:
    /// a guessable key lets anyone forge a reply for any ministry.
    /// </summary>
    public TokenKeyRing KeyRing()
    {
        var currentId = ParseId(string.IsNullOrWhiteSpace(KeyId) ? DefaultKeyId : KeyId, KeyIdSetting);
        var keys = new Dictionary<char, byte[]> { [currentId] = Bytes(SigningKey, SigningKeySetting) };
        foreach (var (name, value) in PreviousKeys)
        {
            var setting = $"{PreviousKeysSetting}:{name}";
            var id = ParseId(name, setting);
            if (!keys.TryAdd(id, Bytes(value, setting)))
                throw new InvalidOperationException(id == currentId
                    ? $"The setting {setting} reuses the id of the current key ({KeyIdSetting} = '{id}'); give the new key a new id."
                    : $"The setting {setting} names key id '{id}' twice (ids are not case-sensitive).");
        }
        if (Lifetime <= TimeSpan.Zero)
            throw new InvalidOperationException($"The setting Tokens:Lifetime must be positive, not {Lifetime}.");
        return new TokenKeyRing(currentId, keys);
    }

    private static char ParseId(string text, string setting)
    {
        var id = text.Trim().ToLowerInvariant();
        if (id.Length != 1 || !char.IsAsciiLetterOrDigit(id[0]))
            throw new InvalidOperationException(
                $"The setting {setting}: a key id is one letter or digit (a-z, 0-9), not '{text}'.");
        return id[0];
    }

    private static byte[] Bytes(string? key, string setting)
    {
        if (string.IsNullOrWhiteSpace(key))
            throw new InvalidOperationException(
                $"The setting {setting} is missing. Set it to a random secret of at least {MinimumKeyBytes} bytes " +
                "(e.g. the output of `openssl rand -base64 48`); it signs the reply addresses of outgoing requests.");
        // App Service leaves a Key Vault reference it could not resolve in place: never sign with its text.
        if (key.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"The setting {setting} is an unresolved Key Vault reference: check that the secret exists and the app can reach the vault.");
        var bytes = Encoding.UTF8.GetBytes(key);
        if (bytes.Length < MinimumKeyBytes)
            throw new InvalidOperationException(
                $"The setting {setting} is too short: {bytes.Length} bytes, at least {MinimumKeyBytes} are required.");
        return bytes;
    }
}
