using System.Text.RegularExpressions;

namespace MigrationAgenda.LoadBench;

/// <summary>
/// Azurite's access log (<c>--count-requests</c>), counted per method and target: the container, table or queue each
/// storage request went to, <c>$batch</c> for a table transaction. The task hub's control queues count as one target.
/// Kinds run one after another, so the requests between a phase's start and its quiet end are that kind's.
/// </summary>
public sealed partial class StorageRequests
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>An access-log line, e.g. <c>127.0.0.1 - - [02/Dec/2026:08:01:02 +0000] "PUT /devstoreaccount1/inbound/2026/12/02/x.eml HTTP/1.1" 201 -</c>.</summary>
    public void Add(string line)
    {
        var match = Request().Match(line);
        if (!match.Success)
            return;
        var target = ControlQueue().Replace(match.Groups["target"].Value, "$1-control-*");
        var key = $"{match.Groups["method"].Value} {target}";
        lock (_counts)
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    public IReadOnlyDictionary<string, long> Snapshot()
    {
        lock (_counts)
            return new Dictionary<string, long>(_counts);
    }

    /// <summary>What was counted after <paramref name="before"/> was taken.</summary>
    public IReadOnlyDictionary<string, long> Since(IReadOnlyDictionary<string, long> before) =>
        Snapshot().Select(kv => (kv.Key, Count: kv.Value - before.GetValueOrDefault(kv.Key))).Where(x => x.Count > 0).ToDictionary(x => x.Key, x => x.Count);

    public static IReadOnlyDictionary<string, long> Sum(IEnumerable<IReadOnlyDictionary<string, long>> parts) =>
        parts.SelectMany(p => p).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));

    [GeneratedRegex("\"(?<method>[A-Z]+) /[^/ ]+/(?<target>[^/ ?(]*)")]
    private static partial Regex Request();

    [GeneratedRegex("^(.*)-control-\\d+$")]
    private static partial Regex ControlQueue();
}
