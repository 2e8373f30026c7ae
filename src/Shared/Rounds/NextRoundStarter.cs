using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds;

/// <summary>What a coordinator may change when starting next year's round: its id, its deadline, its reference ("Ons kenmerk").</summary>
public sealed record NextRoundRequest
{
    public string? RoundId { get; init; }
    public DateTimeOffset? Deadline { get; init; }
    public string? Reference { get; init; }
}

public enum RoundStartRefusal
{
    None,
    /// <summary>The round to start from does not exist.</summary>
    NotFound,
    /// <summary>It is not approved, or the new round (or another round of that year) exists already.</summary>
    Conflict,
    /// <summary>The spec it makes is refused by the planner: <see cref="RoundStartResult.Errors"/> per field.</summary>
    Invalid,
}

/// <summary>A started round, or why not (in Dutch), with the round that stands in the way.</summary>
public sealed record RoundStartResult
{
    public RoundPlan? Plan { get; init; }
    public RoundStartRefusal Refusal { get; init; }
    public string? Message { get; init; }
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();
    /// <summary>The round whose status a 409 shows: the one that exists already, or the one that is not approved.</summary>
    public string? ExistingRoundId { get; init; }

    public static RoundStartResult Started(RoundPlan plan) => new() { Plan = plan };
    public static RoundStartResult Conflict(string message, string? existing) => new() { Refusal = RoundStartRefusal.Conflict, Message = message, ExistingRoundId = existing };
}

