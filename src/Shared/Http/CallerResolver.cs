using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MigrationAgenda.Access;

namespace MigrationAgenda.Http;

/// <summary>
/// Who is calling, read once per request by every endpoint (both hosts): in <see cref="AuthMode.AppService"/> the
/// principal App Service Authentication passes (X-MS-CLIENT-PRINCIPAL, with -NAME and -ID as fallbacks for the
/// name and object id), with roles from its app-role claims and the Auth:Coordinators / Auth:Approvers lists; no
/// principal is 401. In <see cref="AuthMode.Local"/> every caller is <see cref="Caller.Local"/> and the headers are
/// never read (anyone can send them to a service that has no front end stripping them).
/// </summary>
public sealed class CallerResolver(IOptions<AuthOptions> options)
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";
    public const string PrincipalIdHeader = "X-MS-CLIENT-PRINCIPAL-ID";

    public const string CoordinatorRole = "Coordinator";
    public const string ApproverRole = "Approver";

    public AuthMode Mode => options.Value.Mode ?? AuthMode.AppService;

    /// <summary>The caller, or the 401 to answer.</summary>
    public (Caller? Caller, IResult? Error) Resolve(HttpRequest request)
    {
        if (Mode == AuthMode.Local)
            return (Caller.Local, null);

        var header = request.Headers[PrincipalHeader].ToString();
        if (string.IsNullOrWhiteSpace(header))
            return (null, Problems.Unauthorized("U bent niet aangemeld. Open de pagina opnieuw om u aan te melden met uw werkaccount (Microsoft Entra ID)."));
        var principal = ClientPrincipal.Decode(header);
        if (principal is null)
            return (null, Problems.Unauthorized("Uw aanmelding is niet leesbaar. Meld u af en opnieuw aan."));

        var addresses = principal.Addresses(request.Headers[PrincipalNameHeader].ToString());
        var objectId = principal.ObjectId(request.Headers[PrincipalIdHeader].ToString());
        var actor = addresses.FirstOrDefault() ?? (objectId is null ? null : Caller.ObjectIdPrefix + objectId);
        if (actor is null)
            return (null, Problems.Unauthorized("Uw aanmelding noemt geen gebruiker (geen e-mailadres of object-id). Meld u aan met een persoonlijk werkaccount."));

        var roles = options.Value.RolesOf(objectId is null ? addresses : addresses.Append(objectId));
        foreach (var role in principal.Roles())
        {
            if (string.Equals(role, CoordinatorRole, StringComparison.OrdinalIgnoreCase))
                roles |= CallerRoles.Coordinator;
            else if (string.Equals(role, ApproverRole, StringComparison.OrdinalIgnoreCase))
                roles |= CallerRoles.Approver;
        }
        return (new Caller
        {
            Actor = actor, DisplayName = principal.DisplayName() ?? addresses.FirstOrDefault(), Email = addresses.FirstOrDefault(),
            Addresses = addresses, ObjectId = objectId, Roles = roles, Kind = CallerKind.SignedIn,
        }, null);
    }

    /// <summary>The caller when it may coordinate (<paramref name="what"/>: "een ronde starten"), else the 401 or 403 to answer.</summary>
    public (Caller? Caller, IResult? Error) Coordinator(HttpRequest request, string what)
    {
        var (caller, error) = Resolve(request);
        if (error is not null)
            return (null, error);
        return AccessPolicy.Coordinate(caller!, what) is { } refusal ? (null, Problems.Forbidden(refusal)) : (caller, null);
    }
}
