using System.Threading.Channels;
using MigrationAgenda.Intake;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>
/// Group commit of contribution events: an idle round is told at once, replies told while its raise is in flight go
/// together in the next one, and every caller ends with the raise that carried its reply.
/// </summary>
public sealed class ContributionEventBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    // No spacing: these tests decide what is in flight; the spacing has its own test below.
    private readonly ContributionEventBatcher _batcher = new(TimeSpan.Zero, TimeProvider.System);
    private readonly HeldRaiseClient _client = new();

    private static ContributionReceived Reply(string id) =>
        new() { Ministry = "BZK", Pillars = [6], ReceivedAt = DateTimeOffset.UnixEpoch, Source = "mail", MessageId = id };

    private Task Tell(string roundId, string id, CancellationToken cancellationToken = default) =>
        _batcher.TellAsync(_client, roundId, Reply(id), cancellationToken);

    [Fact]
    public async Task Twenty_concurrent_tells_while_the_first_raise_is_held_make_two_raises_of_one_and_nineteen()
    {
        var tells = new Task[20];
        // Statement lambdas: each Task.Run ends when its tell has been handed over, not when the tell completes.
        var first = Task.Run(() => { tells[0] = Tell("round-a", "m0"); });
        var raise1 = await _client.NextRaiseAsync();
        await first.WaitAsync(Patience);
        // The other nineteen from as many threads at once, all while the first raise is held.
        await Task.WhenAll(Enumerable.Range(1, 19).Select(i => Task.Run(() => { tells[i] = Tell("round-a", $"m{i}"); }))).WaitAsync(Patience);

        Assert.Equal(("round-a", RoundEvents.ContributionsReceived, false), (raise1.InstanceId, raise1.EventName, raise1.Cancellable));
        Assert.Equal(["m0"], raise1.MessageIds);
        Assert.False(_client.HasRaiseWaiting);
        Assert.All(tells, t => Assert.False(t.IsCompleted));

        raise1.Outcome.SetResult();
        await tells[0].WaitAsync(Patience);
        var raise2 = await _client.NextRaiseAsync();
        Assert.Equal(("round-a", RoundEvents.ContributionsReceived, false), (raise2.InstanceId, raise2.EventName, raise2.Cancellable));
        Assert.Equal(Enumerable.Range(1, 19).Select(i => $"m{i}").Order(), raise2.MessageIds.Order());
        Assert.All(tells.Skip(1), t => Assert.False(t.IsCompleted));

        raise2.Outcome.SetResult();
        await Task.WhenAll(tells).WaitAsync(Patience);
        Assert.False(_client.HasRaiseWaiting);
        // Each reply delivered exactly once over both raises.
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"m{i}").Order(), raise1.MessageIds.Concat(raise2.MessageIds).Order());
    }

    [Fact]
    public async Task A_round_whose_raise_is_held_does_not_hold_up_another_round()
    {
        var a = Tell("round-a", "a1");
        var raiseA = await _client.NextRaiseAsync();

        var b = Tell("round-b", "b1");
        var raiseB = await _client.NextRaiseAsync();
        Assert.Equal("round-b", raiseB.InstanceId);
        Assert.Equal(["b1"], raiseB.MessageIds);
        raiseB.Outcome.SetResult();
        await b.WaitAsync(Patience);

        Assert.False(a.IsCompleted);
        raiseA.Outcome.SetResult();
        await a.WaitAsync(Patience);
        Assert.Equal("round-a", raiseA.InstanceId);
    }

    [Fact]
    public async Task A_failed_raise_fails_exactly_the_callers_it_carried_and_the_next_tells_are_raised()
    {
        var x = Tell("round-a", "x");
        var raise1 = await _client.NextRaiseAsync();
        var y = Tell("round-a", "y");
        var z = Tell("round-a", "z");
        raise1.Outcome.SetResult();
        await x.WaitAsync(Patience);

        var raise2 = await _client.NextRaiseAsync();
        Assert.Equal(["y", "z"], raise2.MessageIds);
        var fault = new InvalidOperationException("engine away");
        raise2.Outcome.SetException(fault);
        Assert.Same(fault, await Assert.ThrowsAsync<InvalidOperationException>(() => y.WaitAsync(Patience)));
        Assert.Same(fault, await Assert.ThrowsAsync<InvalidOperationException>(() => z.WaitAsync(Patience)));
        Assert.True(x.IsCompletedSuccessfully);

        // The round's lane is gone with its last batch: the next reply is raised at once, on its own.
        var w = Tell("round-a", "w");
        var raise3 = await _client.NextRaiseAsync();
        Assert.Equal(["w"], raise3.MessageIds);
        raise3.Outcome.SetResult();
        await w.WaitAsync(Patience);
        Assert.False(_client.HasRaiseWaiting);
    }

    [Fact]
    public async Task A_raise_that_throws_before_returning_a_task_fails_its_caller_and_the_round_is_told_again_later()
    {
        var fault = new ObjectDisposedException("client");
        _client.ThrowAtOnce = fault;
        var first = Tell("round-a", "first");
        Assert.Same(fault, await Assert.ThrowsAsync<ObjectDisposedException>(() => first.WaitAsync(Patience)));

        _client.ThrowAtOnce = null;
        var second = Tell("round-a", "second");
        var raise = await _client.NextRaiseAsync();
        Assert.Equal(["second"], raise.MessageIds);
        raise.Outcome.SetResult();
        await second.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_caller_that_gives_up_waiting_gets_cancelled_and_its_reply_is_still_raised()
    {
        var first = Tell("round-a", "first");
        var raise1 = await _client.NextRaiseAsync();
        using var giveUp = new CancellationTokenSource();
        var impatient = Tell("round-a", "impatient", giveUp.Token);
        var patient = Tell("round-a", "patient");

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.WaitAsync(Patience));
        Assert.False(patient.IsCompleted);

        raise1.Outcome.SetResult();
        var raise2 = await _client.NextRaiseAsync();
        Assert.Equal(["impatient", "patient"], raise2.MessageIds);
        Assert.False(raise2.Cancellable);
        raise2.Outcome.SetResult();
        await Task.WhenAll(first, patient).WaitAsync(Patience);
    }

    [Fact]
    public async Task A_backlog_beyond_the_limit_goes_in_events_of_at_most_the_limit()
    {
        var first = Tell("round-a", "first");
        var raise1 = await _client.NextRaiseAsync();
        var backlog = Enumerable.Range(0, ContributionEventBatcher.MaxItems + 5).Select(i => Tell("round-a", $"b{i}")).ToList();
        raise1.Outcome.SetResult();

        var raise2 = await _client.NextRaiseAsync();
        Assert.Equal(ContributionEventBatcher.MaxItems, raise2.Payload.Items.Count);
        raise2.Outcome.SetResult();
        var raise3 = await _client.NextRaiseAsync();
        Assert.Equal(5, raise3.Payload.Items.Count);
        raise3.Outcome.SetResult();
        await Task.WhenAll(backlog.Append(first)).WaitAsync(Patience);
        Assert.Equal(backlog.Count, raise2.MessageIds.Concat(raise3.MessageIds).Distinct().Count());
    }

    [Fact]
    public async Task Replies_told_within_the_spacing_after_a_raise_wait_for_it_and_go_together_and_a_quiet_round_is_told_at_once_again()
    {
        var delays = new ManualDelays();
        var batcher = new ContributionEventBatcher(TimeSpan.FromSeconds(1), delays);

        var first = batcher.TellAsync(_client, "round-a", Reply("m0"), CancellationToken.None);
        var raise1 = await _client.NextRaiseAsync();
        raise1.Outcome.SetResult();
        await first.WaitAsync(Patience);
        var spacing = await delays.NextAsync();
        Assert.Equal(TimeSpan.FromSeconds(1), spacing.Due);

        // Raise 1 is done, but the spacing has not passed: these two wait and go together.
        var later = new[] { batcher.TellAsync(_client, "round-a", Reply("m1"), CancellationToken.None), batcher.TellAsync(_client, "round-a", Reply("m2"), CancellationToken.None) };
        await Task.Delay(50);
        Assert.False(_client.HasRaiseWaiting);
        spacing.Elapse();
        var raise2 = await _client.NextRaiseAsync();
        Assert.Equal(["m1", "m2"], raise2.MessageIds.Order());
        raise2.Outcome.SetResult();
        await Task.WhenAll(later).WaitAsync(Patience);

        // A spacing with nothing told in it ends the round's turn: the next reply is raised at once.
        (await delays.NextAsync()).Elapse();
        await Task.Delay(50);
        var again = batcher.TellAsync(_client, "round-a", Reply("m3"), CancellationToken.None);
        var raise3 = await _client.NextRaiseAsync();
        Assert.Equal(["m3"], raise3.MessageIds);
        raise3.Outcome.SetResult();
        await again.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_drain_before_a_command_raises_what_waits_without_the_spacing_and_returns_once_all_of_it_is_raised()
    {
        var delays = new ManualDelays();
        var batcher = new ContributionEventBatcher(TimeSpan.FromMinutes(1), delays);

        var first = batcher.TellAsync(_client, "round-a", Reply("m0"), CancellationToken.None);
        var raise1 = await _client.NextRaiseAsync();
        var waiting = batcher.TellAsync(_client, "round-a", Reply("m1"), CancellationToken.None);
        var drained = batcher.DrainAsync("round-a");
        Assert.False(drained.IsCompleted);

        raise1.Outcome.SetResult();
        // No delay elapsed: the drain cut the minute short.
        var raise2 = await _client.NextRaiseAsync();
        Assert.Equal(["m1"], raise2.MessageIds);
        Assert.False(drained.IsCompleted);
        raise2.Outcome.SetException(new TimeoutException("engine busy"));
        await drained.WaitAsync(Patience);
        await first.WaitAsync(Patience);
        await Assert.ThrowsAsync<TimeoutException>(() => waiting);

        // A round with nothing waiting drains at once.
        await batcher.DrainAsync("round-b").WaitAsync(Patience);
    }

    [Fact]
    public async Task The_next_raise_goes_through_the_newest_callers_client()
    {
        var other = new HeldRaiseClient();
        var first = Tell("round-a", "m0");
        var raise1 = await _client.NextRaiseAsync();
        var second = _batcher.TellAsync(other, "round-a", Reply("m1"), CancellationToken.None);
        raise1.Outcome.SetResult();
        await first.WaitAsync(Patience);

        // A client that went bad (a host stopped) fails at most the batch it was the newest in.
        var raise2 = await other.NextRaiseAsync();
        Assert.Equal(["m1"], raise2.MessageIds);
        Assert.False(_client.HasRaiseWaiting);
        raise2.Outcome.SetResult();
        await second.WaitAsync(Patience);
    }

    /// <summary>A clock whose delays end when the test says.</summary>
    private sealed class ManualDelays : TimeProvider
    {
        private readonly Channel<ManualTimer> _timers = Channel.CreateUnbounded<ManualTimer>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(() => callback(state), dueTime);
            _timers.Writer.TryWrite(timer);
            return timer;
        }

        public async Task<ManualTimer> NextAsync() => await _timers.Reader.ReadAsync().AsTask().WaitAsync(Patience);
    }

    private sealed class ManualTimer(Action fire, TimeSpan due) : ITimer
    {
        private int _done;

        public TimeSpan Due { get; } = due;

        public void Elapse()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
                fire();
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose() => Interlocked.Exchange(ref _done, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
