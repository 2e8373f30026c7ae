using Microsoft.DurableTask;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds.Activities;

/// <summary>What a ministry still owes the round, for the request it answers now.</summary>
public sealed record OwedQuery(string Ministry, int RequestVersion, IReadOnlyList<int> Pillars);

public sealed record ReceivedQuery(string RoundId, IReadOnlyList<OwedQuery> Owed);

/// <summary>Pillars the store holds an answer for.</summary>
public sealed record ReceivedPillars(string Ministry, IReadOnlyList<int> Pillars);

/// <summary>
/// Reads from the store which of the owed pillars have been answered (a submission for the request now open, or a
/// later one), so the round counts a reply whose event never reached it before it reminds, escalates or assembles:
/// nobody is chased for what they sent.
/// </summary>
public sealed class ReadReceived(ContributionStore contributions) : TaskActivity<ReceivedQuery, IReadOnlyList<ReceivedPillars>>
{
    public override async Task<IReadOnlyList<ReceivedPillars>> RunAsync(TaskActivityContext context, ReceivedQuery query)
    {
        var submissions = await contributions.ListSubmissionsAsync(query.RoundId, pendingOnly: false, CancellationToken.None);
        return query.Owed.Select(owed => new ReceivedPillars(owed.Ministry, submissions
                .Where(s => string.Equals(s.Ministry, owed.Ministry, StringComparison.OrdinalIgnoreCase) && s.RequestVersion >= owed.RequestVersion)
                .SelectMany(s => s.Pillars).Where(owed.Pillars.Contains).Distinct().Order().ToList()))
            .Where(r => r.Pillars.Count > 0)
            .ToList();
    }
}
