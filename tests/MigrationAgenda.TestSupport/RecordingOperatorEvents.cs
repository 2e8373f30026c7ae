using System.Collections.Concurrent;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.TestSupport;

/// <summary>The operator events a host tracked, for tests that assert on what the alerts would count.</summary>
public sealed class RecordingOperatorEvents : IOperatorEvents
{
    private readonly ConcurrentQueue<(string Name, IReadOnlyDictionary<string, string> Properties)> _events = new();

    public IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Properties)> Events => _events.ToArray();

    public void Track(string name, IReadOnlyDictionary<string, string> properties) => _events.Enqueue((name, properties.ToDictionary()));
}
