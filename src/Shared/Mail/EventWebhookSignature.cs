using System.Security.Cryptography;
using System.Text;

namespace MigrationAgenda.Mail;

/// <summary>
/// SendGrid's Signed Event Webhook: each post carries an ECDSA P-256/SHA-256 signature (base64 of the DER sequence)
/// over the timestamp header's text followed by the raw body, made with SendGrid's private key; the public key is
/// configured (<see cref="MailOptions.EventWebhookPublicKey"/>). A timestamp far from now is refused, so a post
/// someone recorded cannot be played back later.
/// </summary>
public sealed class EventWebhookSignature : IDisposable
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    private readonly ECDsa _key;

    private EventWebhookSignature(ECDsa key) => _key = key;

    /// <summary>The verifier for a configured key; null when the key is not base64 of an EC public key.</summary>
    public static EventWebhookSignature? FromPublicKey(string? publicKeyBase64)
    {
        if (string.IsNullOrWhiteSpace(publicKeyBase64))
            return null;
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKeyBase64.Trim()), out _);
            return new EventWebhookSignature(key);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    /// <summary>What is wrong with a post's signature, or null when it is SendGrid's and fresh.</summary>
    public SignatureFault? Check(string? signature, string? timestamp, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan maxAge)
    {
        if (string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp))
            return SignatureFault.Missing;
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return SignatureFault.Invalid;
        byte[] der;
        try
        {
            der = Convert.FromBase64String(signature.Trim());
        }
        catch (FormatException)
        {
            return SignatureFault.Invalid;
        }
        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var n = Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(n));
        bool valid;
        try
        {
            valid = _key.VerifyData(signed, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            valid = false;
        }
        if (!valid)
            return SignatureFault.Invalid;
        // Checked after the signature, so the answer to a forgery never says anything about the clock.
        return (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > maxAge ? SignatureFault.Stale : null;
    }

    public void Dispose() => _key.Dispose();
}

public enum SignatureFault { Missing, Invalid, Stale }
