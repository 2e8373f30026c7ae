using System.Text;

namespace MigrationAgenda.Mail;

/// <summary>Configuration section "Tokens": the key that signs reply addresses.</summary>
public sealed class TokenOptions
{
    public const string Section = "Tokens";
    public const string SigningKeySetting = "Tokens:SigningKey";

    /// <summary>HMAC key, at least 32 bytes of UTF-8. Rotating it invalidates every outstanding reply address.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long a reply address keeps working after it was issued (a late answer months later still counts).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(180);

    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// The key as bytes. Fails loudly rather than signing with a weak or empty key: a guessable key
    /// lets anyone forge a reply for any ministry.
    /// </summary>
    public byte[] KeyBytes()
    {
        if (string.IsNullOrWhiteSpace(SigningKey))
            throw new InvalidOperationException(
                $"The setting {SigningKeySetting} is missing. Set it to a random secret of at least {MinimumKeyBytes} bytes " +
                "(e.g. the output of `openssl rand -base64 48`); it signs the reply addresses of outgoing requests.");
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < MinimumKeyBytes)
            throw new InvalidOperationException(
                $"The setting {SigningKeySetting} is too short: {bytes.Length} bytes, at least {MinimumKeyBytes} are required.");
        if (Lifetime <= TimeSpan.Zero)
            throw new InvalidOperationException($"The setting Tokens:Lifetime must be positive, not {Lifetime}.");
        return bytes;
    }
}
