using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Caching.Memory;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Intake;

/// <summary>
/// The round gate for intake, without reading the round's row on every mail. The stored round's plan is written once
/// when the round starts and never replaced (<see cref="RoundStore.SaveAsync"/> keeps the first write; a resume keeps
/// the row), except its coordinator texts, which intake does not read. So while the orchestration runs, the plan read
/// for an earlier mail answers for this one: only the orchestration instance (its custom status: phase, what each
/// ministry still owes) is read fresh, every time (mails arriving together share a read that began after each of
/// them arrived: <see cref="RoundInstanceReads"/>). Once the instance is not running, the row is read again, because
/// then its phase decides (<see cref="RoundState"/>). Bounded, and an entry lives at most
/// <see cref="Lifetime"/>, so texts changed meanwhile are never stale for long should intake come to read them.
/// </summary>
public sealed class RoundPlanCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _records = new(new MemoryCacheOptions { SizeLimit = 256 });
    private readonly RoundInstanceReads _instances = new();

    /// <summary>The same gate as <see cref="RoundState.LoadAsync"/>: the stored round (cached) and the orchestration instance (fresh).</summary>
    public async Task<RoundState> LoadAsync(DurableTaskClient client, RoundStore rounds, string roundId, CancellationToken cancellationToken)
    {
        var reading = _instances.ReadAsync(client, roundId, cancellationToken);
        if (_records.TryGetValue(roundId, out RoundRecord? cached) && cached is not null)
        {
            var current = await reading;
            if (current is { IsRunning: true })
                return RoundState.Of(roundId, cached, current);
            _records.Remove(roundId);
            return RoundState.Of(roundId, await rounds.GetAsync(roundId, cancellationToken), current);
        }

        // Both reads at once; the row is kept only for a round that runs (a round being started has none yet).
        var stored = rounds.GetAsync(roundId, cancellationToken);
        await Task.WhenAll(reading, stored);
        var (record, instance) = (await stored, await reading);
        if (record is not null && instance is { IsRunning: true })
            _records.Set(roundId, record, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return RoundState.Of(roundId, record, instance);
    }

    public void Dispose() => _records.Dispose();
}
