using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Mail;

/// <summary>
/// Stands in for SendGrid when no API key is configured: each message becomes a JSON blob in
/// <c>outbox/{round}/…</c> and one log line, so local runs, demos and tests need no mail account and
/// every message can still be read back. The log line names the recipients by their hash, never the subject.
/// </summary>
public sealed class OutboxMailSender(StorageClients storage, ILogger<OutboxMailSender> logger, TimeProvider? time = null, AddressHasher? addresses = null) : IMailSender
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly AddressHasher _addresses = addresses ?? AddressHasher.Ephemeral();

    public async Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var sentAt = _time.GetUtcNow();
        // A message with an id is named after it and written only if absent: written twice, it is there once.
        var name = mail.MessageId is null
            ? OutboxFormat.BlobName(mail, sentAt, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)))
            : OutboxFormat.BlobName(mail);
        var content = BinaryData.FromBytes(OutboxFormat.Serialize(mail, sentAt));
        var container = storage.Container(StorageClients.OutboxContainer);
        var once = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        try
        {
            try
            {
                await container.GetBlobClient(name).UploadAsync(content, once, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == BlobErrorCode.ContainerNotFound)
            {
                // Hosts create containers at start-up; a fresh local storage account may not have it yet.
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await container.GetBlobClient(name).UploadAsync(content, once, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 && mail.MessageId is not null)
        {
            return new MailReceipt("outbox", name);
        }
        catch (RequestFailedException ex)
        {
            var transient = ex.Status is 0 or 408 or 429 or >= 500;
            throw new MailDeliveryException($"Outbox write of {name} failed with {ex.Status} {ex.ErrorCode}: {ex.Message}", transient);
        }

        logger.LogInformation("Outbox {Kind} round {Round} to {To} ({Blob})",
            mail.Kind, mail.RoundId, _addresses.Hashes(mail.To.Select(c => c.Email)), name);
        return new MailReceipt("outbox", name);
    }
}
