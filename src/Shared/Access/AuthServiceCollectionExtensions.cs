using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MigrationAgenda.Access;

public static class AuthServiceCollectionExtensions
{
    /// <summary>The Auth settings, read (and checked) now, so a bad Auth:Mode stops the host at start.</summary>
    /// <exception cref="AuthConfigurationException">Auth:Mode is not one of the modes.</exception>
    public static IServiceCollection AddAuthOptions(this IServiceCollection services, IConfiguration configuration)
    {
        var read = AuthOptions.FromConfiguration(configuration);
        services.AddOptions<AuthOptions>().Configure(o =>
        {
            o.Mode = read.Mode;
            o.Coordinators = read.Coordinators;
            o.Approvers = read.Approvers;
        });
        return services;
    }

    /// <summary>Standalone (and the tests' API host): without Auth:Mode there is no sign-in and every caller is "lokaal".</summary>
    public static IServiceCollection AddLocalAuthByDefault(this IServiceCollection services) =>
        services.PostConfigure<AuthOptions>(o => o.Mode ??= AuthMode.Local);
}
