using Microsoft.AspNetCore.Http;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>GET /api/definitions: the report definitions a round can start from, with their pillars and ministries (the start form's choices).</summary>
public sealed class DefinitionsEndpoint(DefinitionCatalog catalog, CallerResolver callers)
{
    public sealed record DefinitionView(string Name, string Title, IReadOnlyList<PillarDefinition> Pillars, IReadOnlyList<DefinitionMinistryView> Ministries);

    public sealed record DefinitionMinistryView(string Code, string Name, IReadOnlyList<int> Pillars);

    public IResult List(HttpRequest request)
    {
        if (callers.Resolve(request).Error is { } denied)
            return denied;
        var list = catalog.Names.Order(StringComparer.OrdinalIgnoreCase).Select(n => catalog.Find(n)!).Select(d => new DefinitionView(d.Name, d.Title, d.Pillars,
            d.Ministries.Select(m => new DefinitionMinistryView(m.Code, m.Name, m.Pillars.Order().ToList())).ToList())).ToList();
        return Results.Json(list, JsonDefaults.Options);
    }
}
