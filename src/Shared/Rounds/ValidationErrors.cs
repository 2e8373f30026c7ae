namespace MigrationAgenda.Rounds;

/// <summary>
/// Every bad field of an input at once (JSON path → Dutch messages), so whoever wrote it fixes all of them in one
/// go: a coordinator's round spec answers 400 with them, a definition file stops the host with them on one line.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Values.Sum(v => v.Count);

    public void Add(string path, string message) =>
        (_errors.TryGetValue(path, out var list) ? list : _errors[path] = []).Add(message);

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>"path: message; path: message", for one line in a log or a start-up error.</summary>
    public override string ToString() =>
        string.Join("; ", _errors.SelectMany(e => e.Value.Select(m => e.Key.Length == 0 ? m : $"{e.Key}: {m}")));

    /// <summary>A field's path under a prefix: "definition" + "title" is "definition.title"; no prefix, just the field.</summary>
    public static string Path(string prefix, string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";
}
