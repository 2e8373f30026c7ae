using Microsoft.Extensions.Logging;

namespace MigrationAgenda.Telemetry;

/// <summary>
/// The custom events the operator's alerts and runbook count (names and property keys in <see cref="TelemetryNames"/>).
/// Shared code tracks them here without knowing the host: the Functions app sends them to Application Insights as
/// <c>customEvents</c>; Standalone writes them as one structured log line each. Properties never carry personal data.
/// </summary>
public interface IOperatorEvents
{
    void Track(string name, IReadOnlyDictionary<string, string> properties);
}

/// <summary>Standalone and tests: one Information line per event under <see cref="Category"/>, properties as scope.</summary>
public sealed partial class LoggedOperatorEvents(ILoggerFactory loggers) : IOperatorEvents
{
    public const string Category = "MigrationAgenda.Telemetry";

    private readonly ILogger _log = loggers.CreateLogger(Category);

    public void Track(string name, IReadOnlyDictionary<string, string> properties)
    {
        // As key/value pairs of object, the shape the console's JSON formatter (and any structured sink) writes as fields.
        using (_log.BeginScope(new Fields(properties)))
            Tracked(_log, name, string.Join(", ", properties.Select(p => $"{p.Key}={p.Value}")));
    }

    private sealed class Fields(IReadOnlyDictionary<string, string> properties)
        : List<KeyValuePair<string, object?>>(properties.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)))
    {
        public override string ToString() => string.Join(", ", this.Select(p => $"{p.Key}={p.Value}"));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventName}: {Properties}")]
    private static partial void Tracked(ILogger logger, string eventName, string properties);
}
