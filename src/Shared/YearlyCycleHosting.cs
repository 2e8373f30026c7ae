using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Http;
using MigrationAgenda.Intake;
using MigrationAgenda.Letters;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda;

/// <summary>
/// The yearly cycle, registered for both hosts: the claim every round start takes, next year's round from this year's
/// (with last year's texts in the requests and the one-click take-over), and the annual start. The hosts add their own
/// trigger for <see cref="AnnualStarter"/>: a timer function, or a hosted service in Standalone's serve.
/// </summary>
public static class YearlyCycleHosting
{
    public static IServiceCollection AddYearlyCycleServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RoundClaimStore>();
        services.AddSingleton<RoundLaunch>();
        services.AddSingleton<LastYearTexts>();
        services.AddSingleton<NextRoundStarter>();
        services.AddOptions<AnnualStartOptions>().Bind(configuration.GetSection(AnnualStartOptions.Section));
        services.AddSingleton<AnnualStarter>();
        services.AddSingleton<LastYearAdoption>();
        services.AddSingleton<NextRoundEndpoint>();
        services.AddSingleton<NextStartsEndpoint>();
        return services;
    }
}
