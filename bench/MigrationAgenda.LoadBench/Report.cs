using System.Globalization;
using System.Text;

namespace MigrationAgenda.LoadBench;

/// <summary>The run's figures as Markdown: what bench/README.md quotes.</summary>
public sealed class Report(LoadBenchOptions options)
{
    public string Machine { get; init; } = "";
    public string LoadBefore { get; init; } = "";
    public string LoadAfter { get; set; } = "";
    public string ServeBuild { get; set; } = "";
    public List<PhaseResult> Phases { get; } = [];
    public Dictionary<PhaseResult, IReadOnlyList<StepSum>> Steps { get; } = [];
    public PhaseResult? Long { get; set; }
    public IReadOnlyList<DecayBlock> DecayBlocks { get; set; } = [];
    public double HighWaterMb { get; set; }
    public double PostBytes { get; set; }
    public IReadOnlyList<(string Queue, int Messages)> HubQueues { get; set; } = [];
    public bool Incomplete { get; set; }
    public List<(bool Ok, string Check)> Checks { get; } = [];
    public int TimingLines { get; set; }
    public int UnreadableTimingLines { get; set; }
    public ServeLogStats? Log { get; set; }

    private static string F(double value, string format = "0.0") => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Line(PhaseResult p) =>
        $"  {p.Name,-10} {p.Kind,-11} c={p.Concurrency,-3} {p.Completed,5}/{p.Planned} in {F(p.Wall.TotalSeconds)} s: {F(p.RequestsPerSecond)} req/s, " +
        $"p50 {F(p.P50, "0")} ms, p99 {F(p.P99, "0")} ms, failed {p.Failures.Count}, serve RSS peak {F(p.Resources.PeakRssMb, "0")} MB, quiet after {F(p.QuietAfter.TotalSeconds)} s";

    private double? Ratio(PhaseResult p) =>
        p.Kind == Kinds.Ceiling ? null
        : Phases.FirstOrDefault(c => c.Kind == Kinds.Ceiling && c.Concurrency == p.Concurrency && c.Name == (p.Name == "long" ? "after long" : p.Name)) is { RequestsPerSecond: > 0 } ceiling
            ? p.RequestsPerSecond / ceiling.RequestsPerSecond : null;

    private IEnumerable<string> Goals()
    {
        PhaseResult? Measured(string kind, int concurrency) => Phases.FirstOrDefault(p => p.Name == "measured" && p.Kind == kind && p.Concurrency == concurrency);
        var top = options.Concurrency.Max();
        if (Measured(Kinds.Accepted, top) is { } accepted && Ratio(accepted) is { } ratio)
            yield return $"accepted at {top}: {F(ratio, "0.00")} of the minimum-writes ceiling (goal: at least 0.80): {(ratio >= 0.8 ? "met" : "missed")}";
        if (Long is { } l && Ratio(l) is { } longRatio)
            yield return $"long run of {l.Completed} at {l.Concurrency}: {F(longRatio, "0.00")} of the ceiling after it, last block {F(DecayBlocks.Count >= 2 ? DecayBlocks[^1].RequestsPerSecond / DecayBlocks[0].RequestsPerSecond : double.NaN, "0.00")} of the first (goal: no decay)";
        foreach (var c in options.Concurrency)
            if (Measured(Kinds.Quarantined, c) is { } q && Measured(Kinds.Accepted, c) is { RequestsPerSecond: > 0 } a)
                yield return $"quarantined at {c}: {F(q.RequestsPerSecond / a.RequestsPerSecond, "0.00")}x accepted (goal: at least 1): {(q.RequestsPerSecond >= a.RequestsPerSecond ? "met" : "missed")}";
        yield return $"serve's peak memory: {F(HighWaterMb, "0")} MB (goal: under 300 MB): {(HighWaterMb < 300 ? "met" : "missed")}";
    }

