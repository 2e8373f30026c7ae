using Microsoft.Extensions.Logging.Abstractions;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Mail;

/// <summary>
/// Storage goes away in the one place that matters for duplicates: after SendGrid accepted a message and before the
/// ledger recorded it. Its own Azurite (persistent, restarted on the same ports), stopped by the mail sender itself
/// the moment the fake SendGrid has answered 202.
/// </summary>
public sealed class MailLedgerOutageTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), $"azurite-ledger-{Guid.NewGuid():N}");
    private readonly string _repo = AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory);
    private AzuriteProcess _azurite = null!;
    private FakeSendGridServer _sendGrid = null!;
    private StorageClients _storage = null!;
    private Task _restarted = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(_repo, _data);
        _storage = StorageClients.Connect(StorageAccount.FromConnectionString(_azurite.ConnectionString), fastFail: true);
        await _storage.EnsureCreatedAsync();
        _sendGrid = await FakeSendGridServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _sendGrid.DisposeAsync();
        await _restarted;
        await _azurite.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Storage_away_after_the_send_for_less_than_RecordFor_the_record_lands_in_process_and_the_retry_sends_nothing()
    {
        var mail = MailLedgerTests.Request($"ledger-out-{Guid.NewGuid():N}"[..20]);
        var mailer = Mailer(recordFor: TimeSpan.FromSeconds(30), storageAwayFor: TimeSpan.FromSeconds(4));

        Assert.True(await mailer.SendAsync(mail));
        Assert.True(await mailer.SendAsync(mail));

        Assert.Single(_sendGrid.Received);
        Assert.Equal(MailStates.Sent, (await new MailLedger(_storage).GetAsync(mail.RoundId, mail.MessageId!, default))!.State);
        Assert.Single(await new AuditLog(_storage).ListAsync(mail.RoundId, 10, default));
    }

    [Fact]
    public async Task Storage_away_after_the_send_for_longer_than_RecordFor_the_activity_fails_and_its_retry_records_instead_of_sending()
    {
        var mail = MailLedgerTests.Request($"ledger-out-{Guid.NewGuid():N}"[..20]);
        var mailer = Mailer(recordFor: TimeSpan.FromSeconds(2), storageAwayFor: TimeSpan.FromSeconds(6));

        // The activity gives up recording while storage is away: it fails, and the orchestrator retries it later.
        await Assert.ThrowsAnyAsync<Exception>(() => mailer.SendAsync(mail));
        await _restarted.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(await mailer.SendAsync(mail));
        Assert.True(await mailer.SendAsync(mail));

        Assert.Single(_sendGrid.Received);
        var entry = (await new MailLedger(_storage).GetAsync(mail.RoundId, mail.MessageId!, default))!;
        Assert.Equal((MailStates.Sent, 1), (entry.State, entry.Claims));
        Assert.Single(await new AuditLog(_storage).ListAsync(mail.RoundId, 10, default));
    }

    private RoundMailer Mailer(TimeSpan recordFor, TimeSpan storageAwayFor)
    {
        var options = new MailOptions
        {
            SendGridApiKey = "SG.ledger-outage", SendGridHost = _sendGrid.BaseAddress.ToString(),
            SendTimeout = TimeSpan.FromSeconds(10), RecordFor = recordFor, ClaimTimeout = TimeSpan.FromMinutes(5),
        };
        var sender = new StorageStopsAfterSend(new SendGridMailSender(options, NullLogger<SendGridMailSender>.Instance), this, storageAwayFor);
        return new RoundMailer(new RoundStore(_storage), sender, new AuditLog(_storage), new MailLedger(_storage), Microsoft.Extensions.Options.Options.Create(options),
            TimeProvider.System, NullLogger<RoundMailer>.Instance);
    }

    /// <summary>Sends, then stops Azurite (once) and starts it again on the same ports and files after <c>awayFor</c>.</summary>
    private sealed class StorageStopsAfterSend(IMailSender inner, MailLedgerOutageTests test, TimeSpan awayFor) : IMailSender
    {
        private int _stopped;

        public async Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            var receipt = await inner.SendAsync(mail, cancellationToken);
            if (Interlocked.Exchange(ref _stopped, 1) == 0)
            {
                var azurite = test._azurite;
                var ports = (azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
                await azurite.DisposeAsync();
                test._restarted = Task.Run(async () =>
                {
                    await Task.Delay(awayFor);
                    test._azurite = await AzuriteProcess.StartAsync(test._repo, test._data, ports: ports);
                });
            }
            return receipt;
        }
    }
}
