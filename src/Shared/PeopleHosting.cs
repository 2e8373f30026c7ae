using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Access;
using MigrationAgenda.Http;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda;

/// <summary>The people in a round, registered for both hosts: who calls (sign-in mode, roles), the one command path (and its claims for decisions by mail), the contacts list, the audit export.</summary>
public static class PeopleHosting
{
    /// <exception cref="AuthConfigurationException">Auth:Mode is not one of the modes.</exception>
    public static IServiceCollection AddPeopleServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthOptions(configuration);
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<RoundCommandSender>();
        services.AddSingleton<DecisionClaimStore>();
        services.AddSingleton<ContactStore>();
        services.AddSingleton<MeEndpoint>();
        services.AddSingleton<DefinitionsEndpoint>();
        services.AddSingleton<ContactsEndpoint>();
        services.AddSingleton<AuditExportEndpoint>();
        return services;
    }
}
