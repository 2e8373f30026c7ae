using Microsoft.Extensions.Logging;
using MigrationAgenda.Intake;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>The webhook's step timings keep the log contract the load bench reads (bench/README.md).</summary>
public sealed class InboundTimingTests
{
    [Fact]
    public async Task A_step_is_one_debug_line_on_the_timing_category_with_its_name_and_milliseconds_as_a_double()
    {
        var provider = new CapturingProvider(LogLevel.Debug);
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        var timing = new InboundTiming(factory);

        var start = InboundTiming.Start();
        await Task.Delay(20);
        var next = timing.Step("archive", start);
        timing.Step("store", next);

        Assert.True(next > start);
        Assert.Equal(2, provider.Lines.Count);
        var line = provider.Lines[0];
        Assert.Equal("MigrationAgenda.Intake.Timing", line.Category);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Equal("Inbound step {Step} took {ElapsedMs} ms", line.State["{OriginalFormat}"]);
        Assert.Equal("archive", line.State["Step"]);
        var elapsed = Assert.IsType<double>(line.State["ElapsedMs"]);
        Assert.InRange(elapsed, 15, 60_000);
        Assert.StartsWith("Inbound step archive took ", line.Message);
        Assert.Equal("store", provider.Lines[1].State["Step"]);
        // The lines carry a step and a duration only.
        Assert.Equal(["Step", "ElapsedMs", "{OriginalFormat}"], provider.Lines[1].State.Keys);
    }

    [Fact]
    public void At_information_level_nothing_is_written()
    {
        var provider = new CapturingProvider(LogLevel.Information);
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        new InboundTiming(factory).Step("total", InboundTiming.Start());
        Assert.Empty(provider.Lines);
    }

    private sealed record Line(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State);

    private sealed class CapturingProvider(LogLevel minimum) : ILoggerProvider
    {
        public List<Line> Lines { get; } = [];
        public LogLevel Minimum => minimum;
        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void Dispose() { }

        private sealed class Logger(CapturingProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.Minimum;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                    return;
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
                lock (owner.Lines)
                    owner.Lines.Add(new Line(category, logLevel, formatter(state, exception), values));
            }
        }
    }
}
