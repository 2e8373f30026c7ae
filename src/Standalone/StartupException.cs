namespace MigrationAgenda.Standalone;

/// <summary>A start-up failure the operator can fix: one line naming the setting, no stack trace.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
