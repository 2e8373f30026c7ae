using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using MigrationAgenda.Mail;

namespace MigrationAgenda.Storage;

/// <summary>An event as stored, with whether its consequences (alert, audit, escalation) have been carried out.</summary>
public sealed record StoredMailEvent(MailEvent Event, DateTimeOffset ReceivedAt, bool Handled);

/// <summary>
/// The MailEvents table: every SendGrid event once (PK round, or "-" for mail of no round; RK the sg_event_id), written
/// with a conditional create so a retried or replayed post cannot store or act on an event twice. <c>Handled</c> is set
/// after the event's consequences, so a crash in between is finished by SendGrid's retry instead of lost.
/// </summary>
public sealed class MailEventStore(StorageClients storage)
{
    public const string NoRound = "-";

    private TableClient Table => storage.Table(StorageClients.MailEventsTable);

    /// <summary>Stores the event unless it is there; returns the stored row either way, and whether this call created it.</summary>
    public async Task<(bool Created, StoredMailEvent Stored)> AddAsync(MailEvent e, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var entity = ToEntity(e, receivedAt);
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return (true, new StoredMailEvent(e, receivedAt, Handled: false));
        }
        catch (RequestFailedException x) when (x.Status == 409)
        {
            var existing = await Table.GetEntityAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            return (false, ToStored(existing.Value));
        }
    }

    public Task MarkHandledAsync(MailEvent e, CancellationToken cancellationToken) =>
        Table.UpdateEntityAsync(new TableEntity(PartitionKey(e), RowKey(e.EventId)) { ["Handled"] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    /// <summary>A round's events, oldest first.</summary>
    public async Task<IReadOnlyList<StoredMailEvent>> ListAsync(string roundId, CancellationToken cancellationToken)
    {
        var list = new List<StoredMailEvent>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(x => x.PartitionKey == roundId, cancellationToken: cancellationToken))
            list.Add(ToStored(entity));
        return list.OrderBy(s => s.Event.At).ThenBy(s => s.ReceivedAt).ToList();
    }

    public static string PartitionKey(MailEvent e) => string.IsNullOrEmpty(e.RoundId) || !IsKeySafe(e.RoundId) ? NoRound : e.RoundId;

    /// <summary>The sg_event_id as it is when a table key may hold it, else its SHA-256 (still one row per id).</summary>
    public static string RowKey(string eventId) =>
        IsKeySafe(eventId) ? eventId : "h-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)));

    private static bool IsKeySafe(string key) =>
        key.Length is > 0 and <= 256 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    private static TableEntity ToEntity(MailEvent e, DateTimeOffset receivedAt) => new(PartitionKey(e), RowKey(e.EventId))
    {
        ["EventId"] = e.EventId,
        ["Event"] = e.Event,
        ["Type"] = e.Type,
        ["Email"] = e.Email,
        ["At"] = e.At,
        ["SendGridMessageId"] = e.SendGridMessageId,
        ["RoundId"] = e.RoundId,
        ["Ministry"] = e.Ministry,
        ["Kind"] = e.Kind?.ToString(),
        ["Level"] = e.Level,
        ["Version"] = e.Version,
        ["SentAt"] = e.SentAt,
        ["Reason"] = e.Reason is { Length: > 2000 } r ? r[..2000] + "…" : e.Reason,
        ["ReceivedAt"] = receivedAt,
        ["Handled"] = false,
    };

    private static StoredMailEvent ToStored(TableEntity x) => new(new MailEvent
    {
        EventId = x.GetString("EventId") ?? x.RowKey,
        Event = x.GetString("Event") ?? "",
        Type = x.GetString("Type") ?? "",
        Email = x.GetString("Email"),
        At = x.GetDateTimeOffset("At") ?? default,
        SendGridMessageId = x.GetString("SendGridMessageId"),
        RoundId = x.GetString("RoundId"),
        Ministry = x.GetString("Ministry"),
        Kind = Enum.TryParse<MailKind>(x.GetString("Kind"), out var kind) ? kind : null,
        Level = x.GetInt32("Level"),
        Version = x.GetInt32("Version"),
        SentAt = x.GetDateTimeOffset("SentAt"),
        Reason = x.GetString("Reason"),
    }, x.GetDateTimeOffset("ReceivedAt") ?? default, x.GetBoolean("Handled") ?? false);
}
