using System.Security.Cryptography;
using System.Text;
using MigrationAgenda.Mail;

namespace MigrationAgenda.UnitTests.Mail;

/// <summary>SendGrid's signed Event Webhook, checked with a key pair made here (P-256, SHA-256, DER signature).</summary>
public sealed class EventWebhookSignatureTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2027, 1, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private readonly ECDsa _sendGrid = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly EventWebhookSignature _verifier;
    private readonly byte[] _body = Encoding.UTF8.GetBytes("""[{"email":"officer@bhos.example","event":"bounce","sg_event_id":"ev-1","timestamp":1800000000}]""");

    public EventWebhookSignatureTests() =>
        _verifier = EventWebhookSignature.FromPublicKey(Convert.ToBase64String(_sendGrid.ExportSubjectPublicKeyInfo()))!;

    private string Sign(string timestamp, byte[] body) =>
        Convert.ToBase64String(_sendGrid.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    private static string Ts(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_post_signed_by_sendgrid_now_passes()
    {
        var ts = Ts(Now.AddSeconds(-30));
        Assert.Null(_verifier.Check(Sign(ts, _body), ts, _body, Now, MaxAge));
    }

    [Fact]
    public void An_altered_body_fails()
    {
        var ts = Ts(Now);
        var altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(_body).Replace("bounce", "delivered", StringComparison.Ordinal));
        Assert.Equal(SignatureFault.Invalid, _verifier.Check(Sign(ts, _body), ts, altered, Now, MaxAge));
    }

    [Fact]
    public void An_altered_timestamp_fails()
    {
        var ts = Ts(Now);
        Assert.Equal(SignatureFault.Invalid, _verifier.Check(Sign(ts, _body), Ts(Now.AddSeconds(1)), _body, Now, MaxAge));
    }

    [Fact]
    public void An_unsigned_post_fails()
    {
        Assert.Equal(SignatureFault.Missing, _verifier.Check(null, Ts(Now), _body, Now, MaxAge));
        Assert.Equal(SignatureFault.Missing, _verifier.Check(Sign(Ts(Now), _body), "", _body, Now, MaxAge));
        Assert.Equal(SignatureFault.Invalid, _verifier.Check("not base64!", Ts(Now), _body, Now, MaxAge));
        Assert.Equal(SignatureFault.Invalid, _verifier.Check(Sign("abc", _body), "abc", _body, Now, MaxAge));
    }

    [Fact]
    public void A_signature_by_another_key_fails()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ts = Ts(Now);
        var forged = Convert.ToBase64String(other.SignData([.. Encoding.UTF8.GetBytes(ts), .. _body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.Equal(SignatureFault.Invalid, _verifier.Check(forged, ts, _body, Now, MaxAge));
    }

    [Fact]
    public void A_stale_or_future_timestamp_fails_even_when_signed()
    {
        var old = Ts(Now - MaxAge - TimeSpan.FromSeconds(1));
        Assert.Equal(SignatureFault.Stale, _verifier.Check(Sign(old, _body), old, _body, Now, MaxAge));
        var future = Ts(Now + MaxAge + TimeSpan.FromSeconds(1));
        Assert.Equal(SignatureFault.Stale, _verifier.Check(Sign(future, _body), future, _body, Now, MaxAge));
    }

    [Fact]
    public void A_key_that_is_not_an_ec_public_key_is_no_verifier()
    {
        Assert.Null(EventWebhookSignature.FromPublicKey(null));
        Assert.Null(EventWebhookSignature.FromPublicKey("not a key"));
        Assert.Null(EventWebhookSignature.FromPublicKey(Convert.ToBase64String([1, 2, 3])));
    }

    public void Dispose()
    {
        _sendGrid.Dispose();
        _verifier.Dispose();
    }
}
