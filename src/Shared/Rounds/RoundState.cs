using System.Text.Json;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds;

/// <summary>
/// The round gate: the one answer, for every endpoint and for intake, to "does this round exist, in which phase is
/// it, does it take contributions, and which request does a ministry answer". Built from the Rounds table and the
/// orchestration instance, which together are the truth: the orchestration's custom status while it runs, the
/// table once it has ended.
/// </summary>
public sealed class RoundState
{
    private RoundState(string roundId, RoundRecord? record, OrchestrationMetadata? instance)
    {
        RoundId = roundId;
        Record = record;
        Instance = instance;
        Status = CustomStatus(instance);
        Phase = PhaseOf(record, instance, Status);
    }

    public string RoundId { get; }
    /// <summary>The stored round (plan and last recorded phase); null until the orchestration's first step stored it.</summary>
    public RoundRecord? Record { get; }
    /// <summary>The orchestration instance (with inputs, outputs and custom status); null when there is none (or it was purged).</summary>
    public OrchestrationMetadata? Instance { get; }
    /// <summary>The orchestration's custom status: phase, deadline, per ministry what is in and what is owed.</summary>
    public RoundStatus? Status { get; }
    public RoundPlan? Plan => Record?.Plan;
    /// <summary>One of <see cref="RoundPhase"/>, by the one rule (see <see cref="PhaseOf"/>).</summary>
    public string Phase { get; }

    public bool Exists => Record is not null || Instance is not null;
    /// <summary>Started, but its first step has not stored the round yet: ask again in a moment.</summary>
    public bool IsStarting => Record is null && Instance is not null && !RoundPhase.IsFinished(Phase);
    public bool IsRunning => Instance is { IsRunning: true };
    /// <summary>Takes contributions, texts and commands: stored, its orchestration running, and not finished.</summary>
    public bool IsOpen => Record is not null && IsRunning && !RoundPhase.IsFinished(Phase);

    /// <summary>A ministry's progress as the orchestration publishes it (case-insensitive code); null before the first status.</summary>
    public MinistryProgress? Progress(string ministry) =>
        Status?.Ministries.FirstOrDefault(m => string.Equals(m.Ministry, ministry, StringComparison.OrdinalIgnoreCase));

    /// <summary>The request version a ministry answers now: 1, and one more after each reopen.</summary>
    public int RequestVersion(string ministry) => Progress(ministry)?.RequestVersion ?? 1;

    /// <summary>
    /// The pillars a reply from this ministry is read for: what it still owes, or, once everything is in, all it
    /// writes (a resubmission replaces an earlier version).
    /// </summary>
    public IReadOnlyList<int> OwedPillars(Participant participant) =>
        Progress(participant.Code) is { Missing.Count: > 0 } progress ? progress.Missing : participant.Pillars;

    /// <summary>Reads the stored round and the orchestration instance.</summary>
    public static async Task<RoundState> LoadAsync(DurableTaskClient client, RoundStore rounds, string roundId, CancellationToken cancellationToken = default)
    {
        var record = await rounds.GetAsync(roundId, cancellationToken);
        var instance = await client.GetInstanceAsync(roundId, getInputsAndOutputs: true, cancellationToken);
        return Of(roundId, record, instance);
    }

    /// <summary>The gate over what a caller has already read (the round list reads every record at once).</summary>
    public static RoundState Of(string roundId, RoundRecord? record, OrchestrationMetadata? instance) => new(roundId, record, instance);

    /// <summary>The custom status; the client only fills it in when asked for inputs and outputs too.</summary>
    public static RoundStatus? CustomStatus(OrchestrationMetadata? instance) =>
        instance?.SerializedCustomStatus is { Length: > 0 } json ? JsonSerializer.Deserialize<RoundStatus>(json, JsonDefaults.Options) : null;

    /// <summary>
    /// The one rule for a round's phase: the orchestration's own status while it runs (it publishes one from its first
    /// step); the Rounds table once it has ended, except that an orchestration that failed or was terminated before
    /// approval or cancellation is <see cref="RoundPhase.Failed"/> (the table still shows where it stopped).
    /// </summary>
    private static string PhaseOf(RoundRecord? record, OrchestrationMetadata? instance, RoundStatus? status)
    {
        if (instance is { IsRunning: true })
            return status?.Phase ?? RoundPhase.Starting;
        var stored = record?.Phase ?? RoundPhase.Starting;
        if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated && !RoundPhase.IsFinished(stored))
            return RoundPhase.Failed;
        return stored;
    }
}
