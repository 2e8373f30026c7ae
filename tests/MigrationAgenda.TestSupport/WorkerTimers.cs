using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.DependencyInjection;

namespace MigrationAgenda.TestSupport;

/// <summary>Worker settings for timer tests: record every timer, and optionally split long timers at a short interval.</summary>
public static class WorkerTimers
{
    public static void Configure(IServiceCollection services, TimerRecorder recorder, TimeSpan? maximumTimerInterval = null)
    {
        services.Configure<GrpcDurableTaskWorkerOptions>(o => o.Interceptors.Add(recorder));
        if (maximumTimerInterval is { } interval)
            services.Configure<DurableTaskWorkerOptions>(o => o.MaximumTimerInterval = interval);
    }
}
