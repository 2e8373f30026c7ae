using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.ApplicationInsights;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Functions.Telemetry;

/// <summary>What the operator's alerts and runbook rely on, on top of the standard Application Insights registration.</summary>
public static class OperatorTelemetry
{
    public const string LoggerProviderName = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>
    /// No adaptive sampling: the alerts count single custom events (a failed round, a bounce), and a burst of spam must
    /// not sample them away; the app's own volume is a few hundred mails a round. And the SDK's default filter, which
    /// keeps only warnings, is removed so the information lines an operator reads reach Application Insights too
    /// (the levels under Logging:LogLevel apply as usual). The app's operator events become custom events, and the
    /// log scopes of a round and a message become dimensions of each trace.
    /// </summary>
    public static IServiceCollection KeepOperatorTelemetry(this IServiceCollection services)
    {
        services.Configure<ApplicationInsightsServiceOptions>(options => options.EnableAdaptiveSampling = false);
        // Log scopes (RoundId, MessageId: LogScopes) become customDimensions of every trace written under them.
        services.Configure<ApplicationInsightsLoggerOptions>(options => options.IncludeScopes = true);
        services.AddSingleton<IOperatorEvents, ApplicationInsightsOperatorEvents>();
        services.Configure<LoggerFilterOptions>(options =>
        {
            var warningsOnly = options.Rules.FirstOrDefault(r => r.ProviderName == LoggerProviderName && r.CategoryName is null);
            if (warningsOnly is not null)
                options.Rules.Remove(warningsOnly);
        });
        return services;
    }
}
