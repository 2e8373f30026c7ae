using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Rounds;

/// <summary>What a pass of the annual start did for one definition.</summary>
public enum AnnualStartKind
{
    /// <summary>This pass started the round.</summary>
    Started,
    /// <summary>The round of the year exists (started by an earlier pass, another host, or by hand).</summary>
    Exists,
    /// <summary>Its start moment is more than <see cref="AnnualStartOptions.CatchUp"/> ago and no round was started: the coordinator's to start.</summary>
    Missed,
    /// <summary>Due, but it cannot start (no approver, a refused spec); tried again on the next pass.</summary>
    Refused,
}

/// <param name="Source">Where a started round came from: "previousRound" or "definition".</param>
public sealed record AnnualStartOutcome(string Definition, int Year, string RoundId, AnnualStartKind Kind, string? Message = null, string? Source = null);

/// <summary>The overview's line for a definition with an annual start: "volgende ronde start op maandag 15 november 2027 09:00 (ima-2028)".</summary>
/// <param name="State">"planned", "due" (its moment passed, it starts on the next pass), "missed" or "off" (Rounds:AnnualStart:Enabled false).</param>
public sealed record NextStartView(string Definition, string Title, string RoundId, int Year, DateTimeOffset At, DateTimeOffset Deadline, string State, string Label);

