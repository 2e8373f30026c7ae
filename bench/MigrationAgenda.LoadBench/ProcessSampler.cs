using System.Globalization;

namespace MigrationAgenda.LoadBench;

/// <summary>Memory and CPU of one phase: serve's peak resident set in the phase, its high-water mark so far, CPU seconds used.</summary>
public sealed record ResourceUse(double PeakRssMb, double HighWaterMb, double ServeCpuSeconds, double AzuriteCpuSeconds, double BenchCpuSeconds);

/// <summary>
/// Samples serve's /proc/&lt;pid&gt;/status (VmRSS, and VmHWM, the kernel's own peak) every 250 ms while a phase runs,
/// and reads CPU time (utime + stime in /proc/&lt;pid&gt;/stat) of serve, of Azurite and of the bench itself at the
/// phase's edges; keeps every sample, so any stretch of a phase (a block of the long run) can be read back.
/// </summary>
public sealed class ProcessSampler : IAsyncDisposable
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly int _servePid;
    private readonly int? _azuritePid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private double _windowPeakKb;
    private double _highWaterKb;
    private double _serveCpuAtStart, _azuriteCpuAtStart, _benchCpuAtStart;
    private readonly List<(DateTimeOffset At, double ServeCpu, double AzuriteCpu, double RssKb)> _timeline = [];

    public ProcessSampler(int servePid, int? azuritePid)
    {
        _servePid = servePid;
        _azuritePid = azuritePid;
        _loop = Task.Run(LoopAsync);
    }

    public double HighWaterMb => Interlocked.CompareExchange(ref _highWaterKb, 0, 0) / 1024;

    public void BeginWindow()
    {
        Interlocked.Exchange(ref _windowPeakKb, 0);
        Sample();
        _serveCpuAtStart = CpuSeconds(_servePid);
        _azuriteCpuAtStart = _azuritePid is { } a ? CpuSeconds(a) : 0;
        _benchCpuAtStart = BenchCpuSeconds();
    }

    public ResourceUse EndWindow()
    {
        Sample();
        return new ResourceUse(
            Interlocked.CompareExchange(ref _windowPeakKb, 0, 0) / 1024, HighWaterMb,
            CpuSeconds(_servePid) - _serveCpuAtStart,
            _azuritePid is { } a ? CpuSeconds(a) - _azuriteCpuAtStart : double.NaN,
            BenchCpuSeconds() - _benchCpuAtStart);
    }

    /// <summary>
    /// Waits until serve and Azurite are quiet (under a tenth of a core over half a second), at most
    /// <paramref name="max"/>: the work the engine still does after the webhook has answered (raised events being
    /// processed) then stays out of the next phase, and how long it took is a figure of its own.
    /// </summary>
    public async Task<TimeSpan> QuietAsync(TimeSpan max, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < max)
        {
            var before = Busy();
            await Task.Delay(500, cancellationToken);
            if ((Busy() - before) / 0.5 < 0.1)
                return clock.Elapsed;
        }
        return clock.Elapsed;

        double Busy() => CpuSeconds(_servePid) + (_azuritePid is { } a ? CpuSeconds(a) : 0);
    }

    private static double BenchCpuSeconds() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try { await Task.Delay(250, _stop.Token); }
            catch (OperationCanceledException) { break; }
        }
    }

    private void Sample()
    {
        var (rss, hwm) = Memory(_servePid);
        InterlockedMax(ref _windowPeakKb, rss);
        InterlockedMax(ref _highWaterKb, hwm);
        var sample = (DateTimeOffset.Now, CpuSeconds(_servePid), _azuritePid is { } a ? CpuSeconds(a) : double.NaN, rss);
        lock (_timeline)
            _timeline.Add(sample);
    }

    /// <summary>Every sample as CSV (time, CPU seconds so far of serve and Azurite, serve's resident set), for a closer look.</summary>
    public void WriteCsv(string path)
    {
        lock (_timeline)
            File.WriteAllLines(path, _timeline.OrderBy(s => s.At).Select(s => string.Create(CultureInfo.InvariantCulture,
                $"{s.At:O},{s.ServeCpu:0.00},{s.AzuriteCpu:0.00},{s.RssKb / 1024:0.0}")).Prepend("time,serve_cpu_s,azurite_cpu_s,serve_rss_mb"));
    }

    /// <summary>The last sample taken at or before <paramref name="at"/>: CPU seconds so far and resident set then.</summary>
    public (double ServeCpu, double AzuriteCpu, double RssMb) At(DateTimeOffset at)
    {
        lock (_timeline)
        {
            var sample = _timeline.Where(s => s.At <= at).DefaultIfEmpty(_timeline[0]).MaxBy(s => s.At);
            return (sample.ServeCpu, sample.AzuriteCpu, sample.RssKb / 1024);
        }
    }

    private static void InterlockedMax(ref double target, double value)
    {
        double seen;
        while ((seen = Interlocked.CompareExchange(ref target, 0, 0)) < value)
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
                break;
    }

    /// <summary>VmRSS and VmHWM in kB; zero when the process is gone.</summary>
    public static (double Rss, double Hwm) Memory(int pid)
    {
        double rss = 0, hwm = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kb(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = Kb(line);
            }
        }
        catch (IOException) { }
        return (rss, hwm);

        static double Kb(string line) => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>User plus system CPU seconds of a process so far (fields 14 and 15 of /proc/pid/stat).</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>The Azurite this process started: its node child.</summary>
    public static int? FindChild(string command)
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var comm = stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];
                var ppid = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1];
                if (comm == command && ppid == self)
                    return pid;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
