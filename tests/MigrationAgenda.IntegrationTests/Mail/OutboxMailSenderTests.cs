using Microsoft.Extensions.Logging.Abstractions;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Mail;

/// <summary>The outbox sender and reader against a real Azurite.</summary>
[Collection("Azurite")]
public sealed class OutboxMailSenderTests(AzuriteFixture azurite)
{
    private static OutgoingMail Mail(string round, MailKind kind, string? ministry, string subject) => new()
    {
        Kind = kind,
        RoundId = round,
        Ministry = ministry,
        To = [new Contact { Name = "Beleidsmedewerker", Email = "integratie@szw.example" }],
        Cc = [new Contact { Email = "coordinator@jenv.example" }],
        ReplyTo = "reply+token@inbound.migratieagenda.example",
        Subject = subject,
        TextBody = "Geïnformeerd over één pijler – met ’aanhalingstekens’.",
        HtmlBody = "<p>Geïnformeerd</p>",
        CustomArgs = new Dictionary<string, string> { ["round"] = round, ["kind"] = kind.ToString() },
    };

    [Fact]
    public async Task Writes_each_message_as_a_blob_the_reader_reads_back_in_order()
    {
        var round = $"outbox-{Guid.NewGuid():N}"[..20];
        var clock = new SteppingClock(new DateTimeOffset(2027, 1, 15, 16, 0, 0, TimeSpan.Zero));
        var storage = azurite.NewStorage();
        var sender = new OutboxMailSender(storage, NullLogger<OutboxMailSender>.Instance, clock);
        var first = Mail(round, MailKind.Request, "SZW", $"[{round}] Verzoek");
        var second = Mail(round, MailKind.DraftForApproval, null, $"[{round}] Concept 1");

        var r1 = await sender.SendAsync(first, CancellationToken.None);
        var r2 = await sender.SendAsync(second, CancellationToken.None);
        await sender.SendAsync(Mail("another-round", MailKind.Reminder, "BZ", "[another-round] x"), CancellationToken.None);

        Assert.Equal("outbox", r1.Channel);
        Assert.Matches($"^{round}/20270115T160000000-request-szw-[0-9a-f]{{8}}\\.json$", r1.Reference);
        Assert.Matches($"^{round}/20270115T160001000-draft-for-approval-all-[0-9a-f]{{8}}\\.json$", r2.Reference);

        var messages = await new OutboxReader(storage).ListAsync(round);

        Assert.Equal([r1.Reference, r2.Reference], messages.Select(m => m.BlobName));
        Assert.Equal(first.Subject, messages[0].Mail.Subject);
        Assert.Equal(first.TextBody, messages[0].Mail.TextBody);
        Assert.Equal(first.To, messages[0].Mail.To);
        Assert.Equal(first.Cc, messages[0].Mail.Cc);
        Assert.Equal(first.ReplyTo, messages[0].Mail.ReplyTo);
        Assert.Equal(first.CustomArgs, messages[0].Mail.CustomArgs);
        Assert.Equal(MailKind.DraftForApproval, messages[1].Mail.Kind);
        Assert.Equal(new DateTimeOffset(2027, 1, 15, 16, 0, 1, TimeSpan.Zero), messages[1].SentAt);

        var raw = (await storage.Container(StorageClients.OutboxContainer).GetBlobClient(r1.Reference).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("Geïnformeerd over één pijler", raw); // UTF-8, not \u escapes
    }

    [Fact]
    public async Task Reader_returns_nothing_for_a_round_without_mail()
    {
        var messages = await new OutboxReader(azurite.NewStorage()).ListAsync("no-such-round");

        Assert.Empty(messages);
    }

    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _next = start;

        public override DateTimeOffset GetUtcNow()
        {
            var now = _next;
            _next = _next.AddSeconds(1);
            return now;
        }
    }

    [Fact]
    public async Task An_attachment_is_kept_in_the_stored_message_byte_for_byte()
    {
        var round = $"outbox-{Guid.NewGuid():N}"[..20];
        var storage = azurite.NewStorage();
        var sender = new OutboxMailSender(storage, NullLogger<OutboxMailSender>.Instance, new SteppingClock(new DateTimeOffset(2027, 1, 15, 16, 0, 0, TimeSpan.Zero)));
        var plan = SamplePlans.Ima(round, 2027);
        var deadline = new DateTimeOffset(2027, 1, 18, 17, 0, 0, TimeSpan.FromHours(1));
        var ics = DeadlineCalendar.Cancel(DeadlineEvent.For(plan, plan.FindParticipant("SZW")!, [5, 6], deadline, deadline.AddDays(-1), 3),
            new MailOptions(), deadline.AddDays(-10));

        await sender.SendAsync(Mail(round, MailKind.Request, "SZW", $"[{round}] Verzoek") with { Attachments = [ics] }, CancellationToken.None);
        await sender.SendAsync(Mail(round, MailKind.Reminder, "SZW", $"[{round}] Herinnering"), CancellationToken.None);

        var messages = await new OutboxReader(storage).ListAsync(round);
        var stored = Assert.Single(messages[0].Mail.Attachments);
        Assert.Equal(ics.FileName, stored.FileName);
        Assert.Equal("text/calendar; method=CANCEL; charset=utf-8", stored.ContentType);
        Assert.Equal(ics.Content, stored.Content);
        Assert.Equal("CANCELLED", Assert.Single(Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(stored.Content))!.Events).Status);
        Assert.Empty(messages[1].Mail.Attachments);
    }
}
