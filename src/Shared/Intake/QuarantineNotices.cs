using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>
/// Sends quarantine notices after the webhook has answered. SendGrid's inbound post then never waits for SendGrid's
/// send API (slow, or down for a while), and a quarantined reply costs the webhook no more time than an accepted one.
/// A notice the provider or storage does not take for now is tried again, <see cref="RetryDelays"/> apart, while the
/// process lives; the mailer's ledger keeps it to one message per id. A notice stays a courtesy: a process that stops
/// before sending it does not send it, and the coordinator sees the mail in quarantine either way.
/// </summary>
public sealed class QuarantineNotices : IHostedService, IDisposable
{
    public static readonly IReadOnlyList<TimeSpan> RetryDelays = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    private readonly RoundMailer _mailer;
    private readonly TimeProvider _clock;
    private readonly ILogger<QuarantineNotices> _logger;
    private readonly IReadOnlyList<TimeSpan> _retryDelays;
    private readonly ConcurrentDictionary<Task, string> _sending = new();
    // Cancelled at shutdown: ends the waits between attempts, never a send under way (which may already be taken).
    private readonly CancellationTokenSource _stopping = new();

    public QuarantineNotices(RoundMailer mailer, TimeProvider clock, ILogger<QuarantineNotices> logger)
        : this(mailer, clock, logger, RetryDelays)
    {
    }

    /// <summary>Other waits between attempts (a test's).</summary>
    internal QuarantineNotices(RoundMailer mailer, TimeProvider clock, ILogger<QuarantineNotices> logger, IReadOnlyList<TimeSpan> retryDelays) =>
        (_mailer, _clock, _logger, _retryDelays) = (mailer, clock, logger, retryDelays);

    /// <summary>Hands over the notice about inbound message <paramref name="inboundId"/>; returns at once.</summary>
    public void Send(string inboundId, OutgoingMail notice)
    {
        var sending = Task.Run(() => SendAsync(inboundId, notice));
        _sending[sending] = inboundId;
        _ = sending.ContinueWith(done => _sending.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Returns once every notice handed over before the call is sent, refused or given up.</summary>
    public Task DrainAsync(CancellationToken cancellationToken = default) => Task.WhenAll(_sending.Keys).WaitAsync(cancellationToken);

    private async Task SendAsync(string inboundId, OutgoingMail notice)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _mailer.SendAsync(notice, CancellationToken.None);
                return;
            }
            catch (Exception e) when (e is MailDeliveryException { Transient: true } || TransientFault.Is(e))
            {
                if (attempt == _retryDelays.Count || _stopping.IsCancellationRequested)
                {
                    _logger.LogWarning(e, "Quarantine notice for inbound {Id} not sent after {Attempts} attempts", inboundId, attempt + 1);
                    return;
                }
                _logger.LogWarning("Quarantine notice for inbound {Id} not sent ({Error}); trying again in {Delay}", inboundId, e.GetType().Name, _retryDelays[attempt]);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Quarantine notice for inbound {Id} not sent", inboundId);
                return;
            }
            try
            {
                await Task.Delay(_retryDelays[attempt], _clock, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                _logger.LogWarning("Quarantine notice for inbound {Id} not sent: the host stopped before its next attempt", inboundId);
                return;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Lets the sends under way finish (within the host's shutdown time); waiting retries are given up.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await DrainAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _logger.LogWarning("{Count} quarantine notices still being sent when the host stopped", _sending.Count);
        }
    }

    public void Dispose() => _stopping.Dispose();
}
