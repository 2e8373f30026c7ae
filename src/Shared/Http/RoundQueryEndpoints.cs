using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>GET /api/rounds (newest first) and GET /api/rounds/{id}.</summary>
public sealed class RoundQueryEndpoints(RoundStore rounds, RoundStatusReader reader)
{
    public sealed record RoundListItem(string RoundId, int Year, string Definition, string Phase, string RuntimeStatus, DateTimeOffset Deadline, DateTimeOffset CreatedAt);

    public async Task<IResult> ListAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var list = new List<RoundListItem>();
        foreach (var record in await rounds.ListAsync(cancellationToken))
        {
            var instance = await client.GetInstanceAsync(record.Plan.RoundId, getInputsAndOutputs: true, cancellationToken);
            var status = RoundStatusReader.CustomStatus(instance);
            list.Add(new RoundListItem(record.Plan.RoundId, record.Plan.Year, record.Plan.Definition.Name, RoundStatusReader.PhaseOf(instance, record),
                instance?.RuntimeStatus.ToString() ?? "Unknown", status?.Deadline ?? record.Plan.Deadline, record.Plan.CreatedAt));
        }
        return Results.Json(list, JsonDefaults.Options);
    }

    public async Task<IResult> GetAsync(string roundId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var view = await reader.ReadAsync(client, roundId, cancellationToken);
        return view is null ? Problems.NotFound($"Er is geen ronde '{roundId}'.") : Results.Json(view, JsonDefaults.Options);
    }
}
