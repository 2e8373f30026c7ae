using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MigrationAgenda.Http;
using MigrationAgenda.Intake;
using MigrationAgenda.Letters;
using MigrationAgenda.Mail;
using MigrationAgenda.Retention;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Activities;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda;

/// <summary>The one place both hosts register the workflow's services and tasks.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Stores, mail, letters, endpoint logic and activities, on the storage account <paramref name="storage"/>
    /// (<see cref="StorageAccount.FromConfiguration"/> in both hosts).
    /// </summary>
    /// <exception cref="ReportDefinitionException">A definition in Rounds:DefinitionsPath cannot be used.</exception>
    public static IServiceCollection AddMigrationAgenda(this IServiceCollection services, IConfiguration configuration, StorageAccount storage) =>
        services.AddStorageClients(storage).AddMigrationAgendaServices(configuration);

    /// <summary>The same over storage clients made elsewhere (tests: fast-failing clients on their own Azurite).</summary>
    public static IServiceCollection AddMigrationAgenda(this IServiceCollection services, IConfiguration configuration, StorageClients storage) =>
        services.AddSingleton(storage).AddMigrationAgendaServices(configuration);

    private static IServiceCollection AddMigrationAgendaServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton(TimeProvider.System);
        // The Functions app registers its Application Insights sender first; elsewhere events are log lines.
        services.TryAddSingleton<IOperatorEvents, LoggedOperatorEvents>();
        services.AddSingleton<RoundStore>();
        services.AddSingleton<AssignmentStore>();
        services.AddSingleton<ContributionStore>();
        services.AddSingleton<LetterStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton(new DefinitionCatalog(configuration[DefinitionCatalog.FolderSetting]));
        services.AddSingleton<RoundPlanner>();
        services.AddOptions<ActivityRetrySettings>().Bind(configuration.GetSection(ActivityRetrySettings.Section));
        services.AddSingleton<ILetterBuilder, LetterBuilder>();
        services.AddMailSender(configuration);
        services.AddSingleton<MailLedger>();
        services.AddSingleton<RoundMailer>();
        services.AddSingleton<ContributionRecorder>();
        services.AddSingleton<ContributionEventBatcher>();
        services.AddSingleton<InboundTiming>();
        services.AddSingleton<RoundPlanCache>();
        services.AddOptions<EventReconcileOptions>().Bind(configuration.GetSection(EventReconcileOptions.Section));
        services.AddSingleton<PendingEventReconciler>();
        services.AddOptions<InboundOptions>().Bind(configuration.GetSection(InboundOptions.Section));
        services.AddSingleton<InboundStore>();
        services.AddSingleton<InboundProcessor>();
        services.AddSingleton<QuarantineFollowUp>();
        services.AddHostedService(sp => sp.GetRequiredService<QuarantineFollowUp>());
        services.AddSingleton<QuarantineRelease>();
        services.AddSingleton<InboundReprocessor>();
        services.AddSingleton<MailEventStore>();
        services.AddSingleton<MailEventProcessor>();
        services.AddSingleton<NoteStore>();
        services.AddSingleton<ArchivedReply>();
        services.AddSingleton<NoteCount>();

        services.AddOptions<HttpOptions>().Bind(configuration.GetSection(HttpOptions.Section));
        services.AddSingleton<RoundStatusReader>();
        services.AddSingleton<StartRoundEndpoint>();
        services.AddSingleton<PageEndpoint>();
        services.AddSingleton<RoundQueryEndpoints>();
        services.AddSingleton<RoundCommandEndpoint>();
        services.AddSingleton<RoundResumeEndpoint>();
        services.AddSingleton<ContributionEndpoints>();
        services.AddSingleton<LetterEndpoint>();
        services.AddSingleton<RoundTextsEndpoint>();
        services.AddSingleton<InboundEndpoint>();
        services.AddSingleton<HealthEndpoint>();
        services.AddSingleton<MailEventsEndpoint>();
        services.AddPeopleServices(configuration);
        services.AddSingleton<NoteEndpoint>();
        services.AddYearlyCycleServices(configuration);
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<RoundDataPurge>();
        services.AddSingleton<RetentionRun>();
        services.AddSingleton<PurgePersonalDataEndpoint>();

        foreach (var activity in Activities)
            services.AddTransient(activity);
        return services;
    }

    /// <summary>The activities of a round, registered by type name.</summary>
    public static readonly Type[] Activities =
    [
        typeof(SaveRound), typeof(RecordPhase), typeof(SendRequest), typeof(SendReminder), typeof(SendEscalation),
        typeof(AssembleDraft), typeof(SendDraftForApproval), typeof(SendApprovalReminder), typeof(FinaliseLetter), typeof(SendFinalNotice),
        typeof(PlanDeadline), typeof(SendDeadlineChanged), typeof(SendRoundCancelled),
        typeof(ReadReceived), typeof(LoadDraft), typeof(RecordFailure),
    ];

    /// <summary>Registers the orchestrator and activities with a Durable Task worker (Standalone, tests).</summary>
    public static DurableTaskRegistry AddRoundTasks(this DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<RoundOrchestrator>();
        // Each activity runs inside its round's log scope (RoundActivityScope).
        foreach (var activity in Activities)
            registry.AddActivity(activity.Name, RoundActivityScope.Factory(activity));
        return registry;
    }
}