    /// <summary>Storage requests per post by target, per kind at each concurrency (measured phases), from Azurite's access log.</summary>
    private void RequestTable(StringBuilder s)
    {
        var measured = Phases.Where(p => p.Name == "measured" && p.Completed > 0).ToList();
        if (measured.Count == 0)
            return;
        var targets = measured.SelectMany(p => p.StorageRequests.Keys).Distinct()
            .OrderByDescending(t => measured.Sum(p => (double)p.StorageRequests.GetValueOrDefault(t) / p.Completed)).ToList();
        s.AppendLine("Storage requests per post (Azurite's access log, from each phase's start until serve and Azurite were quiet):");
        s.AppendLine();
        s.AppendLine("| request | " + string.Join(" | ", measured.Select(p => $"{p.Kind} {p.Concurrency}")) + " |");
        s.AppendLine("|---|" + string.Concat(measured.Select(_ => "--:|")));
        s.AppendLine("| **all** | " + string.Join(" | ", measured.Select(p => F((double)p.StorageRequests.Values.Sum() / p.Completed, "0.00"))) + " |");
        foreach (var t in targets)
            s.AppendLine($"| {t} | " + string.Join(" | ", measured.Select(p => F((double)p.StorageRequests.GetValueOrDefault(t) / p.Completed, "0.00"))) + " |");
        s.AppendLine();
    }

    public string Render()
    {
        var s = new StringBuilder();
        s.AppendLine($"## Load run {DateTime.Now:yyyy-MM-dd HH:mm}{(Incomplete ? " (INCOMPLETE)" : "")}");
        s.AppendLine();
        s.AppendLine($"- Machine: {Machine}");
        s.AppendLine($"- Load average (1/5/15 min) before: {LoadBefore}; after: {LoadAfter}");
        s.AppendLine($"- serve: {ServeBuild}");
        s.AppendLine($"- Run: {options.Replies} posts per phase in {options.Slices} interleaved slices, concurrency {string.Join("/", options.Concurrency)}, warm-up {options.Warmup} of each kind at 4, " +
                     $"{options.Ministries} answering ministries + 1 silent, posts of {F(PostBytes / 1024, "0.0")} KB on average{(options.Long ? $", long run {options.LongReplies} accepted at {options.LongConcurrency}" : "")}, " +
                     (options.Mail == MailPaths.SendGrid ? "mail through the SendGrid client to a local fake SendGrid" : "mail to the Blob outbox on the same Azurite") +
                     (options.StrangerPerReply ? ", quarantined replies each from their own stranger (a notice each)" : ", quarantined replies all from one stranger (one notice a day)"));
        s.AppendLine();
        s.AppendLine("| phase | kind | conc. | posts | failed | req/s | p50 ms | p99 ms | webhook/ceiling | CPU ms/post serve + Azurite + bench | quiet after s | serve RSS peak MB |");
        s.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var p in Phases)
        {
            string PerPost(double seconds) => F(seconds * 1000 / Math.Max(p.Completed, 1), "0");
            var cpu = $"{PerPost(p.Resources.ServeCpuSeconds)} + {PerPost(p.Resources.AzuriteCpuSeconds)} + {PerPost(p.Resources.BenchCpuSeconds)}";
            s.AppendLine($"| {p.Name} | {p.Kind} | {p.Concurrency} | {p.Completed} | {p.Failures.Count} | {F(p.RequestsPerSecond)} | {F(p.P50, "0")} | {F(p.P99, "0")} | " +
                         $"{(Ratio(p) is { } r ? F(r, "0.00") : "")} | {cpu} | {F(p.QuietAfter.TotalSeconds)} | {F(p.Resources.PeakRssMb, "0")} |");
        }
        s.AppendLine();
        s.AppendLine($"serve's peak memory (VmHWM, whole run including start-up): {F(HighWaterMb, "0")} MB.");
        s.AppendLine();
        if (HubQueues.Count > 0)
        {
            var accepted = Phases.Where(p => p.Kind == Kinds.Accepted).Sum(p => p.Succeeded);
            s.AppendLine($"Messages in the task hub's queues at the end (approximate counts, invisible ones included), after {accepted} accepted replies: " +
                         string.Join(", ", HubQueues.Select(q => $"{q.Queue} {q.Messages}")) + $"; {HubQueues.Sum(q => q.Messages)} in all.");
            s.AppendLine();
        }

