using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.DurableTask.Protobuf;

namespace MigrationAgenda.TestSupport;

/// <summary>A durable timer the worker asked the backend for: its instance, when it fires, and when it was asked.</summary>
public sealed record RecordedTimer(string InstanceId, DateTime FireAt, DateTime CreatedAt);

/// <summary>
/// Sees every timer an orchestrator creates, on any backend: a gRPC interceptor on the Durable Task worker
/// (GrpcDurableTaskWorkerOptions.Interceptors) that reads the CreateTimer actions of each completed orchestrator turn.
/// The client cannot read history through the sidecar, and the SDK's splitting of long timers happens in the worker,
/// so this is where the steps of a split timer show.
/// </summary>
public sealed class TimerRecorder : Interceptor
{
    private readonly ConcurrentQueue<RecordedTimer> _timers = new();

    public IReadOnlyList<RecordedTimer> For(string instanceId) => _timers.Where(t => t.InstanceId == instanceId).ToList();

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (request is OrchestratorResponse response)
            foreach (var action in response.Actions)
                if (action.CreateTimer is { } timer)
                    _timers.Enqueue(new RecordedTimer(response.InstanceId, timer.FireAt.ToDateTime(), DateTime.UtcNow));
        return continuation(request, context);
    }
}
