using System.Collections.Concurrent;
using System.Diagnostics;

namespace MigrationAgenda.LoadBench;

/// <summary>What one phase measured: latencies in order of completion, failures, wall time, resources.</summary>
public sealed record PhaseResult
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required int Concurrency { get; init; }
    public required int Planned { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset EndedAt { get; init; }
    public required TimeSpan Wall { get; init; }
    /// <summary>Milliseconds per operation, in order of completion; failed ones included.</summary>
    public required IReadOnlyList<double> Latencies { get; init; }
    /// <summary>Seconds since the phase started at which each operation completed, in order of completion.</summary>
    public required IReadOnlyList<double> CompletedAt { get; init; }
    /// <summary>The wall-clock time each operation completed, in the same order (to line up with serve's log and the samples).</summary>
    public required IReadOnlyList<DateTimeOffset> FinishedAt { get; init; }
    public required IReadOnlyList<string> Failures { get; init; }
    /// <summary>From the phase's start until serve and Azurite were quiet again, so work left behind counts too.</summary>
    public ResourceUse Resources { get; init; } = new(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
    /// <summary>How long serve and Azurite kept busy after the last answer (see <see cref="ProcessSampler.QuietAsync"/>).</summary>
    public TimeSpan QuietAfter { get; init; }

    /// <summary>Azurite's requests from the phase's start until quiet, by method and target (with <c>--count-requests</c>).</summary>
    public IReadOnlyDictionary<string, long> StorageRequests { get; init; } = new Dictionary<string, long>();

    /// <summary>How many interleaved slices this result was merged from (see <see cref="Merge"/>).</summary>
    public int Slices { get; init; } = 1;

    public int Completed => Latencies.Count;
    public int Succeeded => Completed - Failures.Count;
    public double RequestsPerSecond => Wall.TotalSeconds > 0 ? Completed / Wall.TotalSeconds : 0;
    public double P50 => Percentile(Latencies, 0.50);
    public double P99 => Percentile(Latencies, 0.99);

    /// <summary>
    /// One result from slices of the same kind and concurrency that ran interleaved with the other kinds: rates over
    /// the slices' summed wall time, latencies pooled, CPU summed, memory the highest.
    /// </summary>
    public static PhaseResult Merge(IReadOnlyList<PhaseResult> parts)
    {
        if (parts.Count == 1)
            return parts[0];
        var offset = 0.0;
        var completedAt = new List<double>();
        foreach (var part in parts)
        {
            completedAt.AddRange(part.CompletedAt.Select(t => t + offset));
            offset += part.Wall.TotalSeconds;
        }
        var r = parts.Select(p => p.Resources).ToList();
        return parts[0] with
        {
            Planned = parts.Sum(p => p.Planned),
            EndedAt = parts[^1].EndedAt,
            Wall = TimeSpan.FromTicks(parts.Sum(p => p.Wall.Ticks)),
            Latencies = parts.SelectMany(p => p.Latencies).ToList(),
            CompletedAt = completedAt,
            FinishedAt = parts.SelectMany(p => p.FinishedAt).ToList(),
            Failures = parts.SelectMany(p => p.Failures).ToList(),
            Resources = new ResourceUse(r.Max(x => x.PeakRssMb), r.Max(x => x.HighWaterMb), r.Sum(x => x.ServeCpuSeconds),
                r.Sum(x => x.AzuriteCpuSeconds), r.Sum(x => x.BenchCpuSeconds)),
            QuietAfter = parts.Max(p => p.QuietAfter),
            StorageRequests = LoadBench.StorageRequests.Sum(parts.Select(p => p.StorageRequests)),
            Slices = parts.Count,
        };
    }

    /// <summary>Nearest rank.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// Runs a fixed list of operations with a fixed number of workers, each taking the next item as soon as its last one
/// ends (closed loop). Stops taking new items when the run's time bound is reached.
/// </summary>
public static class Phase
{
    public static async Task<PhaseResult> RunAsync<T>(string name, string kind, int concurrency, IReadOnlyList<T> items,
        Func<T, CancellationToken, Task<string?>> operation, CancellationToken bound)
    {
        var latencies = new ConcurrentQueue<(double Ms, double At)>();
        var failures = new ConcurrentQueue<string>();
        var next = -1;
        var startedAt = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            int i;
            while (!bound.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < items.Count)
            {
                var start = clock.Elapsed;
                string? failure;
                try
                {
                    failure = await operation(items[i], bound);
                }
                catch (Exception e) when (!bound.IsCancellationRequested)
                {
                    failure = $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
                }
                catch (Exception) when (bound.IsCancellationRequested)
                {
                    break;
                }
                var end = clock.Elapsed;
                latencies.Enqueue(((end - start).TotalMilliseconds, end.TotalSeconds));
                if (failure is not null)
                    failures.Enqueue(failure);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        clock.Stop();
        var endedAt = DateTimeOffset.Now;
        var done = latencies.OrderBy(l => l.At).ToList();
        return new PhaseResult
        {
            Name = name, Kind = kind, Concurrency = concurrency, Planned = items.Count,
            StartedAt = startedAt, EndedAt = endedAt, Wall = clock.Elapsed,
            Latencies = done.Select(l => l.Ms).ToList(), CompletedAt = done.Select(l => l.At).ToList(),
            FinishedAt = done.Select(l => startedAt.AddSeconds(l.At)).ToList(),
            Failures = failures.ToList(),
        };
    }
}
