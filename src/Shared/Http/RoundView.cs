using System.Text.Json;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Letters;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>Everything a status query answers: the orchestration's state with the stored detail around it.</summary>
public sealed record RoundView
{
    public required string RoundId { get; init; }
    public required int Year { get; init; }
    public required string Definition { get; init; }
    public required string RuntimeStatus { get; init; }
    public required string Phase { get; init; }
    public required DateTimeOffset Deadline { get; init; }
    public DateTimeOffset? CutOffAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public int Drafts { get; init; }
    public int RemindersSent { get; init; }
    public string? FailureMessage { get; init; }
    public required IReadOnlyList<MinistryView> Ministries { get; init; }
    public required IReadOnlyList<LetterVersionView> Letters { get; init; }
    public IReadOnlyList<AuditEntry> History { get; init; } = [];
    /// <summary>Mail received for this round (current and previous month), newest first, with outcome and reason.</summary>
    public IReadOnlyList<InboundMessageView> Messages { get; init; } = [];
    /// <summary>The texts the coordinator writes (Aanleiding, context, Overkoepelend, Ten slotte).</summary>
    public CoordinatorTexts Texts { get; init; } = new();
    /// <summary>The newest draft: what is missing, footnote warnings, and per pillar what changed since the draft before.</summary>
    public DraftView? LatestDraft { get; init; }
}

public sealed record DraftView(int Number, IReadOnlyList<MissingPillar> Missing, IReadOnlyList<string> Warnings, IReadOnlyList<PillarChange> Changes);

public sealed record InboundMessageView(string Id, DateTimeOffset ReceivedAt, string Outcome, string? Reason, string? Ministry, string? From, string? Subject);

public sealed record MinistryView
{
    public required string Ministry { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<PillarView> Pillars { get; init; }
    public int EscalationLevel { get; init; }
    public int RequestVersion { get; init; }
    public DateTimeOffset? RequestedAt { get; init; }
    public int Reminders { get; init; }
    public DateTimeOffset? LastReminderAt { get; init; }
    public DateTimeOffset? LastEscalationAt { get; init; }
}

public sealed record PillarView(int Pillar, string Title, string State, int? Version, DateTimeOffset? ReceivedAt);

public sealed record LetterVersionView(string Version, IReadOnlyDictionary<string, string> Links);

/// <summary>Builds <see cref="RoundView"/> from the orchestration and the tables.</summary>
public sealed class RoundStatusReader(RoundStore rounds, AssignmentStore assignments, ContributionStore contributions, LetterStore letters, AuditLog audit, InboundStore inbound, TimeProvider clock)
{
    /// <summary>The custom status; the client only fills it in when asked for inputs and outputs too.</summary>
    public static RoundStatus? CustomStatus(OrchestrationMetadata? instance) =>
        instance?.SerializedCustomStatus is { Length: > 0 } json ? JsonSerializer.Deserialize<RoundStatus>(json, JsonDefaults.Options) : null;

    /// <summary>
    /// The one rule for a round's phase: the orchestration's own status while it runs (it publishes one from its
    /// first step), the Rounds table once it has ended.
    /// </summary>
    public static string PhaseOf(OrchestrationMetadata? instance, RoundRecord record) =>
        instance is { IsRunning: true } ? CustomStatus(instance)?.Phase ?? RoundPhase.Starting : record.Phase;

    public async Task<RoundView?> ReadAsync(DurableTaskClient client, string roundId, CancellationToken cancellationToken)
    {
        var record = await rounds.GetAsync(roundId, cancellationToken);
        var instance = await client.GetInstanceAsync(roundId, getInputsAndOutputs: true, cancellationToken);
        if (record is null && instance is null)
            return null;
        if (record is null)
        {
            // Started, but its first activity has not stored the round yet.
            return new RoundView
            {
                RoundId = roundId, Year = 0, Definition = "", RuntimeStatus = instance!.RuntimeStatus.ToString(),
                Phase = RoundPhase.Starting, Deadline = default, CreatedAt = instance.CreatedAt, Ministries = [], Letters = [],
            };
        }

        var plan = record.Plan;
        var status = CustomStatus(instance);
        var assigned = (await assignments.ListAsync(roundId, cancellationToken)).ToDictionary(a => a.Ministry, StringComparer.OrdinalIgnoreCase);
        var latest = (await contributions.LatestAsync(roundId, cancellationToken)).ToDictionary(c => (c.Ministry.ToUpperInvariant(), c.Pillar));
        var versions = await letters.ListVersionsAsync(roundId, cancellationToken);
        var newestDraft = versions.LastOrDefault(v => v != LetterStore.Final);
        var manifest = newestDraft is null ? null : await letters.ReadManifestAsync(roundId, newestDraft, cancellationToken);

        var ministries = plan.Participants.Select(p =>
        {
            var progress = status?.Ministries.FirstOrDefault(m => string.Equals(m.Ministry, p.Code, StringComparison.OrdinalIgnoreCase));
            var assignment = assigned.GetValueOrDefault(p.Code);
            return new MinistryView
            {
                Ministry = p.Code,
                Name = p.Name,
                Pillars = p.Pillars.Select(n =>
                {
                    var stored = latest.GetValueOrDefault((p.Code.ToUpperInvariant(), n));
                    var missing = progress?.Missing.Contains(n) ?? stored is null;
                    return new PillarView(n, plan.PillarTitle(n), missing ? "missing" : "received", stored?.Version, stored?.ReceivedAt);
                }).ToList(),
                EscalationLevel = progress?.EscalationLevel ?? assignment?.EscalationLevel ?? 0,
                RequestVersion = progress?.RequestVersion ?? assignment?.RequestVersion ?? 0,
                RequestedAt = assignment?.RequestedAt,
                Reminders = assignment?.Reminders ?? 0,
                LastReminderAt = assignment?.LastReminderAt,
                LastEscalationAt = assignment?.LastEscalationAt,
            };
        }).ToList();

        return new RoundView
        {
            RoundId = roundId,
            Year = plan.Year,
            Definition = plan.Definition.Name,
            RuntimeStatus = instance?.RuntimeStatus.ToString() ?? "Unknown",
            Phase = PhaseOf(instance, record),
            Deadline = status?.Deadline ?? plan.Deadline,
            CutOffAt = status?.CutOffAt,
            CreatedAt = plan.CreatedAt,
            Drafts = status?.Draft ?? 0,
            RemindersSent = status?.RemindersSent ?? 0,
            FailureMessage = instance?.FailureDetails?.ErrorMessage,
            Ministries = ministries,
            Letters = versions.Select(v => new LetterVersionView(v,
                new[] { "docx", "html", "md" }.ToDictionary(f => f, f => LetterLinks.Url(roundId, v, f)))).ToList(),
            History = await audit.ListAsync(roundId, 100, cancellationToken),
            Messages = (await inbound.ListForRoundAsync(roundId, clock.GetUtcNow(), cancellationToken))
                .Select(m => new InboundMessageView(m.Id, m.ReceivedAt, m.Outcome, m.Reason, m.Ministry, m.From, m.Subject)).ToList(),
            Texts = plan.Texts,
            LatestDraft = manifest is null ? null : new DraftView(manifest.DraftNumber, manifest.Missing, manifest.Warnings, manifest.Changes),
        };
    }
}
