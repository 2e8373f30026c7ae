using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.UnitTests.Mail;

public sealed class OutboxFormatTests
{
    private static readonly OutgoingMail Mail = new()
    {
        Kind = MailKind.DraftForApproval,
        RoundId = "ima-2021",
        To = [new Contact { Name = "Goedkeurder", Email = "approver@jenv.example" }],
        Cc = [new Contact { Email = "coordinator@jenv.example" }],
        ReplyTo = "coordinator@jenv.example",
        Subject = "[ima-2021] Concept één – geïnformeerd",
        TextBody = "Tekst met één en ’curly’.",
        HtmlBody = "<p>html</p>",
        CustomArgs = new Dictionary<string, string> { ["round"] = "ima-2021", ["kind"] = "DraftForApproval" },
    };

    [Fact]
    public void Blob_name_sorts_by_time_and_names_kind_and_ministry()
    {
        var at = new DateTimeOffset(2027, 1, 15, 16, 0, 1, 234, TimeSpan.Zero);

        Assert.Equal("ima-2021/20270115T160001234-draft-for-approval-all-0a1b2c3d.json", OutboxFormat.BlobName(Mail, at, "0a1b2c3d"));
        Assert.Equal("ima-2021/20270115T160001234-request-jenv-0a1b2c3d.json",
            OutboxFormat.BlobName(Mail with { Kind = MailKind.Request, Ministry = "JenV" }, at, "0a1b2c3d"));
    }

    [Fact]
    public void Json_round_trips_with_sent_at_and_readable_diacritics()
    {
        var at = new DateTimeOffset(2027, 1, 15, 16, 0, 0, TimeSpan.Zero);

        var bytes = OutboxFormat.Serialize(Mail, at);
        var json = System.Text.Encoding.UTF8.GetString(bytes);
        var (mail, sentAt) = OutboxFormat.Deserialize(BinaryData.FromBytes(bytes));

        Assert.StartsWith("{\n  \"sentAt\"", json.Replace("\r\n", "\n"));
        Assert.Contains("één", json);
        Assert.Contains("\"DraftForApproval\"", json);
        Assert.Equal(at, sentAt);
        Assert.Equal(Mail.Subject, mail.Subject);
        Assert.Equal(Mail.To, mail.To);
        Assert.Equal(Mail.Cc, mail.Cc);
        Assert.Equal(Mail.CustomArgs, mail.CustomArgs);
        Assert.Equal(Mail.Kind, mail.Kind);
    }
}
