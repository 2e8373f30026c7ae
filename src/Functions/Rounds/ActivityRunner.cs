using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Functions.Rounds;

/// <summary>
/// [ActivityTrigger] gives no TaskActivityContext, so each wrapper resolves its Shared activity class from DI
/// and runs it with a context naming the activity and the orchestration instance, inside the round's log scope
/// (<see cref="RoundActivityScope"/>, as in Standalone).
/// </summary>
public static class ActivityRunner
{
    public static async Task<TOut> RunAsync<TActivity, TIn, TOut>(FunctionContext function, TIn input)
        where TActivity : TaskActivity<TIn, TOut>
    {
        var activity = function.InstanceServices.GetRequiredService<TActivity>();
        var instanceId = function.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
        var logger = function.InstanceServices.GetRequiredService<ILoggerFactory>().CreateLogger(RoundActivityScope.Category);
        return (TOut)(await new RoundActivityScope(activity, logger).RunAsync(new Context(typeof(TActivity).Name, instanceId), input))!;
    }

    private sealed class Context(string name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;
        public override string InstanceId { get; } = instanceId;
    }
}
