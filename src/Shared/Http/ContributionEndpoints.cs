using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Intake;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>POST /api/rounds/{id}/contributions (a ministry's text without mail) and GET to list every stored version.</summary>
public sealed class ContributionEndpoints(RoundStore rounds, ContributionRecorder recorder, ContributionStore contributions, CallerResolver callers, TimeProvider clock)
{
    public sealed record ContributionBody
    {
        public string? Ministry { get; init; }
        public int? Pillar { get; init; }
        public string? Text { get; init; }
        public IReadOnlyList<Footnote>? Footnotes { get; init; }
    }

    public async Task<IResult> SubmitAsync(string roundId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (caller, denied) = callers.Coordinator(request, "een bijdrage namens een ministerie vastleggen");
        if (denied is not null)
            return denied;
        var (body, error) = await JsonBody.ReadAsync<ContributionBody>(request, cancellationToken);
        if (error is not null)
            return error;

        var round = await RoundState.LoadAsync(client, rounds, roundId, cancellationToken);
        if (!round.Exists)
            return Problems.NotFound($"Er is geen ronde '{roundId}'.");
        if (round.IsStarting)
            return Problems.Conflict($"Ronde '{roundId}' start nog; probeer het over enkele seconden opnieuw.");
        if (round.Plan is not { } plan || !round.IsOpen)
            return Problems.Conflict($"Ronde '{roundId}' is afgerond ({round.Phase}); bijdragen worden niet meer aangenomen.");

        var errors = new Dictionary<string, string[]>();
        var participant = body!.Ministry is null ? null : plan.FindParticipant(body.Ministry);
        if (participant is null)
            errors["ministry"] = [$"Verplicht: één van {string.Join(", ", plan.Participants.Select(p => p.Code))}."];
        else if (body.Pillar is not { } pillar || !participant.Pillars.Contains(pillar))
            errors["pillar"] = [$"{participant.Code} schrijft pijler {string.Join(", ", participant.Pillars)}; {(body.Pillar is null ? "geef er één op" : $"pijler {body.Pillar} hoort daar niet bij")}."];
        if (string.IsNullOrWhiteSpace(body.Text))
            errors["text"] = ["Verplicht: de tekst van de bijdrage."];
        else if (body.Text.Length + (body.Footnotes ?? []).Sum(f => (long)(f?.Text?.Length ?? 0)) > ContributionStore.MaxTextLength)
            errors["text"] = [$"Een bijdrage is met haar voetnoten hoogstens {ContributionStore.MaxTextLength.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"))} tekens."];
        foreach (var (f, i) in (body.Footnotes ?? []).Select((f, i) => (f, i)))
            if (string.IsNullOrWhiteSpace(f?.Marker) || string.IsNullOrWhiteSpace(f.Text))
                errors[$"footnotes[{i}]"] = ["Een voetnoot heeft een 'marker' (zoals \"1\" voor [^1]) en een 'text'."];
        if (errors.Count > 0)
            return Problems.Invalid(errors);

        var requestVersion = round.RequestVersion(participant!.Code);
        var sections = new[] { new PillarText { Pillar = body.Pillar!.Value, Text = body.Text!.Trim(), Footnotes = body.Footnotes ?? [] } };
        var result = await recorder.RecordAsync(client, new Submission
        {
            RoundId = roundId,
            Ministry = participant.Code,
            SubmissionKey = ContributionStore.ContentKey(participant.Code, requestVersion, sections),
            Sections = sections,
            // Who put it in: the signed-in caller (the audit entry's actor), not a name in the body.
            Sender = caller!.Actor,
            SenderName = caller.DisplayName,
            Source = "http",
            ReceivedAt = clock.GetUtcNow(),
            RequestVersion = requestVersion,
        }, cancellationToken);

        return Results.Json(new { duplicate = result.Duplicate, versions = result.Versions }, JsonDefaults.Options,
            statusCode: result.Duplicate ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    public async Task<IResult> ListAsync(string roundId, HttpRequest request, CancellationToken cancellationToken)
    {
        if (callers.Resolve(request).Error is { } denied)
            return denied;
        if (await rounds.GetAsync(roundId, cancellationToken) is null)
            return Problems.NotFound($"Er is geen ronde '{roundId}'.");
        var list = await contributions.ListAsync(roundId, cancellationToken);
        return Results.Json(list.OrderBy(c => c.Pillar).ThenBy(c => c.Ministry).ThenByDescending(c => c.Version), JsonDefaults.Options);
    }
}
