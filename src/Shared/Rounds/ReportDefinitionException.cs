namespace MigrationAgenda.Rounds;

/// <summary>A report definition file that cannot be used: the message names the file and every fault, on one line.</summary>
public sealed class ReportDefinitionException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
