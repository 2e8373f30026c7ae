using System.Security.Cryptography;
using MigrationAgenda.Mail;

namespace MigrationAgenda.Standalone;

/// <summary>
/// The reply-token key (Tokens:SigningKey): required with configured storage. A local run without one keeps a
/// generated key in the local data folder, so reply addresses stay valid across restarts; a demo gets a fresh one.
/// </summary>
public static class LocalSigningKey
{
    /// <summary>Fills in the key when a local run has none, then checks it; a missing or short key stops the host.</summary>
    public static void Ensure(IConfiguration configuration, bool demo, string? localFolder, ILogger log)
    {
        if (string.IsNullOrWhiteSpace(configuration[TokenOptions.SigningKeySetting]))
        {
            if (demo)
                configuration[TokenOptions.SigningKeySetting] = NewKey();
            else if (localFolder is not null)
            {
                configuration[TokenOptions.SigningKeySetting] = Load(localFolder, out var path, out var created);
                log.LogWarning("Tokens:SigningKey is not set: using the local key in {Path} ({How}) so reply addresses stay valid across restarts; set Tokens:SigningKey for real use",
                    path, created ? "generated now" : "kept from an earlier run");
            }
        }
        try
        {
            (configuration.GetSection(TokenOptions.Section).Get<TokenOptions>() ?? new TokenOptions()).KeyBytes();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException(e.Message, e);
        }
    }

    /// <summary>The key in &lt;folder&gt;/signing-key, generated on first use; <paramref name="created"/> says which.</summary>
    public static string Load(string folder, out string path, out bool created)
    {
        Directory.CreateDirectory(folder);
        path = Path.Combine(folder, "signing-key");
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 44 } existing)
        {
            created = false;
            return existing;
        }
        var key = NewKey();
        File.WriteAllText(path, key + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        created = true;
        return key;
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}
