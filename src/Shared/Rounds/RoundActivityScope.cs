using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Rounds;

/// <summary>
/// Runs a round's activity inside the round-id log scope (the orchestration instance id is the round id), so every line
/// written while it works (the mailer, the stores, the Azure SDK) names its round. One decorator for every activity and
/// both hosts: Standalone and the tests register each activity through <see cref="Factory"/>, the Functions app's
/// activity wrappers run it directly. The orchestrator itself logs nothing (a replay-safe logger if it ever does).
/// </summary>
public sealed class RoundActivityScope(ITaskActivity inner, ILogger logger) : ITaskActivity
{
    public const string Category = "MigrationAgenda.Rounds.Activities";

    public Type InputType => inner.InputType;
    public Type OutputType => inner.OutputType;

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        using (logger.BeginRoundScope(context.InstanceId))
            return await inner.RunAsync(context, input);
    }

    /// <summary>The activity class from DI (as the SDK would make it), wrapped.</summary>
    public static Func<IServiceProvider, ITaskActivity> Factory(Type activity) => services =>
        new RoundActivityScope((ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(services, activity),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(Category));
}
