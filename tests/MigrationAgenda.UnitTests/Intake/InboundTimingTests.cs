using Microsoft.Extensions.Logging;
using MigrationAgenda.Intake;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>The webhook's step timings keep the log contract the load bench reads (bench/README.md): a line per request, or per step outside one.</summary>
public sealed class InboundTimingTests
{
    [Fact]
    public async Task A_step_outside_a_request_is_one_debug_line_on_the_timing_category_with_its_name_and_milliseconds_as_a_double()
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
    public async Task The_steps_of_a_request_are_one_line_in_the_order_they_ended_and_a_step_after_it_is_a_line_of_its_own()
    {
        var provider = new CapturingProvider(LogLevel.Debug);
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        var timing = new InboundTiming(factory);
        var afterwards = Task.CompletedTask;

        await RequestAsync();
        async Task RequestAsync()
        {
            using var steps = timing.Request();
            var start = InboundTiming.Start();
            var t = timing.Step("read", start);
            await Task.Delay(20);
            t = timing.Step("archive", t);
            // Awaited work, on other threads, is the request's too; what it leaves running after the answer is not.
            await Task.Run(() => timing.Step("store", t));
            afterwards = Task.Run(async () =>
            {
                await Task.Delay(200);
                timing.Step("later", InboundTiming.Start());
            });
            timing.Step("total", start);
            Assert.Empty(provider.Lines);
        }
        await afterwards;

        Assert.Equal(2, provider.Lines.Count);
        var line = provider.Lines[0];
        Assert.Equal("MigrationAgenda.Intake.Timing", line.Category);
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Equal("Inbound steps {Steps}", line.State["{OriginalFormat}"]);
        Assert.Equal(["Steps", "{OriginalFormat}"], line.State.Keys);
        var steps = ((string)line.State["Steps"]!).Split(' ').Select(s => s.Split('=')).ToList();
        Assert.Equal(["read", "archive", "store", "total"], steps.Select(s => s[0]));
        var ms = steps.ToDictionary(s => s[0], s => double.Parse(s[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(ms["archive"], 15, 60_000);
        Assert.InRange(ms["total"], ms["archive"], 60_000);
        Assert.Equal("later", provider.Lines[1].State["Step"]);
    }

    [Fact]
    public void At_information_level_nothing_is_written()
    {
        var provider = new CapturingProvider(LogLevel.Information);
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
        var timing = new InboundTiming(factory);
        using (timing.Request())
            timing.Step("read", InboundTiming.Start());
        timing.Step("total", InboundTiming.Start());
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
