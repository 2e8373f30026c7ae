using Microsoft.Extensions.Logging;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.UnitTests.Telemetry;

public sealed class LoggedOperatorEventsTests
{
    [Fact]
    public void An_event_is_one_information_line_under_the_telemetry_category_with_its_properties_as_scope()
    {
        var provider = new CapturingProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(provider).SetMinimumLevel(LogLevel.Trace));

        new LoggedOperatorEvents(loggers).Track(TelemetryNames.InboundSettled, new Dictionary<string, string>
        {
            [TelemetryNames.Properties.MessageId] = "ab12",
            [TelemetryNames.Properties.Outcome] = "accepted",
        });

        var line = Assert.Single(provider.Lines);
        Assert.Equal(LoggedOperatorEvents.Category, line.Category);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("Event InboundSettled: MessageId=ab12, Outcome=accepted", line.Message);
        // Key/value pairs of object: the shape the JSON console formatter and Application Insights write as fields.
        var scope = Assert.IsAssignableFrom<IEnumerable<KeyValuePair<string, object?>>>(Assert.Single(line.Scopes)).ToDictionary();
        Assert.Equal("accepted", scope[TelemetryNames.Properties.Outcome]);
        Assert.Equal("MessageId=ab12, Outcome=accepted", Assert.Single(line.Scopes)!.ToString());
    }

    private sealed record Line(string Category, LogLevel Level, string Message, List<object?> Scopes);

    private sealed class CapturingProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
        public List<Line> Lines { get; } = [];
        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(CapturingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<object?>();
                owner._scopes.ForEachScope((s, list) => list.Add(s), scopes);
                lock (owner.Lines) owner.Lines.Add(new Line(category, logLevel, formatter(state, exception), scopes));
            }
        }
    }
}