        if (Long is { } l)
        {
            s.AppendLine($"Decay: {l.Completed} accepted replies at concurrency {l.Concurrency}, per block of {options.Block} answers (in order of completion):");
            s.AppendLine();
            s.AppendLine("| block | req/s | p50 ms | p99 ms | CPU ms/post serve + Azurite | serve RSS MB at end |");
            s.AppendLine("|--:|--:|--:|--:|--:|--:|");
            foreach (var b in DecayBlocks)
                s.AppendLine($"| {b.Number} | {F(b.RequestsPerSecond)} | {F(b.P50, "0")} | {F(b.P99, "0")} | {F(b.ServeCpuMsPerPost, "0")} + {F(b.AzuriteCpuMsPerPost, "0")} | {F(b.ServeRssMb, "0")} |");
            if (DecayBlocks.Count >= 2)
                s.AppendLine().AppendLine($"Last block / first block: {F(DecayBlocks[^1].RequestsPerSecond / DecayBlocks[0].RequestsPerSecond, "0.00")}.");
            s.AppendLine();
        }

        if (options.CountRequests)
            RequestTable(s);

        s.AppendLine("### Against the goals of issue 13 (figures, not checks)");
        s.AppendLine();
        foreach (var line in Goals())
            s.AppendLine($"- {line}");
        s.AppendLine();

        s.AppendLine($"### Time per webhook step (Debug lines of `{StepTimings.Category}`, \"{StepTimings.Template}\")");
        s.AppendLine();
        if (TimingLines == 0)
            s.AppendLine($"serve logged no step timings ({UnreadableTimingLines} unreadable lines of that category): the pipeline does not time its steps yet.").AppendLine();
        else
        {
            foreach (var (phase, steps) in Steps.Where(kv => kv.Key.Kind != Kinds.Ceiling && kv.Value.Count > 0))
            {
                var total = steps.FirstOrDefault(x => x.Step == "total")?.TotalMs ?? steps.Sum(x => x.TotalMs);
                s.AppendLine($"{phase.Kind} at {phase.Concurrency} ({phase.Name}, {phase.Completed} posts):");
                s.AppendLine();
                s.AppendLine("| step | times | total ms | mean ms | share |");
                s.AppendLine("|---|--:|--:|--:|--:|");
                foreach (var step in steps.OrderByDescending(x => x.TotalMs))
                    s.AppendLine($"| {step.Step} | {step.Count} | {F(step.TotalMs, "0")} | {F(step.MeanMs, "0.00")} | {F(100 * step.TotalMs / Math.Max(total, 1e-9), "0")}% |");
                s.AppendLine();
            }
            if (UnreadableTimingLines > 0)
                s.AppendLine($"{UnreadableTimingLines} lines of that category did not follow the contract.").AppendLine();
        }

        s.AppendLine("### Checks");
        s.AppendLine();
        foreach (var (ok, check) in Checks)
            s.AppendLine($"- {(ok ? "PASS" : "FAIL")} {check}");
        if (Log is { } log)
        {
            s.AppendLine($"- serve's log: {log.Lines} lines, {log.Warnings} warnings, {log.Errors} errors" +
                         (log.Messages.Count == 0 ? "" : ": " + string.Join("; ", log.Messages.OrderByDescending(m => m.Value).Take(5).Select(m => $"{m.Value}x {m.Key}"))));
            s.AppendLine($"- serve's log lines naming a bench mail address: {log.LinesWithAddresses}{(log.AddressExample is { } e ? $" (e.g. {e})" : "")}");
        }
        return s.ToString();
    }
}
