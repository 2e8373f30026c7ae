using Azure;
using Microsoft.AspNetCore.Http;
using MigrationAgenda.Access;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// The coordinator's contacts list per report definition: GET /api/definitions/{name}/contacts (every ministry with
/// its entry and the contacts a round started now would take), and per ministry PUT (no If-Match: create; If-Match:
/// replace that version; "*": replace whatever is there) and DELETE (If-Match required). A version that moved
/// meanwhile is a 409 in Dutch with the current entry, never a silent overwrite.
/// </summary>
public sealed class ContactsEndpoint(DefinitionCatalog catalog, ContactStore store, AuditLog audit, CallerResolver callers, TimeProvider clock)
{
    public sealed record ContactsBody
    {
        public IReadOnlyList<ContactInput?>? Contacts { get; init; }
        public IReadOnlyList<string?>? AllowedSenders { get; init; }
    }

    public sealed record ContactListView(string Definition, string Title, bool ListInUse, IReadOnlyList<MinistryContactsView> Ministries);

    /// <param name="Entry">The ministry's entry in the list, with its version (etag); null when it has none.</param>
    /// <param name="AtStart">What a round started now without its own contacts would use, and from where.</param>
    public sealed record MinistryContactsView(string Code, string Name, IReadOnlyList<int> Pillars, EntryView? Entry, AtStartView AtStart);

    public sealed record EntryView(IReadOnlyList<Contact> Contacts, IReadOnlyList<string> AllowedSenders, string? Etag,
        string? ChangedBy, string? ChangedByLabel, DateTimeOffset? ChangedAt);

    public sealed record AtStartView(ContactOrigin Origin, string OriginLabel, IReadOnlyList<Contact> Contacts, IReadOnlyList<string> AllowedSenders);

    public async Task<IResult> ListAsync(string name, HttpRequest request, CancellationToken cancellationToken)
    {
        if (callers.Resolve(request).Error is { } denied)
            return denied;
        if (catalog.Find(name) is not { } definition)
            return UnknownDefinition(name);
        var list = await store.ListAsync(definition.Name, cancellationToken);
        var ministries = definition.Ministries.Select(m =>
        {
            var entry = list.FirstOrDefault(e => string.Equals(e.Ministry, m.Code, StringComparison.OrdinalIgnoreCase));
            var choice = ContactChoice.For(m, list);
            return new MinistryContactsView(m.Code, m.Name, m.Pillars.Order().ToList(), entry is null ? null : View(entry),
                new AtStartView(choice.Origin, OriginLabel(choice.Origin), choice.Contacts, choice.AllowedSenders));
        }).ToList();
        return Results.Json(new ContactListView(definition.Name, definition.Title, list.Count > 0, ministries), JsonDefaults.Options);
    }

    public async Task<IResult> PutAsync(string name, string ministry, HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, definition, code, refused) = Target(name, ministry, request);
        if (refused is not null)
            return refused;
        var (body, error) = await JsonBody.ReadAsync<ContactsBody>(request, cancellationToken);
        if (error is not null)
            return error;

        var errors = new ValidationErrors();
        var entry = ContactListValidator.Validate(code, body!.Contacts, body.AllowedSenders, errors);
        if (entry is null)
            return Problems.Invalid(errors.ToDictionary());

