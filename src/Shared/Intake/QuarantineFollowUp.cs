using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>
/// What a quarantined message causes after the webhook has answered: the notice to its sender. SendGrid's post does
/// not wait for it (the mail and its outcome are stored by then), so it never waits for SendGrid's send API, and a
/// quarantined reply costs the webhook no more time than an accepted one. What SendGrid or the mail ledger does not
/// take for now is tried again, <see cref="RetryDelays"/> apart, while the process lives; the ledger keeps a notice to
/// one per id. A process that stops first sends no notice: a courtesy, for the coordinator sees the mail in quarantine
/// either way. The archive needs nothing: the daily <see cref="Retention.RetentionRun"/> deletes quarantined mail by
/// its Inbound row.
/// </summary>
public sealed class QuarantineFollowUp : IHostedService, IDisposable
{
    private const int NoticesRemembered = 10_000;

    /// <summary>
    /// About a day of attempts, spaced ever wider: an outage of SendGrid or storage lasts hours, and a notice that comes
    /// late still tells the sender why nothing came of the mail.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> RetryDelays =
    [
        TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromHours(8),
    ];

    private readonly RoundMailer _mailer;
    private readonly TimeProvider _clock;
    private readonly ILogger<QuarantineFollowUp> _logger;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly ConcurrentDictionary<Task, string> _running = new();
    private readonly ConcurrentDictionary<string, byte> _noticed = new();
    // Cancelled at shutdown: ends the waits between attempts, never an attempt under way (a send may already be taken).
    private readonly CancellationTokenSource _stopping = new();

    public QuarantineFollowUp(RoundMailer mailer, TimeProvider clock, ILogger<QuarantineFollowUp> logger)
        : this(mailer, clock, logger, RetryDelays)
    {
    }

    /// <summary>Other waits between attempts (a test's).</summary>
    internal QuarantineFollowUp(RoundMailer mailer, TimeProvider clock, ILogger<QuarantineFollowUp> logger, IReadOnlyList<TimeSpan> retryDelays) =>
        (_mailer, _clock, _logger, _retryDelays) = (mailer, clock, logger, retryDelays);

    /// <summary>
    /// Sends <paramref name="notice"/>, the explanation of why inbound message <paramref name="inboundId"/> is
    /// quarantined, unless this process already took a notice with its id (<see cref="MessageIds.QuarantineNotice"/>:
    /// one per sender, reason and day). A burst from one sender, a mail loop or a stranger writing again, so costs
    /// one notice and no storage; another process's copy is stopped by the mail ledger.
    /// </summary>
    public void Notify(string inboundId, OutgoingMail notice)
    {
        // The ledger is what holds across processes; this only spares it the repeats. Clearing it costs at most one
        // ledger read per sender, so a flood of distinct senders cannot make it grow without end.
        if (_noticed.Count >= NoticesRemembered)
            _noticed.Clear();
        if (!_noticed.TryAdd($"{notice.RoundId}/{notice.MessageId}", 0))
        {
            _logger.LogDebug("Quarantine notice for inbound {Id} not sent: its sender had this one today", inboundId);
            return;
        }
        Send(inboundId, notice);
    }

    /// <summary>Returns once everything handed over before the call is done or given up.</summary>
    public Task DrainAsync(CancellationToken cancellationToken = default) => Task.WhenAll(_running.Keys).WaitAsync(cancellationToken);

    private void Send(string inboundId, OutgoingMail notice)
    {
        var running = Task.Run(() => TryAsync(inboundId, notice));
        _running[running] = inboundId;
        _ = running.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task TryAsync(string inboundId, OutgoingMail notice)
    {
        for (var n = 0; ; n++)
        {
            try
            {
                await _mailer.SendAsync(notice, CancellationToken.None);
                return;
            }
            catch (Exception e) when (e is MailDeliveryException { Transient: true } || TransientFault.Is(e))
            {
                if (n == _retryDelays.Count || _stopping.IsCancellationRequested)
                {
                    _logger.LogWarning(e, "Quarantine notice for inbound {Id} not sent after {Attempts} attempts", inboundId, n + 1);
                    return;
                }
                _logger.LogWarning("Quarantine notice for inbound {Id} not sent ({Error}); trying again in {Delay}", inboundId, e.GetType().Name, _retryDelays[n]);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Quarantine notice for inbound {Id} not sent", inboundId);
                return;
            }
            try
            {
                await Task.Delay(_retryDelays[n], _clock, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                _logger.LogWarning("Quarantine notice for inbound {Id} not sent: the host stopped before its next attempt", inboundId);
                return;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Lets the attempts under way finish (within the host's shutdown time); waiting ones are given up.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await DrainAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("{Count} quarantine notices still under way when the host stopped", _running.Count);
        }
    }

    public void Dispose() => _stopping.Dispose();
}
