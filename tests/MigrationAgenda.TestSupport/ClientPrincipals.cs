using System.Text;
using System.Text.Json;
using MigrationAgenda.Http;

namespace MigrationAgenda.TestSupport;

/// <summary>
/// X-MS-CLIENT-PRINCIPAL as App Service Authentication (Microsoft Entra ID) sends it: base64 JSON with auth_typ,
/// claims (typ/val), name_typ and role_typ, the claim types as Entra v2 ID tokens carry them.
/// </summary>
public static class ClientPrincipals
{
    public const string NameType = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
    public const string RoleType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    public static string Encode(string upn, string displayName, string? objectId = null, params string[] roles)
    {
        var claims = new List<object>
        {
            new { typ = "aud", val = "00000000-0000-0000-0000-000000000001" },
            new { typ = "iss", val = "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/v2.0" },
            new { typ = "name", val = displayName },
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = objectId ?? Guid.NewGuid().ToString() },
            new { typ = "preferred_username", val = upn },
            new { typ = "http://schemas.microsoft.com/identity/claims/tenantid", val = "00000000-0000-0000-0000-0000000000aa" },
            new { typ = "ver", val = "2.0" },
        };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", claims, name_typ = NameType, role_typ = RoleType });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>The headers App Service would add for this user (principal, name, id).</summary>
    public static void Add(HttpRequestMessage request, string upn, string displayName, string? objectId = null, params string[] roles)
    {
        objectId ??= Guid.NewGuid().ToString();
        request.Headers.Add(CallerResolver.PrincipalHeader, Encode(upn, displayName, objectId, roles));
        request.Headers.Add(CallerResolver.PrincipalNameHeader, upn);
        request.Headers.Add(CallerResolver.PrincipalIdHeader, objectId);
    }
}
