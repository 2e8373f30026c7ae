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

    // Per round with a raise under way or its spacing running: the items waiting for the next raise.
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);

    public Task TellAsync(DurableTaskClient client, string roundId, ContributionReceived item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(item);
        var waiter = new Waiter(item);
        Lane? started = null;
        lock (_lanes)
        {
            // A lane exists exactly while a raise for its round is under way or spaced: then the item joins the next batch.
            if (_lanes.TryGetValue(roundId, out var busy))
                busy.Waiting.Add(waiter);
            else
            {
                _lanes[roundId] = started = new Lane();
                started.Waiting.Add(waiter);
            }
            // The newest caller's client raises the next batch: a client gone bad fails at most the batch it was last in.
            (busy ?? started!).Client = client;
        }
        if (started is not null)
            _ = RaiseAllAsync(roundId, started);
        // The raise serves every caller in its batch: one caller giving up stops only its own wait.
        return waiter.Raised.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Raises what waits for <paramref name="roundId"/> now, without the spacing, and returns once every contribution
    /// told before this call has been raised (or failed to be). A coordinator's command goes after it, so the round
    /// takes the replies accepted before the click before the click itself.
    /// </summary>
    public async Task DrainAsync(string roundId)
    {
        List<Task> pending;
        lock (_lanes)
        {
            if (!_lanes.TryGetValue(roundId, out var lane))
                return;
            pending = [.. lane.Raising.Concat(lane.Waiting).Select(w => w.Raised.Task)];
            lane.Hurry.TrySetResult();
        }
        try
        {
            await Task.WhenAll(pending);
        }
        catch (Exception)
        {
            // A failed raise is its callers' to report; the reconcile raises it later. The command goes on.
        }
    }

    /// <summary>
    /// Raises batch after batch, <see cref="Spacing"/> apart (cut short by <see cref="DrainAsync"/>), until the lane stays
    /// empty for that long; then removes it so idle rounds cost nothing.
    /// </summary>
    private async Task RaiseAllAsync(string roundId, Lane lane)
    {
        while (true)
        {
            List<Waiter> batch;
            DurableTaskClient client;
            lock (_lanes)
            {
                if (lane.Waiting.Count == 0)
                {
                    _lanes.Remove(roundId);
                    return;
                }
                var count = Math.Min(lane.Waiting.Count, MaxItems);
                batch = lane.Waiting.GetRange(0, count);
                lane.Waiting.RemoveRange(0, count);
                lane.Raising = batch;
                client = lane.Client!;
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
            Task hurry;
            lock (_lanes)
            {
                lane.Raising = [];
                if (lane.Hurry.Task.IsCompleted && lane.Waiting.Count == 0)
                    lane.Hurry = new(TaskCreationOptions.RunContinuationsAsynchronously);
                hurry = lane.Hurry.Task;
            }
            if (_spacing > TimeSpan.Zero && !hurry.IsCompleted)
                await Task.WhenAny(Task.Delay(_spacing, _clock), hurry);
        }
    }

    private sealed class Lane
    {
        public List<Waiter> Waiting { get; } = [];
        public List<Waiter> Raising { get; set; } = [];
        public DurableTaskClient? Client { get; set; }
        // Completed by a drain: the next raise goes without waiting out the spacing.
        public TaskCompletionSource Hurry { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Waiter(ContributionReceived item)
    {
        public ContributionReceived Item { get; } = item;
        // Completed on the raising task; callers' continuations must not run inside the next raise's loop.
        public TaskCompletionSource Raised { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
