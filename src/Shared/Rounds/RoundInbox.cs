using Microsoft.DurableTask;

namespace MigrationAgenda.Rounds;

/// <summary>
/// What ended a wait of the round: its due time, contributions (one event or several told together), a command, or an
/// undeliverable mail.
/// </summary>
internal readonly record struct RoundWake(IReadOnlyList<ContributionReceived>? Contributions = null, RoundCommand? Command = null, MailUndeliverable? Undeliverable = null)
{
    public bool IsDue => Contributions is null && Command is null && Undeliverable is null;
}

/// <summary>
/// The round's one way of waiting: for the next of its due time, a contribution, a command, or an undeliverable mail.
/// Keeps exactly one live waiter per external event name: a waiter abandoned by a timeout can swallow a later event
/// in the engine, so waiters are never cancelled; each is taken when it completes and replaced.
/// Keeps at most one pending durable timer, per due time: a cancelled timer still sits in the engine's queue until it
/// is due, so a new one is made only when the due time changes or the old one has fired, never for an event that
/// leaves the due time as it was.
/// </summary>
internal sealed class RoundInbox(TaskOrchestrationContext context) : IDisposable
{
    private Task<ContributionReceived> _contribution = context.WaitForExternalEvent<ContributionReceived>(RoundEvents.ContributionReceived);
    // Rounds in flight from before the plural event never see one; waiting adds nothing to the history, so they replay as they were.
    private Task<ContributionsReceived> _contributions = context.WaitForExternalEvent<ContributionsReceived>(RoundEvents.ContributionsReceived);
    private Task<RoundCommand> _command = context.WaitForExternalEvent<RoundCommand>(RoundEvents.Command);
    private Task<MailUndeliverable> _undeliverable = context.WaitForExternalEvent<MailUndeliverable>(RoundEvents.MailUndeliverable);
    private Task? _timer;
    private DateTimeOffset _timerDue;
    private CancellationTokenSource? _cancelTimer;

    /// <summary>Waits for <paramref name="due"/> (none: events only), a contribution or a command, whichever comes first.</summary>
    public async Task<RoundWake> NextAsync(DateTimeOffset? due)
    {
        var timer = TimerFor(due);
        var winner = timer is null
            ? await Task.WhenAny(_contribution, _command, _undeliverable, _contributions)
            : await Task.WhenAny(timer, _contribution, _command, _undeliverable, _contributions);

        if (winner == timer)
        {
            // Fired: the due step is handled now, and the next one gets a timer of its own.
            ForgetTimer();
            return new RoundWake();
        }
        if (winner == _contribution)
        {
            var received = _contribution.Result;
            _contribution = context.WaitForExternalEvent<ContributionReceived>(RoundEvents.ContributionReceived);
            // A null payload wakes the round as if due, as it did before the plural event: histories from older builds replay alike.
            return received is null ? new RoundWake() : new RoundWake(Contributions: [received]);
        }
        if (winner == _contributions)
        {
            var items = _contributions.Result?.Items?.OfType<ContributionReceived>().ToList() ?? [];
            _contributions = context.WaitForExternalEvent<ContributionsReceived>(RoundEvents.ContributionsReceived);
            // An empty batch is nothing to act on (it would otherwise end a review): wait on, the same timer still pending.
            return items.Count > 0 ? new RoundWake(Contributions: items) : await NextAsync(due);
        }
        if (winner == _undeliverable)
        {
            var bounced = _undeliverable.Result;
            _undeliverable = context.WaitForExternalEvent<MailUndeliverable>(RoundEvents.MailUndeliverable);
            return new RoundWake(Undeliverable: bounced);
        }
        var command = _command.Result;
        _command = context.WaitForExternalEvent<RoundCommand>(RoundEvents.Command);
        return new RoundWake(Command: command);
    }

    /// <summary>
    /// Cancels the pending timer when the round ends (returns or fails): the engine completes an orchestration only
    /// once none of its timers is open, so a round that ended with one pending would finish only when it came due.
    /// </summary>
    public void Dispose() => StopTimer();

    private void StopTimer()
    {
        _cancelTimer?.Cancel();
        ForgetTimer();
    }

    private Task? TimerFor(DateTimeOffset? due)
    {
        if (_timer is not null && due == _timerDue)
            return _timer;
        StopTimer();
        if (due is not { } at)
            return null;
        _cancelTimer = new CancellationTokenSource();
        _timerDue = at;
        _timer = context.CreateTimer(at.UtcDateTime, _cancelTimer.Token);
        return _timer;
    }

    private void ForgetTimer()
    {
        _cancelTimer?.Dispose();
        _cancelTimer = null;
        _timer = null;
    }
}
