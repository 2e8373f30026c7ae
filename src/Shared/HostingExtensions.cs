using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Http;
using MigrationAgenda.Intake;
using MigrationAgenda.Letters;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Activities;
using MigrationAgenda.Storage;

namespace MigrationAgenda;

/// <summary>The one place both hosts register the workflow's services and tasks.</summary>
public static class HostingExtensions
{
    /// <summary>Stores, mail, letters, endpoint logic and activities. Storage comes from <paramref name="storage"/>.</summary>
    public static IServiceCollection AddMigrationAgenda(this IServiceCollection services, IConfiguration configuration, StorageClients storage)
    {
        services.AddSingleton(storage);
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RoundStore>();
        services.AddSingleton<AssignmentStore>();
        services.AddSingleton<ContributionStore>();
        services.AddSingleton<LetterStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton(new DefinitionCatalog(configuration[DefinitionCatalog.FolderSetting]));
        services.AddSingleton<RoundPlanner>();
        services.AddSingleton<ILetterBuilder, LetterBuilder>();
        services.AddMailSender(configuration);
        services.AddSingleton<RoundMailer>();
        services.AddSingleton<ContributionRecorder>();
        services.AddOptions<InboundOptions>().Bind(configuration.GetSection(InboundOptions.Section));
        services.AddSingleton<InboundStore>();
        services.AddSingleton<InboundProcessor>();

        services.AddSingleton<RoundStatusReader>();
        services.AddSingleton<StartRoundEndpoint>();
        services.AddSingleton<PageEndpoint>();
        services.AddSingleton<RoundQueryEndpoints>();
        services.AddSingleton<RoundCommandEndpoint>();
        services.AddSingleton<ContributionEndpoints>();
        services.AddSingleton<LetterEndpoint>();
        services.AddSingleton<RoundTextsEndpoint>();
        services.AddSingleton<InboundEndpoint>();

        foreach (var activity in Activities)
            services.AddTransient(activity);
        return services;
    }

    /// <summary>Storage from configuration: Storage:ConnectionString, else Storage:AccountName with a managed identity.</summary>
    public static StorageClients StorageFromConfiguration(IConfiguration configuration, string? fallbackConnectionString = null)
    {
        if (configuration["Storage:ConnectionString"] is { Length: > 0 } connection)
            return StorageFactory.Create(connection);
        if (configuration["Storage:AccountName"] is { Length: > 0 } account)
            return StorageFactory.Create(account, configuration["Storage:ClientId"]);
        if (fallbackConnectionString is { Length: > 0 })
            return StorageFactory.Create(fallbackConnectionString);
        throw new InvalidOperationException("No storage configured: set Storage:ConnectionString (local) or Storage:AccountName (Azure, managed identity).");
    }

    /// <summary>The activities of a round, registered by type name.</summary>
    public static readonly Type[] Activities =
    [
        typeof(SaveRound), typeof(RecordPhase), typeof(SendRequest), typeof(SendReminder), typeof(SendEscalation),
        typeof(AssembleDraft), typeof(SendDraftForApproval), typeof(SendApprovalReminder), typeof(FinaliseLetter), typeof(SendFinalNotice),
    ];

    /// <summary>Registers the orchestrator and activities with a Durable Task worker (Standalone, tests).</summary>
    public static DurableTaskRegistry AddRoundTasks(this DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<RoundOrchestrator>();
        foreach (var activity in Activities)
            registry.AddActivity(activity);
        return registry;
    }
}
