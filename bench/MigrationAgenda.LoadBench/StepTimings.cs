using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace MigrationAgenda.LoadBench;

/// <summary>
/// The contract for the webhook's step timings, read from serve's JSON console log
/// (<c>Logging__Console__FormatterName=json</c>), from the logger category <see cref="Category"/> at Debug: one line
/// per request with the template <see cref="Template"/>, <c>Steps</c> being <c>name=milliseconds</c> pairs separated
/// by spaces (the request's <c>total</c> among them), or one line per step timed outside a request with
/// <see cref="StepTemplate"/> (<c>Step</c> a short kebab-case name, <c>ElapsedMs</c> a number of milliseconds). The
/// bench switches the category to Debug in serve's environment, sums the steps and puts each in the phase whose time
/// window holds the line's timestamp.
/// </summary>
public sealed class StepTimings
{
    public const string Category = "MigrationAgenda.Intake.Timing";
    public const string Template = "Inbound steps {Steps}";
    public const string StepTemplate = "Inbound step {Step} took {ElapsedMs} ms";
    /// <summary>The environment variable that turns the lines on (":" as "__").</summary>
    public const string EnableVariable = "Logging__LogLevel__" + Category;

    private readonly ConcurrentQueue<(DateTimeOffset At, string Step, double Ms)> _lines = new();
    private int _unreadable;

    public int Count => _lines.Count;
    public int Unreadable => _unreadable;

    /// <summary>Takes one console line; ignores everything that is not a timing line.</summary>
    public void Add(string line)
    {
        if (!line.Contains(Category, StringComparison.Ordinal))
            return;
        if (TryParse(line, out var at, out var steps))
            foreach (var (step, ms) in steps)
                _lines.Enqueue((at, step, ms));
        else
            Interlocked.Increment(ref _unreadable);
    }

    public static bool TryParse(string line, out DateTimeOffset at, out IReadOnlyList<(string Step, double Ms)> steps)
    {
        at = default;
        steps = [];
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("Category", out var category) || category.GetString() != Category
                || !root.TryGetProperty("State", out var state) || state.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("Timestamp", out var t) || !DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
                return false;
            if (state.TryGetProperty("Steps", out var all) && all.GetString() is { Length: > 0 } pairs)
            {
                var parsed = new List<(string, double)>();
                foreach (var pair in pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var parts = pair.Split('=');
                    if (parts is not [{ Length: > 0 } name, var number] || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
                        return false;
                    parsed.Add((name, ms));
                }
                steps = parsed;
                return true;
            }
            if (!state.TryGetProperty("Step", out var s) || s.GetString() is not { Length: > 0 } step || !state.TryGetProperty("ElapsedMs", out var e))
                return false;
            // The JSON formatter writes a double as a number; accept its string form too.
            if (!(e.ValueKind == JsonValueKind.Number ? e.TryGetDouble(out var elapsed)
                    : double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out elapsed)))
                return false;
            steps = [(step, elapsed)];
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Per step, in order of first appearance: how many lines, total and mean milliseconds, in the window.</summary>
    public IReadOnlyList<StepSum> Between(DateTimeOffset from, DateTimeOffset to) =>
        _lines.Where(l => l.At >= from && l.At <= to)
            .GroupBy(l => l.Step)
            .Select(g => new StepSum(g.Key, g.Count(), g.Sum(l => l.Ms)))
            .ToList();
}

public sealed record StepSum(string Step, int Count, double TotalMs)
{
    public double MeanMs => Count == 0 ? 0 : TotalMs / Count;

    public static IReadOnlyList<StepSum> Merge(IEnumerable<IReadOnlyList<StepSum>> parts) =>
        parts.SelectMany(p => p).GroupBy(s => s.Step).Select(g => new StepSum(g.Key, g.Sum(s => s.Count), g.Sum(s => s.TotalMs))).ToList();
}
