using System.Threading.Channels;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>
/// A Durable Task client whose raises the test holds and then completes or fails, one by one, so it decides what is
/// in flight while others tell. Only raising is supported; everything else is not part of the batcher's contract.
/// </summary>
internal sealed class HeldRaiseClient() : DurableTaskClient("held-raises")
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Channel<HeldRaise> _raises = Channel.CreateUnbounded<HeldRaise>();

    /// <summary>Set: the next raises throw this at once, before returning a task (as a client checking its arguments does).</summary>
    public Exception? ThrowAtOnce { get; set; }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        if (ThrowAtOnce is { } thrown)
            throw thrown;
        var raise = new HeldRaise(instanceId, eventName, Assert.IsType<ContributionsReceived>(eventPayload), cancellation.CanBeCanceled);
        _raises.Writer.TryWrite(raise);
        return raise.Outcome.Task;
    }

    /// <summary>The next raise the batcher started (held until the test ends it).</summary>
    public async Task<HeldRaise> NextRaiseAsync() => await _raises.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    /// <summary>True when the batcher started a raise the test has not taken yet.</summary>
    public bool HasRaiseWaiting => _raises.Reader.Count > 0;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();
    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();
    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null,
        CancellationToken cancellation = default) => throw new NotSupportedException();
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw new NotSupportedException();
}

/// <summary>One raise as the client received it; <see cref="Outcome"/> ends it.</summary>
internal sealed record HeldRaise(string InstanceId, string EventName, ContributionsReceived Payload, bool Cancellable)
{
    // Ends the raise inline, as a real client's completion may: the batcher must not depend on a hop.
    public TaskCompletionSource Outcome { get; } = new();

    public IReadOnlyList<string?> MessageIds => Payload.Items.Select(i => i.MessageId).ToList();
}
