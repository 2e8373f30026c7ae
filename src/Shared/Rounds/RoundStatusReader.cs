using Microsoft.DurableTask.Client;
using MigrationAgenda.Intake;
using MigrationAgenda.Letters;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds;

/// <summary>Builds <see cref="RoundView"/> from the round gate and the tables around it.</summary>
public sealed class RoundStatusReader(RoundStore rounds, AssignmentStore assignments, ContributionStore contributions, LetterStore letters, AuditLog audit, InboundStore inbound, TimeProvider clock,
    MailEventStore mailEvents,
    NoteStore notes)
{
    public async Task<RoundView?> ReadAsync(DurableTaskClient client, string roundId, CancellationToken cancellationToken) =>
        await ReadAsync(await RoundState.LoadAsync(client, rounds, roundId, cancellationToken), cancellationToken);

    public async Task<RoundView?> ReadAsync(RoundState state, CancellationToken cancellationToken)
    {
        if (!state.Exists)
            return null;
        if (state.Record is null)
        {
            // Started, but its first activity has not stored the round yet: the orchestration's input is the plan.
            var input = state.Instance!.ReadInputAs<RoundPlan>();
            return input is null
                ? new RoundView
                {
                    RoundId = state.RoundId, Year = 0, Definition = "", RuntimeStatus = state.Instance.RuntimeStatus.ToString(),
                    Phase = state.Phase, Deadline = default, CreatedAt = state.Instance.CreatedAt, Ministries = [], Letters = [],
                }
                : Planned(input, state.Instance.RuntimeStatus.ToString()) with { Phase = state.Phase };
        }

        var roundId = state.RoundId;
        var plan = state.Record.Plan;
        var assigned = (await assignments.ListAsync(roundId, cancellationToken)).ToDictionary(a => a.Ministry, StringComparer.OrdinalIgnoreCase);
        var latest = (await contributions.LatestAsync(roundId, cancellationToken)).ToDictionary(c => (c.Ministry.ToUpperInvariant(), c.Pillar));
        var versions = await letters.ListVersionsAsync(roundId, cancellationToken);
        var newestDraft = versions.LastOrDefault(v => v != LetterStore.Final);
        var manifest = newestDraft is null ? null : await letters.ReadManifestAsync(roundId, newestDraft, cancellationToken);
        var status = state.Status;
        var roundNotes = await notes.ListAsync(roundId, cancellationToken);

        var view = Compose(plan, state.Instance?.RuntimeStatus.ToString() ?? "Unknown", state.Phase, state, assigned, latest) with
        {
            Deadline = status?.Deadline ?? plan.Deadline,
            CutOffAt = status?.CutOffAt,
            Drafts = status?.Draft ?? 0,
            RemindersSent = status?.RemindersSent ?? 0,
            FailureMessage = state.Instance?.FailureDetails?.ErrorMessage,
            MailDelayedSince = state.IsRunning ? status?.MailDelayedSince : null,
            Letters = versions.Select(v => new LetterVersionView(v,
                new[] { "docx", "html", "md" }.ToDictionary(f => f, f => LetterLinks.Url(roundId, v, f)))).ToList(),
            History = (await audit.ListAsync(roundId, 100, cancellationToken)).Select(HistoryEntryView.From).ToList(),
            Messages = (await inbound.ListForRoundAsync(roundId, clock.GetUtcNow(), cancellationToken))
                .Select(m => new InboundMessageView(m.Id, m.ReceivedAt, m.Outcome, m.Reason, m.Ministry, m.From, m.Subject, m.ReasonCode)).ToList(),
            Notes = roundNotes.Where(n => n.Kind != NoteKinds.Automatic).Select(NoteView.Of).ToList(),
            AutomaticReplies = roundNotes.Where(n => n.Kind == NoteKinds.Automatic).Select(AutomaticReplyView.Of).ToList(),
            LatestDraft = manifest is null ? null : new DraftView(manifest.DraftNumber, manifest.Missing, manifest.Warnings, manifest.Changes),
            NextStep = status?.NextDue is { } next ? DueStepView.Next(next) : null,
            PlannedSteps = DueStepView.Planned(status?.Due ?? plan.Due),
            DeadlineWarning = status is null ? plan.DeadlineWarning : status.DeadlineWarning,
        };
        return MailEventViews.Apply(view, await mailEvents.ListAsync(roundId, cancellationToken));
    }

    /// <summary>A round just started, as its plan describes it: every pillar still missing, nothing sent yet.</summary>
    public static RoundView Planned(RoundPlan plan, string runtimeStatus) =>
        Compose(plan, runtimeStatus, RoundPhase.Starting, state: null,
            new Dictionary<string, Assignment>(), new Dictionary<(string, int), StoredContribution>());

    private static RoundView Compose(RoundPlan plan, string runtimeStatus, string phase, RoundState? state,
        IReadOnlyDictionary<string, Assignment> assigned, IReadOnlyDictionary<(string, int), StoredContribution> latest) => new()
    {
        RoundId = plan.RoundId,
        Year = plan.Year,
        Definition = plan.Definition.Name,
        RuntimeStatus = runtimeStatus,
        Phase = phase,
        Deadline = plan.Deadline,
        CreatedAt = plan.CreatedAt,
        Ministries = plan.Participants.Select(p =>
        {
            var progress = state?.Progress(p.Code);
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
        }).ToList(),
        Letters = [],
        Texts = plan.Texts,
        PlannedSteps = DueStepView.Planned(plan.Due),
        DeadlineWarning = plan.DeadlineWarning,
    };
}
