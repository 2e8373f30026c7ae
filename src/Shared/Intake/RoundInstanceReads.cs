using Microsoft.DurableTask.Client;

namespace MigrationAgenda.Intake;

/// <summary>
/// Reads of a round's orchestration instance, shared by the mails that arrive together. The gate must see every event
/// raised before a mail arrived (a round closed a moment ago refuses it), so a mail never takes a read that was
/// already under way: it waits for the next one, which starts as soon as the one in flight ends and answers every
/// mail that arrived meanwhile. One mail alone reads at once, as it always did; sixteen at once cost two reads.
/// </summary>
public sealed class RoundInstanceReads
{
    private readonly Dictionary<string, Round> _rounds = new(StringComparer.Ordinal);
    private readonly Func<DurableTaskClient, string, Task<OrchestrationMetadata?>> _read;

    public RoundInstanceReads()
        : this((client, roundId) => client.GetInstanceAsync(roundId, getInputsAndOutputs: true, CancellationToken.None))
    {
    }

    /// <summary>With another read of the instance (a test's, to see which read answers whom).</summary>
    internal RoundInstanceReads(Func<DurableTaskClient, string, Task<OrchestrationMetadata?>> read) => _read = read;

    /// <summary>The instance as read after this call began. <paramref name="cancellationToken"/> stops only this caller's wait.</summary>
    public Task<OrchestrationMetadata?> ReadAsync(DurableTaskClient client, string roundId, CancellationToken cancellationToken)
    {
        TaskCompletionSource<OrchestrationMetadata?> next;
        Round round;
        bool start;
        lock (_rounds)
        {
            if (!_rounds.TryGetValue(roundId, out round!))
                _rounds[roundId] = round = new Round();
            next = round.Next ??= new TaskCompletionSource<OrchestrationMetadata?>(TaskCreationOptions.RunContinuationsAsynchronously);
            start = !round.Reading;
            round.Reading = true;
        }
        if (start)
            _ = Task.Run(() => ReadWhileAskedAsync(client, roundId, round), CancellationToken.None);
        return next.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Rounds with a read in flight or asked for (a test's view: a quiet round leaves nothing behind).</summary>
    internal int RoundCount
    {
        get { lock (_rounds) return _rounds.Count; }
    }

    private async Task ReadWhileAskedAsync(DurableTaskClient client, string roundId, Round round)
    {
        while (true)
        {
            TaskCompletionSource<OrchestrationMetadata?>? asked;
            lock (_rounds)
            {
                // Everyone waiting now arrived before this read starts: it is fresh enough for each of them.
                asked = round.Next;
                round.Next = null;
                if (asked is null)
                {
                    round.Reading = false;
                    _rounds.Remove(roundId);
                    return;
                }
            }
            try
            {
                asked.TrySetResult(await _read(client, roundId));
            }
            catch (Exception e)
            {
                asked.TrySetException(e);
            }
        }
    }

    private sealed class Round
    {
        public TaskCompletionSource<OrchestrationMetadata?>? Next;
        public bool Reading;
    }
}
