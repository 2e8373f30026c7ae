using Microsoft.ApplicationInsights;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Functions.Telemetry;

/// <summary>The operator's events as Application Insights custom events, which the alert rules query by name.</summary>
public sealed class ApplicationInsightsOperatorEvents(TelemetryClient telemetry) : IOperatorEvents
{
    public void Track(string name, IReadOnlyDictionary<string, string> properties) =>
        telemetry.TrackEvent(name, properties.ToDictionary(p => p.Key, p => p.Value));
}
