using Microsoft.Extensions.Configuration;

namespace MigrationAgenda.Access;

/// <summary>
/// The "Auth" settings: <c>Auth:Mode</c> (<see cref="AuthMode"/>; the host's default when unset: AppService for the
/// Functions app, Local for Standalone), and <c>Auth:Coordinators</c> / <c>Auth:Approvers</c>, each a list of
/// e-mail addresses / user principal names or Entra object ids (as a JSON array, <c>Auth__Coordinators__0</c>, … or
/// one value separated by commas or semicolons). Entra app roles (Coordinator, Approver) give the same roles.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Null: the host's default (<see cref="AuthServiceCollectionExtensions.AddLocalAuthByDefault"/>), else AppService.</summary>
    public AuthMode? Mode { get; set; }
    public IReadOnlyList<string> Coordinators { get; set; } = [];
    public IReadOnlyList<string> Approvers { get; set; } = [];

    /// <exception cref="AuthConfigurationException">Auth:Mode is not one of the modes.</exception>
    public static AuthOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        AuthMode? mode = null;
        if (section["Mode"] is { Length: > 0 } text)
        {
            // By name only: Enum.TryParse would also take "1" or "AppService,Local".
            mode = Enum.GetValues<AuthMode>().Cast<AuthMode?>().FirstOrDefault(m => string.Equals(m.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
                   ?? throw new AuthConfigurationException($"Auth:Mode: '{text}' is not a mode; use AppService (App Service Authentication signs callers in) or Local (no sign-in).");
        }
        return new AuthOptions { Mode = mode, Coordinators = List(section.GetSection("Coordinators")), Approvers = List(section.GetSection("Approvers")) };
    }

    private static IReadOnlyList<string> List(IConfigurationSection section)
    {
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value).OfType<string>();
        return values.SelectMany(v => v.Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Select(v => v.Trim().ToLowerInvariant()).Distinct().ToList();
    }

    /// <summary>The roles the lists give an identity (any of its addresses or its object id).</summary>
    public CallerRoles RolesOf(IEnumerable<string> identities)
    {
        var roles = CallerRoles.None;
        foreach (var id in identities)
        {
            if (Coordinators.Contains(id, StringComparer.OrdinalIgnoreCase))
                roles |= CallerRoles.Coordinator;
            if (Approvers.Contains(id, StringComparer.OrdinalIgnoreCase))
                roles |= CallerRoles.Approver;
        }
        return roles;
    }
}

/// <summary>A bad "Auth" setting: the host stops at start with this one line.</summary>
public sealed class AuthConfigurationException(string message) : Exception(message);
