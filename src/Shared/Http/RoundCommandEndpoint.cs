using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Access;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// POST /api/rounds/{id}/{extend|close|cancel|approve|reopen}: checks the command fits the round's phase and
/// hands it to the orchestration as a RoundCommand event.
/// </summary>
public sealed class RoundCommandEndpoint(RoundStore rounds, RoundStatusReader reader, RoundCommandSender sender, CallerResolver callers, TimeProvider clock)
{
    /// <summary>The optional body of a command. Who gives it is the signed-in caller; a "by" in the body is ignored.</summary>
    public sealed record CommandBody
    {
        public DateTimeOffset? Deadline { get; init; }
        public string? Ministry { get; init; }
        public IReadOnlyList<int>? Pillars { get; init; }
        public string? Note { get; init; }
    }

    public async Task<IResult> HandleAsync(string roundId, string command, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<RoundCommandKind>(command, ignoreCase: true, out var kind) || kind == RoundCommandKind.Redraft || !Enum.IsDefined(kind) || command.Any(char.IsDigit))
            return Problems.NotFound($"Onbekende opdracht '{command}'. Mogelijk: extend, close, cancel, approve, reopen.");
        var (caller, denied) = callers.Resolve(request);
        if (denied is not null)
            return denied;

        // Always through JsonBody, also without a body: a command without data is {} sent as JSON (cross-site forms
        // send an empty body too, so skipping the checks for one let another website cancel a round).
        var (read, error) = await JsonBody.ReadAsync<CommandBody>(request, cancellationToken);
        if (error is not null)
            return error;
        var body = read!;

        var round = await RoundState.LoadAsync(client, rounds, roundId, cancellationToken);
        if (round.Record is null || round.Instance is null)
            return Problems.NotFound($"Er is geen ronde '{roundId}'.");
        if (AccessPolicy.Command(caller!, kind, round.Plan!) is { } forbidden)
            return Problems.Forbidden(forbidden);

        var refusal = Check(kind, round, body);
        if (refusal is not null)
        {
            var conflict = refusal.Value.Conflict;
            return conflict
                ? Problems.Conflict(refusal.Value.Message, await reader.ReadAsync(round, cancellationToken))
                : Problems.BadRequest(refusal.Value.Message);
        }
        if (ClosedDayRefusal(kind, round.Plan!, body) is { } closed)
            return Problems.Invalid(new Dictionary<string, string[]> { ["deadline"] = [closed] });

        var roundCommand = new RoundCommand
        {
            Kind = kind, Deadline = body.Deadline, Ministry = body.Ministry, Pillars = body.Pillars, Note = body.Note,
        };
        if (await sender.SendAsync(client, round.Plan!, roundCommand, caller!, cancellationToken) is { } refused)
            return Problems.Forbidden(refused);
        return Results.Json(await reader.ReadAsync(client, roundId, cancellationToken), JsonDefaults.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private (string Message, bool Conflict)? Check(RoundCommandKind kind, RoundState round, CommandBody body)
    {
        var (phase, plan) = (round.Phase, round.Plan!);
        if (RoundPhase.IsFinished(phase))
            return ($"Ronde '{plan.RoundId}' is afgerond ({phase}); er kan niets meer aan veranderen.", true);
        switch (kind)
        {
            case RoundCommandKind.Extend:
                if (phase != RoundPhase.Collecting)
                    return ($"Verlengen kan alleen zolang bijdragen worden verzameld; de ronde is nu in fase {phase}.", true);
                if (body.Deadline is null)
                    return ("Geef de nieuwe deadline mee: { \"deadline\": \"2027-01-22T17:00:00+01:00\" }.", false);
                if (body.Deadline <= clock.GetUtcNow())
                    return ($"De nieuwe deadline {body.Deadline:yyyy-MM-dd HH:mm zzz} ligt in het verleden.", false);
                return null;
            case RoundCommandKind.Close:
                return phase == RoundPhase.Collecting ? null : ($"Vervroegd sluiten kan alleen tijdens het verzamelen; de ronde is nu in fase {phase}.", true);
            case RoundCommandKind.Approve:
                return phase == RoundPhase.Reviewing ? null : ($"Goedkeuren kan pas als er een concept ter goedkeuring ligt; de ronde is nu in fase {phase}.", true);
            case RoundCommandKind.Reopen:
                if (phase != RoundPhase.Reviewing)
                    return ($"Heropenen kan alleen tijdens de beoordeling van een concept; de ronde is nu in fase {phase}.", true);
                var participant = body.Ministry is null ? null : plan.FindParticipant(body.Ministry);
                if (participant is null)
                    return ($"Noem het ministerie dat opnieuw moet aanleveren ('ministry': één van {string.Join(", ", plan.Participants.Select(p => p.Code))}).", false);
                var wrong = (body.Pillars ?? []).Where(p => !participant.Pillars.Contains(p)).ToList();
                if (wrong.Count > 0)
                    return ($"Pijler {string.Join(", ", wrong)} hoort niet bij {participant.Code} (die schrijft {string.Join(", ", participant.Pillars)}).", false);
                if (body.Deadline is { } d && d <= clock.GetUtcNow())
                    return ($"De deadline {d:yyyy-MM-dd HH:mm zzz} ligt in het verleden.", false);
                return null;
            default:
                return null;
        }
    }

    /// <summary>A new deadline on a closed day is refused when the round counts days, as at start (<see cref="RoundCalendar.Check"/>).</summary>
    private static string? ClosedDayRefusal(RoundCommandKind kind, RoundPlan plan, CommandBody body) =>
        kind is RoundCommandKind.Extend or RoundCommandKind.Reopen && body.Deadline is { } deadline
            ? RoundCalendar.Of(plan).Check(deadline).Refusal
            : null;
}
