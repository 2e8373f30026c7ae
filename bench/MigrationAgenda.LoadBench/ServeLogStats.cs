using System.Text.Json;

namespace MigrationAgenda.LoadBench;

/// <summary>
/// What serve's JSON log says besides timings: how many warnings and errors (a fast run that logs faults is suspect),
/// and how many lines name one of the bench's mail addresses (logs should carry no personal data).
/// </summary>
public sealed class ServeLogStats
{
    private static readonly string[] Addresses = ["officer@b", PostFactory.StrangerDomain];
    private readonly object _gate = new();
    private readonly Dictionary<string, int> _warnings = [];

    public int Lines { get; private set; }
    public int Warnings { get; private set; }
    public int Errors { get; private set; }
    public int LinesWithAddresses { get; private set; }
    public string? AddressExample { get; private set; }

    /// <summary>The distinct warning and error messages (templates), with how often each came.</summary>
    public IReadOnlyDictionary<string, int> Messages { get { lock (_gate) return new Dictionary<string, int>(_warnings); } }

    public void Add(string line)
    {
        lock (_gate)
        {
            Lines++;
            if (Addresses.Any(a => line.Contains(a, StringComparison.OrdinalIgnoreCase)))
            {
                LinesWithAddresses++;
                AddressExample ??= Template(line) ?? line[..Math.Min(line.Length, 200)];
            }
            var warning = line.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal);
            var error = line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal);
            if (!warning && !error)
                return;
            if (warning) Warnings++;
            else Errors++;
            var key = $"{(warning ? "warning" : "error")}: {Template(line) ?? line[..Math.Min(line.Length, 160)]}";
            _warnings[key] = _warnings.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>The line's category and message template, which carry no data of the message itself.</summary>
    private static string? Template(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var category = root.TryGetProperty("Category", out var c) ? c.GetString() : null;
            var template = root.TryGetProperty("State", out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty("{OriginalFormat}", out var f)
                ? f.GetString()
                : root.TryGetProperty("Message", out var m) ? m.GetString() : null;
            return $"{category}: {template}";
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