/// <summary>
/// Starts next year's round (the coordinator's "volgende ronde", the annual start): from an approved round through
/// <see cref="NextRoundSpec"/> and the planner, recording in the new plan which round it follows
/// (<see cref="RoundPlan.PreviousRoundId"/>), or, the first year, from the definition and its contacts list. A round
/// whose id, or whose definition and year, exists already is never started again; the id is claimed for the spec
/// (<see cref="RoundLaunch"/>) so concurrent starts settle on one.
/// </summary>
public sealed class NextRoundStarter(
    RoundStore rounds,
    RoundClaimStore claims,
    DefinitionCatalog catalog,
    ContactStore contacts,
    RoundPlanner planner,
    RoundLaunch launch,
    AuditLog audit,
    IOptions<ActivityRetrySettings> retry)
{
    /// <param name="actor">Who starts it (the audit log's actor) and <paramref name="actorName"/> their display name.</param>
    public async Task<RoundStartResult> FromRoundAsync(DurableTaskClient client, string previousRoundId, NextRoundRequest request, string actor, string? actorName,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var previous = await RoundState.LoadAsync(client, rounds, previousRoundId, cancellationToken);
        if (previous.Plan is not { } plan)
            return new RoundStartResult { Refusal = RoundStartRefusal.NotFound, Message = $"Er is geen ronde '{previousRoundId}'." };
        if (previous.Phase != RoundPhase.Approved)
            return RoundStartResult.Conflict(
                $"Ronde '{plan.RoundId}' is niet goedgekeurd (fase {RoundPhase.Dutch(previous.Phase).ToLowerInvariant()}); de ronde van volgend jaar begint bij een definitieve brief.",
                plan.RoundId);

        var named = catalog.Find(plan.Definition.Name);
        var definition = named ?? plan.Definition;
        var year = plan.Year + 1;
        var roundId = string.IsNullOrWhiteSpace(request.RoundId) ? NextRoundSpec.Id(definition.Name, year) : request.RoundId.Trim();
        if (await ExistingRoundAsync(client, definition.Name, year, roundId, null, cancellationToken) is { } existing)
            return Exists(definition.Name, year, roundId, existing);

        var deadline = request.Deadline ?? NextRoundSpec.Deadline(plan.Deadline, definition.WorkingDays());
        // A named definition's contacts list now, as a new start takes it; the round's own contacts while it is empty.
        IReadOnlyList<MinistryContacts> list = named is null ? [] : await contacts.ListAsync(named.Name, cancellationToken);
        var spec = NextRoundSpec.From(plan, definition, named is not null, roundId, deadline, list, request.Reference);
        var planned = planner.Plan(spec, now, named is null ? null : list);
        if (!planned.IsValid)
            return new RoundStartResult { Refusal = RoundStartRefusal.Invalid, Errors = planned.Errors };

        // The activities' retry settings ride in the plan, as on a coordinator's start: the orchestrator reads no configuration.
        var next = planned.Plan! with { PreviousRoundId = plan.RoundId, StartedBy = actor, StartedByName = actorName, Retry = retry.Value };
        var result = await LaunchAsync(client, next, cancellationToken);
        if (result.Plan is not null)
        {
            await audit.WriteAsync(plan.RoundId, actor, actorName, AuditActions.NextRoundStarted,
                $"Ronde '{next.RoundId}' voor {year} gestart vanuit deze ronde, deadline {DutchFormat.DateTime(next.Deadline)}.", now, cancellationToken);
            await audit.WriteAsync(next.RoundId, actor, actorName, AuditActions.RoundContinued,
                $"Vervolg op ronde '{plan.RoundId}': de tekst van vorig jaar gaat mee met elk verzoek; contactpersonen uit " +
                $"{(list.Count > 0 ? "de contactenlijst" : $"ronde '{plan.RoundId}'")}, teksten van de coördinator overgenomen.", now, cancellationToken);
        }
        return result;
    }

    /// <summary>The first round of an annual start, when there is no approved round of the year before: every ministry of the definition, contacts from its list.</summary>
    public async Task<RoundStartResult> FromDefinitionAsync(DurableTaskClient client, ReportDefinition definition, int year, DateTimeOffset deadline,
        string actor, string? actorName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var annual = definition.AnnualStart ?? throw new ArgumentException("The definition has no annual start.", nameof(definition));
        var roundId = NextRoundSpec.Id(definition.Name, year);
        if (await ExistingRoundAsync(client, definition.Name, year, roundId, null, cancellationToken) is { } existing)
            return Exists(definition.Name, year, roundId, existing);
        if (annual.Approver is null)
            return RoundStartResult.Conflict(
                $"Er is geen goedgekeurde ronde van '{definition.Name}' {year - 1} om ronde '{roundId}' vanuit te starten, en 'annualStart' noemt geen " +
                "goedkeurder ('approver'). Start de ronde met de hand, of zet een goedkeurder in de definitie.", null);

        var list = await contacts.ListAsync(definition.Name, cancellationToken);
        var planned = planner.Plan(NextRoundSpec.FromDefinition(definition, annual, roundId, year, deadline), now, list);
        if (!planned.IsValid)
            return new RoundStartResult { Refusal = RoundStartRefusal.Invalid, Errors = planned.Errors };
        return await LaunchAsync(client, planned.Plan! with { StartedBy = actor, StartedByName = actorName, Retry = retry.Value }, cancellationToken);
    }

    /// <summary>
    /// The round that holds <paramref name="roundId"/>, or another round of the definition's <paramref name="year"/>;
    /// null when there is none. Claims count too, so a round whose orchestration has not stored itself yet is found;
    /// not one left stale by a claimer that died before scheduling (<see cref="RoundLaunch.Holds"/>).
    /// </summary>
    /// <param name="records">The stored rounds when the caller has read them already.</param>
    public async Task<string?> ExistingRoundAsync(DurableTaskClient client, string definition, int year, string roundId,
        IReadOnlyList<RoundRecord>? records, CancellationToken cancellationToken)
    {
        if (await claims.GetAsync(roundId, cancellationToken) is { } claim && launch.Holds(claim.Claim)
            || await client.GetInstanceAsync(roundId, getInputsAndOutputs: false, cancellationToken) is not null)
            return roundId;
        records ??= await rounds.ListAsync(cancellationToken);
        var stored = records.FirstOrDefault(r => r.Plan.RoundId == roundId
            || string.Equals(r.Plan.Definition.Name, definition, StringComparison.OrdinalIgnoreCase) && r.Plan.Year == year);
        if (stored is not null)
            return stored.Plan.RoundId;
        return (await claims.ListAsync(definition, year, cancellationToken)).FirstOrDefault(launch.Holds)?.RoundId;
    }

    private static RoundStartResult Exists(string definition, int year, string roundId, string existing) => RoundStartResult.Conflict(existing == roundId
        ? $"Ronde '{roundId}' bestaat al; de ronde van {year} is dus al gestart."
        : $"Er is al een ronde voor '{definition}' {year}: '{existing}'. Die wordt niet nog eens gestart.", existing);

    private async Task<RoundStartResult> LaunchAsync(DurableTaskClient client, RoundPlan plan, CancellationToken cancellationToken) =>
        await launch.LaunchAsync(client, plan, cancellationToken) == RoundLaunchOutcome.Started
            ? RoundStartResult.Started(plan)
            : RoundStartResult.Conflict($"Ronde '{plan.RoundId}' wordt op dit moment al gestart.", plan.RoundId);
}