/// <summary>
/// The annual start, one pass (the Functions timer and Standalone's hosted service each call <see cref="RunOnceAsync"/>):
/// for every definition with an <see cref="AnnualStart"/> whose start moment has come, start that year's round if none
/// exists yet: from the previous year's approved round as "volgende ronde" does (last year's texts in the requests),
/// else, the first year, from the definition and its contacts list. The round id is derived from definition and year
/// ("ima-2028") and claimed before it is scheduled, so two timers, a restart or a coordinator's start at the same time
/// start it once. Time comes from the <see cref="TimeProvider"/>, so tests set "now".
/// </summary>
public sealed class AnnualStarter(
    DefinitionCatalog catalog,
    RoundStore rounds,
    NextRoundStarter starter,
    IOptions<AnnualStartOptions> options,
    TimeProvider clock,
    IOperatorEvents events,
    ILogger<AnnualStarter> logger)
{
    /// <summary>The audit log's actor and name for rounds the timer starts.</summary>
    public const string ActorName = "jaarlijkse start";

    public async Task<IReadOnlyList<AnnualStartOutcome>> RunOnceAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var definitions = Annual();
        if (!options.Value.Enabled || definitions.Count == 0)
            return [];
        var now = clock.GetUtcNow();
        var records = await rounds.ListAsync(cancellationToken);
        var outcomes = new List<AnnualStartOutcome>();
        foreach (var (definition, annual) in definitions)
        {
            var days = definition.WorkingDays();
            var year = annual.RoundYearAt(now, days);
            var roundId = NextRoundSpec.Id(definition.Name, year);
            if (await starter.ExistingRoundAsync(client, definition.Name, year, roundId, records, cancellationToken) is { } existing)
            {
                outcomes.Add(new(definition.Name, year, existing, AnnualStartKind.Exists));
                continue;
            }
            if (now - annual.StartOf(year, days) > options.Value.CatchUp)
            {
                outcomes.Add(new(definition.Name, year, roundId, AnnualStartKind.Missed));
                continue;
            }
            outcomes.Add(await StartAsync(client, definition, annual, year, roundId, records, now, cancellationToken));
        }
        return outcomes;
    }

    /// <summary>Per definition with an annual start, the next round it starts and when (the overview's "volgende ronde start op …").</summary>
    public async Task<IReadOnlyList<NextStartView>> NextStartsAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        var definitions = Annual();
        if (definitions.Count == 0)
            return [];
        var now = clock.GetUtcNow();
        var records = await rounds.ListAsync(cancellationToken);
        var list = new List<NextStartView>();
        foreach (var (definition, annual) in definitions)
        {
            var days = definition.WorkingDays();
            var year = annual.RoundYearAt(now, days);
            var startedAt = annual.StartOf(year, days);
            var pending = await starter.ExistingRoundAsync(client, definition.Name, year, NextRoundSpec.Id(definition.Name, year), records, cancellationToken) is null;
            var state = !options.Value.Enabled ? "off" : !pending ? "planned" : now - startedAt > options.Value.CatchUp ? "missed" : "due";
            if (!pending || state == "off")
                year++;
            var roundId = NextRoundSpec.Id(definition.Name, year);
            var at = annual.StartOf(year, days);
            var when = DutchFormat.DateTime(at);
            var label = state switch
            {
                "off" => $"de jaarlijkse start staat uit; volgens de definitie zou de volgende ronde starten op {when} ({roundId})",
                "missed" => $"de jaarlijkse start van {when} ({roundId}) is gemist; start die ronde met 'Volgende ronde starten' op de goedgekeurde ronde van vorig jaar",
                "due" => $"volgende ronde start op {when} ({roundId}); de start volgt zo",
                _ => $"volgende ronde start op {when} ({roundId})",
            };
            list.Add(new NextStartView(definition.Name, definition.Title, roundId, year, at, annual.DeadlineOf(year, days), state, label));
        }
        return list;
    }

    private async Task<AnnualStartOutcome> StartAsync(DurableTaskClient client, ReportDefinition definition, AnnualStart annual, int year, string roundId,
        IReadOnlyList<RoundRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var days = definition.WorkingDays();
        var deadline = annual.DeadlineOf(year, days);
        // Last year's approved round of this definition; the one with the derived id first if there are several.
        var previous = records
            .Where(r => string.Equals(r.Plan.Definition.Name, definition.Name, StringComparison.OrdinalIgnoreCase) && r.Plan.Year == year - 1 && r.Phase == RoundPhase.Approved)
            .OrderBy(r => r.Plan.RoundId == NextRoundSpec.Id(definition.Name, year - 1) ? 0 : 1)
            .ThenByDescending(r => r.Plan.CreatedAt)
            .FirstOrDefault();
        var source = previous is null ? "definition" : "previousRound";
        var result = previous is null
            ? await starter.FromDefinitionAsync(client, definition, year, deadline, AuditActions.System, ActorName, now, cancellationToken)
            : await starter.FromRoundAsync(client, previous.Plan.RoundId, new NextRoundRequest { RoundId = roundId, Deadline = deadline },
                AuditActions.System, ActorName, now, cancellationToken);

        if (result.Plan is not null)
        {
            logger.LogInformation("Annual start: round {Round} started ({Source}), deadline {Deadline:u}", roundId, source, result.Plan.Deadline);
            events.Track(TelemetryNames.AnnualRoundStarted, new Dictionary<string, string>
            {
                [TelemetryNames.Properties.RoundId] = roundId, [TelemetryNames.Properties.Source] = source,
            });
            return new(definition.Name, year, roundId, AnnualStartKind.Started, Source: source);
        }
        // Another pass or a coordinator got there first: the round exists, which is all this pass wanted.
        if (result.Refusal == RoundStartRefusal.Conflict && result.ExistingRoundId is { } existing)
            return new(definition.Name, year, existing, AnnualStartKind.Exists);

        var reason = result.Refusal == RoundStartRefusal.Invalid ? $"Invalid:{string.Join(",", result.Errors.Keys)}"
            : previous is null && annual.Approver is null ? "NoApprover" : result.Refusal.ToString();
        // The Dutch message names fields and round ids, never addresses; the planner's per-field messages may, so only their fields go to the log.
        logger.LogWarning("Annual start: round {Round} is due but was not started ({Reason}): {Message}", roundId, reason,
            result.Refusal == RoundStartRefusal.Invalid ? "the spec was refused on " + string.Join(", ", result.Errors.Keys) : result.Message);
        events.Track(TelemetryNames.AnnualStartRefused, new Dictionary<string, string>
        {
            [TelemetryNames.Properties.RoundId] = roundId, [TelemetryNames.Properties.Reason] = reason,
        });
        var message = result.Message ?? string.Join(" ", result.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
        return new(definition.Name, year, roundId, AnnualStartKind.Refused, message, source);
    }

    private List<(ReportDefinition Definition, AnnualStart Annual)> Annual() =>
        catalog.Names.Order(StringComparer.OrdinalIgnoreCase)
            .Select(n => catalog.Find(n)!)
            .Where(d => d.AnnualStart is not null)
            .Select(d => (d, d.AnnualStart!))
            .ToList();
}
