using System.Collections.Concurrent;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.TestSupport;

/// <summary>The operator events a host tracked, in order, for tests that assert what the alerts would count.</summary>
public sealed class RecordingOperatorEvents : IOperatorEvents
{
    private readonly ConcurrentQueue<(string Name, IReadOnlyDictionary<string, string> Properties)> _events = new();

    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Properties)> Events => _events.ToArray();

    public void Track(string name, IReadOnlyDictionary<string, string> properties) =>
        _events.Enqueue((name, new Dictionary<string, string>(properties)));

    /// <summary>The values of <paramref name="property"/> of the events named <paramref name="name"/> for one message.</summary>
    public IReadOnlyList<string> For(string name, string messageId, string property) =>
        Events.Where(e => e.Name == name && e.Properties.TryGetValue(TelemetryNames.Properties.MessageId, out var id) && id == messageId)
            .Select(e => e.Properties.TryGetValue(property, out var v) ? v : "").ToList();
}
