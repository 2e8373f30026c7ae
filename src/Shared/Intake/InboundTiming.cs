using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MigrationAgenda.Intake;

/// <summary>
/// The webhook's time per step, for the load bench (bench/README.md, "the log contract"), on the fixed category
/// <see cref="Category"/> at Debug: one line per request, <c>Inbound steps {Steps}</c>, with every step of the request
/// and its <c>total</c> (from the first byte read to the answer) as <c>name=milliseconds</c>, in the order they ended.
/// A step timed outside a request (a reprocess) is a line of its own, <c>Inbound step {Step} took {ElapsedMs} ms</c>.
/// One line rather than one per step: at Debug under load the console logger's work per line was a twentieth of the
/// service's CPU, so the bench measured its own lines. Production logs at Information and pays only the
/// <see cref="ILogger.IsEnabled"/> check. The lines carry step names and durations, never an address, subject or id.
/// </summary>
public sealed partial class InboundTiming(ILoggerFactory loggers)
{
    /// <summary>The category the bench reads; a fixed name, so the classes that time can move.</summary>
    public const string Category = "MigrationAgenda.Intake.Timing";

    // The request's steps, flowing with its execution context into everything it awaits.
    private static readonly AsyncLocal<Steps?> Current = new();

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    /// <summary>A start mark (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    /// <summary>
    /// Collects the steps of the request that calls it into one line, written on dispose. Call it from the synchronous
    /// part of the request's method, before its first step.
    /// </summary>
    public IDisposable Request()
    {
        if (!_logger.IsEnabled(LogLevel.Debug))
            return NoSteps.Instance;
        var steps = new Steps(this);
        Current.Value = steps;
        return steps;
    }

    /// <summary>Logs <paramref name="step"/> as the time since <paramref name="start"/>; returns a new start mark for the next step.</summary>
    public long Step(string step, long start)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (Current.Value is not { } steps || !steps.Add(step, elapsed))
                Took(_logger, step, elapsed);
        }
        return Stopwatch.GetTimestamp();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbound step {Step} took {ElapsedMs} ms")]
    private static partial void Took(ILogger logger, string step, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbound steps {Steps}")]
    private static partial void Took(ILogger logger, string steps);

    private sealed class Steps(InboundTiming timing) : IDisposable
    {
        private readonly StringBuilder _line = new();
        private bool _written;

        /// <summary>False once the line is written: what runs on after the answer logs its own.</summary>
        public bool Add(string step, double elapsedMs)
        {
            lock (_line)
            {
                if (_written)
                    return false;
                _line.Append(_line.Length == 0 ? "" : " ").Append(step).Append('=').Append(elapsedMs.ToString("0.###", CultureInfo.InvariantCulture));
                return true;
            }
        }

        public void Dispose()
        {
            string line;
            lock (_line)
            {
                if (_written)
                    return;
                _written = true;
                line = _line.ToString();
            }
            if (Current.Value == this)
                Current.Value = null;
            if (line.Length > 0)
                Took(timing._logger, line);
        }
    }

    private sealed class NoSteps : IDisposable
    {
        public static readonly NoSteps Instance = new();
        public void Dispose() { }
    }
}