        var etag = IfMatch(request);
        var now = clock.GetUtcNow();
        MinistryContacts saved;
        try
        {
            saved = await store.SaveAsync(definition.Name, entry with { ChangedBy = caller.Actor, ChangedByName = caller.DisplayName, ChangedAt = now },
                etag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return await ConflictAsync(definition.Name, code, e.Status == 409
                ? $"Voor {code} staat intussen al een contactpersoon in de lijst. Laad de lijst opnieuw en pas die aan."
                : null, cancellationToken);
        }
        await audit.WriteAsync(AuditLog.DefinitionPartition(definition.Name), caller, AuditActions.ContactsChanged,
            $"{code}: {string.Join(", ", saved.Contacts.Select(c => $"niveau {c.Level} {c.Email}"))}; antwoorden van {string.Join(", ", saved.AllowedSenders)}.",
            now, cancellationToken);
        return Results.Json(View(saved), JsonDefaults.Options, statusCode: etag is null ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    public async Task<IResult> DeleteAsync(string name, string ministry, HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, definition, code, refused) = Target(name, ministry, request);
        if (refused is not null)
            return refused;
        if (IfMatch(request) is not { } etag)
            return Results.Problem($"Stuur de versie die u verwijdert mee (If-Match met de 'etag' uit de lijst), zodat een wijziging van een ander niet ongezien verdwijnt.",
                statusCode: StatusCodes.Status428PreconditionRequired, title: "Versie ontbreekt");
        try
        {
            await store.DeleteAsync(definition.Name, code, etag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return await ConflictAsync(definition.Name, code, null, cancellationToken);
        }
        await audit.WriteAsync(AuditLog.DefinitionPartition(definition.Name), caller, AuditActions.ContactsChanged,
            $"{code}: uit de contactenlijst verwijderd.", clock.GetUtcNow(), cancellationToken);
        return Results.NoContent();
    }

    /// <summary>A change to one ministry's entry: a coordinator (else 401/403), a known definition and ministry (else 404).</summary>
    private (Caller Caller, ReportDefinition Definition, string Code, IResult? Refused) Target(string name, string ministry, HttpRequest request)
    {
        var (caller, denied) = callers.Coordinator(request, "de contactenlijst wijzigen");
        if (denied is not null)
            return (null!, null!, null!, denied);
        if (catalog.Find(name) is not { } definition)
            return (null!, null!, null!, UnknownDefinition(name));
        return definition.FindMinistry(ministry) is { } m
            ? (caller!, definition, m.Code, null)
            : (null!, null!, null!, UnknownMinistry(definition, ministry));
    }

    private static string? IfMatch(HttpRequest request) =>
        request.Headers.IfMatch.ToString() is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>409 with the entry as it is now, so the page can show who changed it.</summary>
    private async Task<IResult> ConflictAsync(string definition, string code, string? detail, CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(definition, code, cancellationToken);
        detail ??= current is null
            ? $"De contacten van {code} zijn intussen verwijderd. Laad de lijst opnieuw."
            : $"De contacten van {code} zijn intussen gewijzigd{((current.ChangedByName ?? current.ChangedBy) is { } who ? $" door {who}" : "")}. " +
              "Laad de lijst opnieuw; uw wijziging is niet opgeslagen.";
        return Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Kan nu niet",
            extensions: new Dictionary<string, object?> { ["current"] = current is null ? null : View(current) });
    }

    private static EntryView View(MinistryContacts e) =>
        new(e.Contacts, e.AllowedSenders, e.ETag, e.ChangedBy, e.ChangedByName ?? (e.ChangedBy is null ? null : AuditActions.ActorLabel(e.ChangedBy)), e.ChangedAt);

    private static string OriginLabel(ContactOrigin origin) => origin switch
    {
        ContactOrigin.List => "uit de contactenlijst",
        ContactOrigin.Definition => "uit de definitie (voorbeeldadressen zolang de contactenlijst leeg is)",
        _ => "geen contactpersoon: voeg er een toe aan de contactenlijst",
    };

    private IResult UnknownDefinition(string name) =>
        Problems.NotFound($"Er is geen rapportdefinitie '{name}'. Beschikbaar: {string.Join(", ", catalog.Names.Order(StringComparer.OrdinalIgnoreCase))}.");

    private static IResult UnknownMinistry(ReportDefinition definition, string ministry) =>
        Problems.NotFound($"Definitie '{definition.Name}' kent geen ministerie '{ministry}'. Bekend: {string.Join(", ", definition.Ministries.Select(m => m.Code))}.");
}
