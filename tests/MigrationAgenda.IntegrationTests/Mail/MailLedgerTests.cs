using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Mail;

/// <summary>
/// One mail per message: the round mailer with the mail ledger on a real Azurite and the real SendGrid client against
/// the fake SendGrid server, counting what the fake accepted per message id.
/// </summary>
[Collection("Azurite")]
public sealed class MailLedgerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FakeSendGridServer _sendGrid = null!;
    private readonly ShiftedClock _clock = new();

    public async Task InitializeAsync() => _sendGrid = await FakeSendGridServer.StartAsync();

    public async Task DisposeAsync() => await _sendGrid.DisposeAsync();

    [Fact]
    public async Task A_message_sent_again_by_a_retry_or_a_replay_goes_out_once_with_one_audit_line()
    {
        var (mailer, storage, mail) = Setup();

        Assert.True(await mailer.SendAsync(mail));
        Assert.True(await mailer.SendAsync(mail));
        Assert.True(await mailer.SendAsync(mail));

        Assert.Equal(1, Assert.Single(_sendGrid.DeliveriesPerMessageId()).Value);
        var entry = (await new MailLedger(storage).GetAsync(mail.RoundId, mail.MessageId!, default))!;
        Assert.Equal((MailStates.Sent, "sendgrid", "Request", "BHOS", 1), (entry.State, entry.Channel, entry.Kind, entry.Ministry, entry.Claims));
        Assert.StartsWith("fake-", entry.Receipt);
        Assert.Equal(MailLedger.RecipientHashOf(["officer@bhos.example"]), entry.RecipientHash);
        var audit = await new AuditLog(storage).ListAsync(mail.RoundId, 10, default);
        var line = Assert.Single(audit);
        Assert.Equal(AuditActions.Mail(MailKind.Request), line.Action);
        Assert.Equal(entry.SentAt, line.At);
        Assert.Contains($"[sendgrid {entry.Receipt}]", line.Detail);
        // SendGrid carries the id back in its events.
        Assert.Equal(mail.MessageId, Assert.Single(_sendGrid.Received).MessageId);
    }

    [Fact]
    public async Task Concurrent_sends_of_one_message_deliver_it_once()
    {
        var (mailer, _, mail) = Setup();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try { return await mailer.SendAsync(mail) ? "sent" : "refused"; }
            catch (MailDeliveryException e) when (e.Transient) { return "busy"; }
        }));

        Assert.Equal(1, Assert.Single(_sendGrid.DeliveriesPerMessageId()).Value);
        Assert.Single(_sendGrid.Received);
        Assert.Contains("sent", outcomes);
        Assert.DoesNotContain("refused", outcomes);
        // The ones that met a send under way learn later that it went: none sends.
        Assert.True(await mailer.SendAsync(mail));
        Assert.Single(_sendGrid.Received);
    }

    [Fact]
    public async Task A_503_gives_the_claim_back_so_the_retry_sends_at_once_and_once()
    {
        var (mailer, storage, mail) = Setup();
        _sendGrid.FailNext(1, HttpStatusCode.ServiceUnavailable);

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => mailer.SendAsync(mail));
        Assert.True(failure.Transient);
        Assert.Null(await new MailLedger(storage).GetAsync(mail.RoundId, mail.MessageId!, default));
        Assert.Empty(await new AuditLog(storage).ListAsync(mail.RoundId, 10, default));

        Assert.True(await mailer.SendAsync(mail));
        Assert.True(await mailer.SendAsync(mail));
        Assert.Equal([503, 202], _sendGrid.Received.Select(r => r.AnsweredStatus));
        Assert.Equal(1, Assert.Single(_sendGrid.DeliveriesPerMessageId()).Value);
    }

    [Fact]
    public async Task A_refused_message_is_recorded_and_audited_once_and_never_tried_again()
    {
        var (mailer, storage, mail) = Setup();
        _sendGrid.FailNext(1, HttpStatusCode.BadRequest, "{\"errors\":[{\"message\":\"Does not contain a valid address.\"}]}");

        Assert.False(await mailer.SendAsync(mail));
        Assert.False(await mailer.SendAsync(mail));

        Assert.Single(_sendGrid.Received);
        Assert.Equal(MailStates.Refused, (await new MailLedger(storage).GetAsync(mail.RoundId, mail.MessageId!, default))!.State);
        var line = Assert.Single(await new AuditLog(storage).ListAsync(mail.RoundId, 10, default));
        Assert.Equal(AuditActions.MailRefused, line.Action);
        Assert.Contains("weigerde verzoek aan officer@bhos.example (BHOS)", line.Detail);
    }

    [Fact]
    public async Task A_missing_audit_line_is_written_from_the_ledger_without_sending_again()
    {
        var (mailer, storage, mail) = Setup();
        Assert.True(await mailer.SendAsync(mail));
        var audit = storage.Table(StorageClients.AuditTable);
        var written = Assert.Single(await new AuditLog(storage).ListAsync(mail.RoundId, 10, default));
        await foreach (var row in audit.QueryAsync<TableEntity>(e => e.PartitionKey == mail.RoundId))
            await audit.DeleteEntityAsync(row.PartitionKey, row.RowKey);

        // The activity's retry after its audit write failed: the line comes back from the record, the mail does not go again.
        Assert.True(await mailer.SendAsync(mail));
        Assert.True(await mailer.SendAsync(mail));

        Assert.Single(_sendGrid.Received);
        Assert.Equal(written, Assert.Single(await new AuditLog(storage).ListAsync(mail.RoundId, 10, default)));
    }

    [Fact]
    public async Task A_claim_a_dead_send_left_waits_for_the_claim_timeout_and_is_then_sent_once_at_least_once()
    {
        var (mailer, storage, mail) = Setup();
        var ledger = new MailLedger(storage);
        // A process claimed the message and died before it could record anything (perhaps before it sent, perhaps after).
        var claimed = await ledger.ClaimAsync(new LedgerEntry
        {
            RoundId = mail.RoundId, MessageId = mail.MessageId!, State = MailStates.Claimed, Kind = "Request", Ministry = "BHOS",
            RecipientHash = "", ClaimedAt = default, Detail = "",
        }, _clock.GetUtcNow(), TimeSpan.FromMinutes(3), default);
        Assert.Equal(ClaimOutcome.Claimed, claimed.Outcome);

        var busy = await Assert.ThrowsAsync<MailDeliveryException>(() => mailer.SendAsync(mail));
        Assert.True(busy.Transient);
        Assert.Empty(_sendGrid.Received);

        _clock.Offset = Options().EffectiveClaimTimeout + TimeSpan.FromSeconds(1);
        Assert.True(await mailer.SendAsync(mail));
        Assert.True(await mailer.SendAsync(mail));

        Assert.Single(_sendGrid.Received);
        var entry = (await ledger.GetAsync(mail.RoundId, mail.MessageId!, default))!;
        Assert.Equal((MailStates.Sent, 2), (entry.State, entry.Claims));
    }

    [Fact]
    public async Task Two_takeovers_of_one_stale_claim_let_one_send()
    {
        var (_, storage, mail) = Setup();
        var ledger = new MailLedger(storage);
        var wanted = new LedgerEntry
        {
            RoundId = mail.RoundId, MessageId = mail.MessageId!, State = MailStates.Claimed, Kind = "Request", RecipientHash = "", ClaimedAt = default, Detail = "",
        };
        await ledger.ClaimAsync(wanted, DateTimeOffset.UtcNow - TimeSpan.FromHours(1), TimeSpan.FromMinutes(3), default);

        var takeovers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ledger.ClaimAsync(wanted, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(3), default)));

        Assert.Single(takeovers, t => t.Outcome == ClaimOutcome.Claimed);
        Assert.All(takeovers.Where(t => t.Outcome != ClaimOutcome.Claimed), t => Assert.Equal(ClaimOutcome.Busy, t.Outcome));
    }

    [Fact]
    public async Task The_outbox_writes_a_message_with_an_id_once_under_that_id()
    {
        var storage = azurite.NewStorage();
        var sender = new OutboxMailSender(storage, NullLogger<OutboxMailSender>.Instance);
        var (_, _, mail) = Setup();

        var first = await sender.SendAsync(mail, default);
        var second = await sender.SendAsync(mail with { Subject = "written twice" }, default);

        Assert.Equal(first, second);
        Assert.Equal($"{mail.RoundId}/request.bhos.v1.json", first.Reference);
        var stored = Assert.Single(await new OutboxReader(storage).ListAsync(mail.RoundId));
        Assert.Equal(mail.Subject, stored.Mail.Subject);
    }

    private static MailOptions Options() => new()
    {
        SendGridApiKey = "SG.ledger-test", SendTimeout = TimeSpan.FromSeconds(10), RecordFor = TimeSpan.FromSeconds(20), ClaimTimeout = TimeSpan.FromMinutes(1),
    };

    private (RoundMailer Mailer, StorageClients Storage, OutgoingMail Mail) Setup()
    {
        var storage = azurite.NewStorage();
        var options = Options();
        options.SendGridHost = _sendGrid.BaseAddress.ToString();
        var mailer = new RoundMailer(new RoundStore(storage), new SendGridMailSender(options, NullLogger<SendGridMailSender>.Instance), new AuditLog(storage),
            new MailLedger(storage), Microsoft.Extensions.Options.Options.Create(options), _clock, NullLogger<RoundMailer>.Instance);
        return (mailer, storage, Request($"ledger-{Guid.NewGuid():N}"[..20]));
    }

    internal static OutgoingMail Request(string roundId)
    {
        var plan = SamplePlans.Ima(roundId);
        var composer = new MailComposer(new ReplyToken(new TokenOptions { SigningKey = WorkflowHost.SigningKey }, new MailOptions()), new MailOptions());
        var bhos = plan.FindParticipant("BHOS")! with { Contacts = [new Contact { Level = 0, Email = "officer@bhos.example" }] };
        return composer.Request(plan, bhos, 1, bhos.Pillars, plan.Deadline) with { MessageId = MessageIds.Request("BHOS", 1) };
    }
}

/// <summary>The system clock moved by <see cref="Offset"/>: a claim timeout passes without waiting for it.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
