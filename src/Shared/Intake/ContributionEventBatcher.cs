using Microsoft.DurableTask.Client;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Intake;

/// <summary>
/// Group commit of a round's contribution events. Every raise costs a control-queue message, its delete and an
/// orchestration episode that reads and replays the round's whole history; replies that arrive for one round while its
/// raise is in flight, or within <see cref="Spacing"/> after it, are told together in the next one, so a burst of
/// replies costs a few raises, not one each. An idle round's raise goes out at once.
/// A caller's task ends with the raise that carried its item: done, or failed with that raise's exception, so the
/// caller keeps the submission's pending-event mark for <see cref="PendingEventReconciler"/> as before.
/// </summary>
public sealed class ContributionEventBatcher
{
    /// <summary>Most contributions in one event: keeps the event well below the engine's message size limit.</summary>
    public const int MaxItems = 100;

    /// <summary>
    /// The least time between two raises for one round: a coordinator never notices a fifth of a second, while a
    /// round flooded with replies then costs the engine five episodes a second, not one per reply.
    /// </summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(200);

    private readonly TimeSpan _spacing;
    private readonly TimeProvider _clock;

    public ContributionEventBatcher()
        : this(Spacing, TimeProvider.System)
    {
    }

    /// <summary>Another spacing or clock (a test's).</summary>
    internal ContributionEventBatcher(TimeSpan spacing, TimeProvider clock) => (_spacing, _clock) = (spacing, clock);

    // Per round with a raise under way: the items waiting for the next one.
    private readonly Dictionary<string, List<Waiter>> _lanes = new(StringComparer.Ordinal);

    public Task TellAsync(DurableTaskClient client, string roundId, ContributionReceived item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(item);
        var waiter = new Waiter(item);
        List<Waiter>? lane = null;
        lock (_lanes)
        {
            // A lane exists exactly while a raise for its round is under way: then the item joins the next batch.
            if (_lanes.TryGetValue(roundId, out var busy))
                busy.Add(waiter);
            else
                _lanes[roundId] = lane = [waiter];
        }
        if (lane is not null)
            _ = RaiseAllAsync(client, roundId, lane);
        // The raise serves every caller in its batch: one caller giving up stops only its own wait.
        return waiter.Raised.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Raises batch after batch, <see cref="Spacing"/> apart, until the lane stays empty for that long; then removes it
    /// so idle rounds cost nothing.
    /// </summary>
    private async Task RaiseAllAsync(DurableTaskClient client, string roundId, List<Waiter> lane)
    {
        while (true)
        {
            List<Waiter> batch;
            lock (_lanes)
            {
                if (lane.Count == 0)
                {
                    _lanes.Remove(roundId);
                    return;
                }
                var count = Math.Min(lane.Count, MaxItems);
                batch = lane.GetRange(0, count);
                lane.RemoveRange(0, count);
            }
            try
            {
                await client.RaiseEventAsync(roundId, RoundEvents.ContributionsReceived,
                    new ContributionsReceived { Items = batch.Select(w => w.Item).ToList() }, CancellationToken.None);
                foreach (var waiter in batch)
                    waiter.Raised.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var waiter in batch)
                    waiter.Raised.TrySetException(e);
            }
            if (_spacing > TimeSpan.Zero)
                await Task.Delay(_spacing, _clock);
        }
    }

    private sealed class Waiter(ContributionReceived item)
    {
        public ContributionReceived Item { get; } = item;
        // Completed on the raising task; callers' continuations must not run inside the next raise's loop.
        public TaskCompletionSource Raised { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
