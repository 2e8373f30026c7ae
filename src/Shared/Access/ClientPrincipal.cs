using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MigrationAgenda.Access;

/// <summary>
/// The signed-in user as App Service Authentication passes it in X-MS-CLIENT-PRINCIPAL: base64 of
/// <c>{"auth_typ":"aad","claims":[{"typ":"…","val":"…"}],"name_typ":"…","role_typ":"…"}</c>.
/// Only trusted in <see cref="AuthMode.AppService"/>, where the platform's front end sets it and strips any the
/// client sent.
/// </summary>
public sealed record ClientPrincipal
{
    [JsonPropertyName("auth_typ")] public string? AuthType { get; init; }
    [JsonPropertyName("claims")] public IReadOnlyList<PrincipalClaim> Claims { get; init; } = [];
    [JsonPropertyName("name_typ")] public string? NameType { get; init; }
    [JsonPropertyName("role_typ")] public string? RoleType { get; init; }

    public const string RoleClaimUri = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
    public const string ObjectIdClaimUri = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    private static readonly string[] AddressClaims =
    [
        "preferred_username", "upn", "email", "emails",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
    ];

    /// <summary>The header's value decoded, or null when it is not base64 of a principal.</summary>
    public static ClientPrincipal? Decode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        try
        {
            var text = header.Trim().Replace('-', '+').Replace('_', '/');
            text = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
            return JsonSerializer.Deserialize<ClientPrincipal>(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The values of claims of these types (case-insensitive type), in claim order, without blanks.</summary>
    public IEnumerable<string> Values(params string[] types) =>
        Claims.Where(c => c.Type is not null && types.Contains(c.Type, StringComparer.OrdinalIgnoreCase))
            .Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0);

    /// <summary>Every e-mail-like identity the principal carries (UPN, preferred user name, e-mail, the name claim), lower case.</summary>
    public IReadOnlyList<string> Addresses(string? nameHeader) =>
        Values(AddressClaims).Concat(NameType is { Length: > 0 } t ? Values(t) : []).Append(nameHeader ?? "")
            .Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Contains('@', StringComparison.Ordinal) && !v.Contains(' ', StringComparison.Ordinal))
            .Distinct().ToList();

    public string? ObjectId(string? idHeader) =>
        (Values(ObjectIdClaimUri, "oid").FirstOrDefault() ?? (string.IsNullOrWhiteSpace(idHeader) ? null : idHeader.Trim()))?.ToLowerInvariant();

    /// <summary>The display name ("name" in Entra tokens), else the name claim the principal names.</summary>
    public string? DisplayName() =>
        Values("name").FirstOrDefault() ?? (NameType is { Length: > 0 } t ? Values(t).FirstOrDefault() : null);

    /// <summary>The app roles (claims of the principal's role type, "roles" or "role").</summary>
    public IEnumerable<string> Roles() =>
        Values(new[] { RoleType ?? RoleClaimUri, RoleClaimUri, "roles", "role" }.Distinct().ToArray());
}

public sealed record PrincipalClaim
{
    [JsonPropertyName("typ")] public string? Type { get; init; }
    [JsonPropertyName("val")] public string? Value { get; init; }
}
