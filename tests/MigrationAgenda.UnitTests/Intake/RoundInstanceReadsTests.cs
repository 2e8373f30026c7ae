using Microsoft.DurableTask.Client;
using MigrationAgenda.Intake;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>
/// The gate's shared instance reads: a mail takes only a read that began after it arrived, so what it sees is as fresh
/// as a read of its own; mails that arrive during one read share the next.
/// </summary>
public sealed class RoundInstanceReadsTests
{
    [Fact]
    public async Task Mails_arriving_during_a_read_share_the_next_one_never_the_one_in_flight()
    {
        var reads = new HeldReads();
        var shared = new RoundInstanceReads(reads.ReadAsync);

        var first = shared.ReadAsync(null!, "r1", CancellationToken.None);
        await reads.StartedAsync(1);
        var later = Enumerable.Range(0, 15).Select(_ => shared.ReadAsync(null!, "r1", CancellationToken.None)).ToList();
        reads.Finish(1, "first");
        Assert.Equal("first", (await first)!.Name);
        await reads.StartedAsync(2);
        Assert.All(later, t => Assert.False(t.IsCompleted));
        reads.Finish(2, "second");

        Assert.All(await Task.WhenAll(later), m => Assert.Equal("second", m!.Name));
        Assert.Equal(2, reads.Count);
        await WaitUntilAsync(() => shared.RoundCount == 0);
    }

    [Fact]
    public async Task Rounds_do_not_wait_for_each_other()
    {
        var reads = new HeldReads();
        var shared = new RoundInstanceReads(reads.ReadAsync);

        var one = shared.ReadAsync(null!, "r1", CancellationToken.None);
        await reads.StartedAsync(1);
        var other = shared.ReadAsync(null!, "r2", CancellationToken.None);
        await reads.StartedAsync(2);
        reads.Finish(2, "r2");
        Assert.Equal("r2", (await other)!.Name);
        Assert.False(one.IsCompleted);
        reads.Finish(1, "r1");
        Assert.Equal("r1", (await one)!.Name);
    }

    [Fact]
    public async Task A_failed_read_fails_exactly_the_mails_it_answered_and_the_next_mail_reads_again()
    {
        var reads = new HeldReads();
        var shared = new RoundInstanceReads(reads.ReadAsync);

        var failing = shared.ReadAsync(null!, "r1", CancellationToken.None);
        await reads.StartedAsync(1);
        var next = shared.ReadAsync(null!, "r1", CancellationToken.None);
        reads.Fail(1, new TimeoutException("engine busy"));
        await Assert.ThrowsAsync<TimeoutException>(() => failing);
        await reads.StartedAsync(2);
        reads.Finish(2, "after");
        Assert.Equal("after", (await next)!.Name);
    }

    [Fact]
    public async Task A_mail_that_stops_waiting_is_cancelled_alone()
    {
        var reads = new HeldReads();
        var shared = new RoundInstanceReads(reads.ReadAsync);
        using var stop = new CancellationTokenSource();

        var first = shared.ReadAsync(null!, "r1", CancellationToken.None);
        await reads.StartedAsync(1);
        var abandoned = shared.ReadAsync(null!, "r1", stop.Token);
        var waiting = shared.ReadAsync(null!, "r1", CancellationToken.None);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        reads.Finish(1, "first");
        await reads.StartedAsync(2);
        reads.Finish(2, "second");
        Assert.Equal("second", (await waiting)!.Name);
        Assert.Equal("first", (await first)!.Name);
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        for (var i = 0; i < 200 && !done(); i++)
            await Task.Delay(10);
        Assert.True(done());
    }

    /// <summary>Reads that end when the test says, numbered in the order they started.</summary>
    private sealed class HeldReads
    {
        private readonly List<TaskCompletionSource<OrchestrationMetadata?>> _reads = [];
        private readonly SemaphoreSlim _started = new(0);

        public int Count
        {
            get { lock (_reads) return _reads.Count; }
        }

        public Task<OrchestrationMetadata?> ReadAsync(DurableTaskClient client, string roundId)
        {
            var read = new TaskCompletionSource<OrchestrationMetadata?>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_reads)
                _reads.Add(read);
            _started.Release();
            return read.Task;
        }

        public async Task StartedAsync(int number)
        {
            while (Count < number)
                Assert.True(await _started.WaitAsync(TimeSpan.FromSeconds(5)), $"read {number} never started");
        }

        public void Finish(int number, string name) => Read(number).SetResult(new OrchestrationMetadata(name, name));

        public void Fail(int number, Exception e) => Read(number).SetException(e);

        private TaskCompletionSource<OrchestrationMetadata?> Read(int number)
        {
            lock (_reads)
                return _reads[number - 1];
        }
    }
}
