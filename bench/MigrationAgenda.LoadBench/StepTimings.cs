using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace MigrationAgenda.LoadBench;

/// <summary>
/// The contract for the webhook's step timings, read from serve's JSON console log
/// (<c>Logging__Console__FormatterName=json</c>): one Debug line per step per request, from the logger category
/// <see cref="Category"/>, with the message template <see cref="Template"/>; <c>Step</c> a short kebab-case name,
/// <c>ElapsedMs</c> a number of milliseconds. The bench switches the category to Debug in serve's environment, sums the
/// lines per step and puts each in the phase whose time window holds the line's timestamp.
/// </summary>
public sealed class StepTimings
{
    public const string Category = "MigrationAgenda.Intake.Timing";
    public const string Template = "Inbound step {Step} took {ElapsedMs} ms";
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
        if (TryParse(line, out var at, out var step, out var ms))
            _lines.Enqueue((at, step, ms));
        else
            Interlocked.Increment(ref _unreadable);
    }

    public static bool TryParse(string line, out DateTimeOffset at, out string step, out double ms)
    {
        at = default;
        step = "";
        ms = 0;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("Category", out var category) || category.GetString() != Category
                || !root.TryGetProperty("State", out var state) || state.ValueKind != JsonValueKind.Object
                || !state.TryGetProperty("Step", out var s) || s.GetString() is not { Length: > 0 } name
                || !state.TryGetProperty("ElapsedMs", out var e)
                || !root.TryGetProperty("Timestamp", out var t) || !DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
                return false;
            // The JSON formatter writes a double as a number; accept its string form too.
            if (!(e.ValueKind == JsonValueKind.Number ? e.TryGetDouble(out ms)
                    : double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out ms)))
                return false;
            step = name;
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
