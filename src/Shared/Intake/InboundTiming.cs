using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MigrationAgenda.Intake;

/// <summary>
/// The webhook's time per step, for the load bench (bench/README.md, "the log contract"): one Debug line per step per
/// request on the fixed category <see cref="Category"/> with the template <c>Inbound step {Step} took {ElapsedMs} ms</c>,
/// plus one <c>total</c> from the first byte read to the answer. Production logs at Information and pays only the
/// <see cref="ILogger.IsEnabled"/> check. The lines carry a step name and a duration, never an address, subject or id.
/// </summary>
public sealed partial class InboundTiming(ILoggerFactory loggers)
{
    /// <summary>The category the bench reads; a fixed name, so the classes that time can move.</summary>
    public const string Category = "MigrationAgenda.Intake.Timing";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    /// <summary>A start mark (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    /// <summary>Logs <paramref name="step"/> as the time since <paramref name="start"/>; returns a new start mark for the next step.</summary>
    public long Step(string step, long start)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
            Took(_logger, step, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return Stopwatch.GetTimestamp();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Inbound step {Step} took {ElapsedMs} ms")]
    private static partial void Took(ILogger logger, string step, double elapsedMs);
}
