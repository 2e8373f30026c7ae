using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace MigrationAgenda.Mail;

/// <summary>How an outbox message is named and stored; shared by the sender and the reader so they cannot drift.</summary>
public static partial class OutboxFormat
{
    // Relaxed escaping keeps Dutch diacritics readable in the stored JSON; it is never embedded in HTML.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary><c>{round}/{yyyyMMddTHHmmssfff}-{kind}-{ministry|all}-{8 hex}.json</c>: sorts by time within a round.</summary>
    public static string BlobName(OutgoingMail mail, DateTimeOffset sentAt, string hex8) =>
        $"{Safe(mail.RoundId)}/{sentAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}-{KindName(mail.Kind)}-{Safe(mail.Ministry ?? "all")}-{hex8}.json";

    /// <summary>
    /// <c>{round}/{message id}.json</c> for a message with an id (<see cref="MessageIds"/>): the same message is the
    /// same blob, so a second write of it finds the first.
    /// </summary>
    public static string BlobName(OutgoingMail mail) =>
        mail.MessageId is { } id
            ? $"{Safe(mail.RoundId)}/{Unsafe().Replace(id.ToLowerInvariant().Replace('|', '.'), "_")}.json"
            : throw new ArgumentException("The mail has no message id.", nameof(mail));

    /// <summary>The folder of a round's copies (<c>{round}/</c>), what purging the round's personal data deletes.</summary>
    public static string RoundPrefix(string roundId) => $"{Safe(roundId)}/";

    /// <summary>"DraftForApproval" → "draft-for-approval".</summary>
    public static string KindName(MailKind kind) => Capitals().Replace(kind.ToString(), "-$1").ToLowerInvariant();

    /// <summary>The mail as JSON with <c>sentAt</c> first, UTF-8.</summary>
    public static byte[] Serialize(OutgoingMail mail, DateTimeOffset sentAt)
    {
        var node = JsonSerializer.SerializeToNode(mail, Json)!.AsObject();
        var root = new JsonObject { ["sentAt"] = sentAt };
        foreach (var (key, value) in node.ToList())
        {
            node.Remove(key);
            root[key] = value;
        }
        return JsonSerializer.SerializeToUtf8Bytes(root, Json);
    }

    public static (OutgoingMail Mail, DateTimeOffset SentAt) Deserialize(BinaryData content)
    {
        using var doc = JsonDocument.Parse(content);
        var sentAt = doc.RootElement.GetProperty("sentAt").GetDateTimeOffset();
        var mail = doc.RootElement.Deserialize<OutgoingMail>(Json) ?? throw new JsonException("Empty outbox message.");
        return (mail, sentAt);
    }

    private static string Safe(string part) => Unsafe().Replace(part.ToLowerInvariant(), "_");

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Capitals();

    [GeneratedRegex("[^a-z0-9._-]")]
    private static partial Regex Unsafe();
}
