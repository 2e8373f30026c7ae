using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>GET /api/rounds (newest first) and GET /api/rounds/{id}.</summary>
public sealed class RoundQueryEndpoints(RoundStore rounds, RoundStatusReader reader, LetterStore letters, CallerResolver callers)
{
    /// <summary>One round in the list: <c>PillarsIn</c> of <c>PillarsRequired</c>, and which letters exist.</summary>
    public sealed record RoundListItem(string RoundId, int Year, string Definition, string Phase, string RuntimeStatus, DateTimeOffset Deadline, DateTimeOffset CreatedAt)
    {
        /// <summary>The phase in Dutch, as the page shows it.</summary>
        public string PhaseLabel => RoundPhase.Dutch(Phase);
        public int PillarsIn { get; init; }
        public int PillarsRequired { get; init; }
        public bool HasDraft { get; init; }
        public bool HasFinal { get; init; }
    }

    public async Task<IResult> ListAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (callers.Resolve(request).Error is { } denied)
            return denied;
        var list = new List<RoundListItem>();
        foreach (var record in await rounds.ListAsync(cancellationToken))
        {
            var round = RoundState.Of(record.Plan.RoundId, record,
                await client.GetInstanceAsync(record.Plan.RoundId, getInputsAndOutputs: true, cancellationToken));
            var status = round.Status;
            var versions = await letters.ListVersionsAsync(record.Plan.RoundId, cancellationToken);
            var required = status?.Ministries.Sum(m => m.Received.Count + m.Missing.Count) ?? record.Plan.Participants.Sum(p => p.Pillars.Count);
            list.Add(new RoundListItem(record.Plan.RoundId, record.Plan.Year, record.Plan.Definition.Name, round.Phase,
                round.Instance?.RuntimeStatus.ToString() ?? "Unknown", status?.Deadline ?? record.Plan.Deadline, record.Plan.CreatedAt)
            {
                PillarsIn = status?.Ministries.Sum(m => m.Received.Count) ?? 0,
                PillarsRequired = required,
                HasDraft = versions.Any(v => v.StartsWith("draft-", StringComparison.Ordinal)),
                HasFinal = versions.Contains(LetterStore.Final),
            });
        }
        return Results.Json(list, JsonDefaults.Options);
    }

    public async Task<IResult> GetAsync(string roundId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (callers.Resolve(request).Error is { } denied)
            return denied;
        var view = await reader.ReadAsync(client, roundId, cancellationToken);
        return view is null ? Problems.NotFound($"Er is geen ronde '{roundId}'.") : Results.Json(view, JsonDefaults.Options);
    }
}
