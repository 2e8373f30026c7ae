using Microsoft.AspNetCore.Http;
using MigrationAgenda.Access;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>GET /api/me: who the app takes the caller for (the page shows it, and says what a refusal is about).</summary>
public sealed class MeEndpoint(CallerResolver callers)
{
    public sealed record MeView(string Actor, string? DisplayName, string? Email, IReadOnlyList<string> Roles, IReadOnlyList<string> RoleLabels, string Mode);

    public IResult Get(HttpRequest request)
    {
        var (caller, denied) = callers.Resolve(request);
        if (denied is not null)
            return denied;
        var roles = new List<(string Name, string Label)>();
        if (caller!.Roles.HasFlag(CallerRoles.Coordinator))
            roles.Add(("coordinator", "coördinator"));
        if (caller.Roles.HasFlag(CallerRoles.Approver))
            roles.Add(("approver", "goedkeurder"));
        return Results.Json(new MeView(caller.Actor, caller.DisplayName, caller.Email, roles.Select(r => r.Name).ToList(), roles.Select(r => r.Label).ToList(),
            callers.Mode.ToString()), JsonDefaults.Options);
    }
}
