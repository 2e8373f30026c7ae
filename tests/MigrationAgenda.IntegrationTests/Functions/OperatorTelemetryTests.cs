using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Functions.Telemetry;

namespace MigrationAgenda.IntegrationTests.Functions;

/// <summary>The Functions app's Application Insights registration as Program.cs makes it, minus the host.</summary>
public sealed class OperatorTelemetryTests
{
    private static ServiceProvider Build(bool keepOperatorTelemetry)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddApplicationInsightsTelemetryWorkerService();
        if (keepOperatorTelemetry)
            services.KeepOperatorTelemetry();
        return services.BuildServiceProvider();
    }

    private static bool HasWarningsOnlyRule(ServiceProvider provider) =>
        provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules
            .Any(r => r.ProviderName == OperatorTelemetry.LoggerProviderName && r.CategoryName is null && r.LogLevel == LogLevel.Warning);

    [Fact]
    public void Information_logs_and_every_custom_event_reach_application_insights()
    {
        using var provider = Build(keepOperatorTelemetry: true);

        Assert.False(HasWarningsOnlyRule(provider));
        Assert.False(provider.GetRequiredService<IOptions<ApplicationInsightsServiceOptions>>().Value.EnableAdaptiveSampling);
    }

    [Fact]
    public void Without_it_the_sdk_keeps_warnings_only_and_samples()
    {
        using var provider = Build(keepOperatorTelemetry: false);

        Assert.True(HasWarningsOnlyRule(provider));
        Assert.True(provider.GetRequiredService<IOptions<ApplicationInsightsServiceOptions>>().Value.EnableAdaptiveSampling);
    }
}
