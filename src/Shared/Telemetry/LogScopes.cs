using Microsoft.Extensions.Logging;

namespace MigrationAgenda.Telemetry;

/// <summary>
/// The log scopes that tie a log line to its round and to its inbound message (keys in <see cref="TelemetryNames.Scopes"/>).
/// A scope set here covers every line written under it, by any logger of the same factory (the app's own, the Azure
/// SDK's, the Durable Task client's): Application Insights copies it into each trace's <c>customDimensions</c>,
/// Standalone's JSON console log into <c>Scopes</c>. Neither value is personal data: a round id, a payload hash.
/// </summary>
public static class LogScopes
{
    /// <summary>Longer ids (a hostile URL) are cut: a scope value is a key to search by, not a place for text.</summary>
    public const int MaxValueLength = 100;

    private static readonly Func<ILogger, string, IDisposable?> RoundScope =
        LoggerMessage.DefineScope<string>("Round {" + TelemetryNames.Scopes.RoundId + "}");

    private static readonly Func<ILogger, string, IDisposable?> MessageScope =
        LoggerMessage.DefineScope<string>("Message {" + TelemetryNames.Scopes.MessageId + "}");

    /// <summary>Every line until the scope is disposed carries <c>RoundId</c>; nothing when <paramref name="roundId"/> is empty.</summary>
    public static IDisposable? BeginRoundScope(this ILogger logger, string? roundId) =>
        string.IsNullOrWhiteSpace(roundId) ? null : RoundScope(logger, Cut(roundId));

    /// <summary>Every line until the scope is disposed carries <c>MessageId</c>; nothing when <paramref name="messageId"/> is empty.</summary>
    public static IDisposable? BeginMessageScope(this ILogger logger, string? messageId) =>
        string.IsNullOrWhiteSpace(messageId) ? null : MessageScope(logger, Cut(messageId));

    private static string Cut(string value) => value.Length <= MaxValueLength ? value : value[..MaxValueLength];
}
