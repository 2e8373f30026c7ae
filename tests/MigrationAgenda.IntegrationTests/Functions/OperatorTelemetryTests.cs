using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using MigrationAgenda.Functions.Telemetry;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

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

    [Fact]
    public void Operator_events_become_application_insights_custom_events_with_their_properties()
    {
        var channel = new CapturingChannel();
        var services = new ServiceCollection().AddLogging();
        services.AddApplicationInsightsTelemetryWorkerService();
        services.KeepOperatorTelemetry();
        services.Configure<TelemetryConfiguration>(c => c.TelemetryChannel = channel);
        // As Program.cs does: the app's own registrations come after, and keep the Application Insights sender.
        services.AddMigrationAgenda(new ConfigurationBuilder().Build(), StorageAccount.FromConnectionString("UseDevelopmentStorage=true"));
        using var provider = services.BuildServiceProvider();

        var events = provider.GetRequiredService<IOperatorEvents>();
        events.Track(TelemetryNames.MailBounced, new Dictionary<string, string>
        {
            [TelemetryNames.Properties.RoundId] = "ima-2027",
            [TelemetryNames.Properties.Kind] = "Request",
        });
        provider.GetRequiredService<Microsoft.ApplicationInsights.TelemetryClient>().Flush();

        Assert.IsType<ApplicationInsightsOperatorEvents>(events);
        var tracked = Assert.Single(channel.Items.OfType<EventTelemetry>());
        Assert.Equal(TelemetryNames.MailBounced, tracked.Name);
        Assert.Equal("ima-2027", tracked.Properties[TelemetryNames.Properties.RoundId]);
        Assert.Equal("Request", tracked.Properties[TelemetryNames.Properties.Kind]);
    }

    private sealed class CapturingChannel : ITelemetryChannel
    {
        public List<ITelemetry> Items { get; } = [];
        public bool? DeveloperMode { get; set; }
        public string EndpointAddress { get; set; } = "";
        public void Send(ITelemetry item) { lock (Items) Items.Add(item); }
        public void Flush() { }
        public void Dispose() { }
    }
}
