using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// GET and PUT /api/rounds/{id}/texts: the parts of the letter the coordinator writes. Editable until approval;
/// during review a change assembles a new draft, so the approver always looks at the current text.
/// </summary>
public sealed class RoundTextsEndpoint(RoundStore rounds, AuditLog audit, CallerResolver callers, TimeProvider clock)
{
    public const int MaxLength = 20_000;

    public async Task<IResult> GetAsync(string roundId, HttpRequest request, CancellationToken cancellationToken)
    {
        if (callers.Resolve(request).Error is { } denied)
            return denied;
        var record = await rounds.GetAsync(roundId, cancellationToken);
        return record is null ? Problems.NotFound($"Er is geen ronde '{roundId}'.") : Results.Json(record.Plan.Texts, JsonDefaults.Options);
    }

    public async Task<IResult> PutAsync(string roundId, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (caller, denied) = callers.Coordinator(request, "de teksten van de brief wijzigen");
        if (denied is not null)
            return denied;
        var (texts, error) = await JsonBody.ReadAsync<CoordinatorTexts>(request, cancellationToken);
        if (error is not null)
            return error;

        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in new[] { ("aanleiding", texts!.Aanleiding), ("context", texts.Context), ("overkoepelend", texts.Overkoepelend), ("tenSlotte", texts.TenSlotte) })
            if (value?.Length > MaxLength)
                errors[name] = [$"Hoogstens {MaxLength} tekens."];
        if (errors.Count > 0)
            return Problems.Invalid(errors);

        var round = await RoundState.LoadAsync(client, rounds, roundId, cancellationToken);
        if (round.Record is null || round.Instance is null)
            return Problems.NotFound($"Er is geen ronde '{roundId}'.");
        if (!round.IsOpen)
            return Problems.Conflict($"Ronde '{roundId}' is afgerond ({round.Phase}); de teksten van de brief liggen vast.");

        try
        {
            await rounds.SetTextsAsync(roundId, texts, cancellationToken);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 412)
        {
            return Problems.Conflict("Iemand anders wijzigde de teksten tegelijk. Laad de ronde opnieuw en probeer het nog eens.");
        }
        await audit.WriteAsync(roundId, caller!, AuditActions.TextsChanged, "Teksten van de coördinator gewijzigd.", clock.GetUtcNow(), cancellationToken);
        if (round.Phase == RoundPhase.Reviewing)
            await client.RaiseEventAsync(roundId, RoundEvents.Command, new RoundCommand { Kind = RoundCommandKind.Redraft, By = caller!.Actor, ByName = caller.DisplayName }, cancellationToken);
        return Results.Json(texts, JsonDefaults.Options);
    }
}
