using System.Net;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Telemetry;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace MigrationAgenda.Mail;

/// <summary>
/// Sends through SendGrid's v3 API. The client does not throw on non-2xx answers, so the status is
/// mapped here: retrying helps for 429 and 5xx (and network faults), never for other 4xx, which mean
/// the message itself is wrong. The caller (an activity with a retry policy) decides on retries.
/// Logs name recipients by their hash only (<see cref="AddressHasher"/>), never subjects or bodies; SendGrid's error
/// answers are redacted the same way before they reach a log or an exception message.
/// </summary>
public sealed class SendGridMailSender : IMailSender
{
    private readonly SendGridClient _client;
    private readonly MailOptions _options;
    private readonly ILogger<SendGridMailSender> _logger;
    private readonly AddressHasher _addresses;
    private readonly TimeProvider _clock;

    public SendGridMailSender(MailOptions options, ILogger<SendGridMailSender> logger, AddressHasher? addresses = null, TimeProvider? clock = null)
    {
        if (string.IsNullOrWhiteSpace(options.SendGridApiKey))
            throw new InvalidOperationException("The setting Mail:SendGridApiKey is empty; without it use the outbox sender.");
        _options = options;
        _logger = logger;
        _addresses = addresses ?? AddressHasher.Ephemeral();
        _clock = clock ?? TimeProvider.System;
        var clientOptions = new SendGridClientOptions { ApiKey = options.SendGridApiKey };
        if (!string.IsNullOrWhiteSpace(options.SendGridHost))
            clientOptions.Host = options.SendGridHost.TrimEnd('/');
        _client = new SendGridClient(clientOptions);
    }

    public async Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var message = ToMessage(mail, _options);
        // SendGrid echoes custom args in every event: the Event Webhook measures a delivery delay from this.
        message.AddCustomArg(SentAtArg, _clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Response response;
        try
        {
            response = await _client.SendEmailAsync(message, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new MailDeliveryException($"SendGrid could not be reached: {_addresses.Redact(ex.Message)}", transient: true);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MailDeliveryException($"SendGrid did not answer in time: {ex.Message}", transient: true);
        }

        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() ?? "" : "";
            _logger.LogInformation("Mail {Kind} for {Round}/{Ministry} to {To} sent via SendGrid as {MessageId}",
                mail.Kind, mail.RoundId, mail.Ministry ?? "all", _addresses.Hashes(mail.To.Select(c => c.Email)), id);
            return new MailReceipt("sendgrid", id);
        }

        var body = _addresses.Redact(response.Body is null ? "" : await response.Body.ReadAsStringAsync(cancellationToken));
        var transient = status == (int)HttpStatusCode.TooManyRequests || status >= 500;
        _logger.LogWarning("SendGrid refused mail {Kind} for {Round}/{Ministry} with {Status} (transient: {Transient}): {Body}",
            mail.Kind, mail.RoundId, mail.Ministry ?? "all", status, transient, body);
        throw new MailDeliveryException($"SendGrid answered {status} {response.StatusCode}: {Truncate(body, 2000)}", transient);
    }

    /// <summary>The custom arg with the Unix time the mail was handed to SendGrid (seconds).</summary>
    public const string SentAtArg = "sent_at";

    /// <summary>The SendGrid message for a mail. Public so its shape can be checked without a server.</summary>
    public static SendGridMessage ToMessage(OutgoingMail mail, MailOptions options)
    {
        if (mail.To.Count == 0)
            throw new MailDeliveryException($"Mail {mail.Kind} for {mail.RoundId} has no recipients.", transient: false);
        var message = new SendGridMessage
        {
            From = new EmailAddress(options.FromAddress, options.FromName),
            Subject = mail.Subject,
        };
        // One personalization: everyone sees the same message and each other, as in an ordinary mail.
        var to = mail.To.DistinctBy(c => c.Email, StringComparer.OrdinalIgnoreCase).ToList();
        message.AddTos(to.Select(Address).ToList());
        // SendGrid rejects a message (400) when an address appears in both To and Cc.
        var cc = mail.Cc.DistinctBy(c => c.Email, StringComparer.OrdinalIgnoreCase)
            .Where(c => !to.Any(t => string.Equals(t.Email, c.Email, StringComparison.OrdinalIgnoreCase))).ToList();
        if (cc.Count > 0)
            message.AddCcs(cc.Select(Address).ToList());
        if (!string.IsNullOrWhiteSpace(mail.ReplyTo))
            message.ReplyTo = new EmailAddress(mail.ReplyTo);
        message.AddContent(MimeType.Text, mail.TextBody);
        if (!string.IsNullOrWhiteSpace(mail.HtmlBody))
            message.AddContent(MimeType.Html, mail.HtmlBody);
        if (mail.CustomArgs.Count > 0)
            message.AddCustomArgs(mail.CustomArgs.ToDictionary(kv => kv.Key, kv => kv.Value));
        // The message-level "headers" object: the same for every recipient (loop protection, LoopHeaders).
        if (mail.Headers.Count > 0)
            message.Headers = mail.Headers.ToDictionary(kv => kv.Key, kv => kv.Value);
        // SendGrid takes a bare media type per attachment; an .ics carries its METHOD inside, which is what mail clients read.
        foreach (var attachment in mail.Attachments)
            message.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.MediaType, "attachment");
        // Click tracking would rewrite the API links in approval mails into tracking redirects.
        message.SetClickTracking(false, false);
        return message;
    }

    private static EmailAddress Address(Rounds.Contact c) => new(c.Email, c.Name);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
