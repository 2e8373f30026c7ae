namespace MigrationAgenda.LoadBench;

/// <summary>One block of the long run: throughput, latency and resources for a fixed number of consecutive answers.</summary>
public sealed record DecayBlock(int Number, double RequestsPerSecond, double P50, double P99, double ServeCpuMsPerPost, double AzuriteCpuMsPerPost, double ServeRssMb)
{
    /// <summary>Cuts a phase into blocks of <paramref name="size"/> answers in order of completion (a last partial block is left out).</summary>
    public static IReadOnlyList<DecayBlock> Of(PhaseResult phase, int size, ProcessSampler sampler)
    {
        var blocks = new List<DecayBlock>();
        for (var b = 0; (b + 1) * size <= phase.Completed; b++)
        {
            var from = b == 0 ? 0 : phase.CompletedAt[b * size - 1];
            var to = phase.CompletedAt[(b + 1) * size - 1];
            var latencies = phase.Latencies.Skip(b * size).Take(size).ToList();
            var start = sampler.At(phase.StartedAt.AddSeconds(from));
            var end = sampler.At(phase.StartedAt.AddSeconds(to));
            blocks.Add(new DecayBlock(b + 1, size / Math.Max(to - from, 1e-6),
                PhaseResult.Percentile(latencies, 0.50), PhaseResult.Percentile(latencies, 0.99),
                (end.ServeCpu - start.ServeCpu) * 1000 / size, (end.AzuriteCpu - start.AzuriteCpu) * 1000 / size, end.RssMb));
        }
        return blocks;
    }
}
