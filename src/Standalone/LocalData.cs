using System.Security.Cryptography;
using MigrationAgenda.Storage.Local;

namespace MigrationAgenda.Standalone;

/// <summary>
/// The local data folder (Local:DataFolder, default &lt;repo&gt;/.azurite, git-ignored): Azurite's files and, when
/// Tokens:SigningKey is not configured, a generated signing key kept so reply addresses survive a restart.
/// </summary>
public static class LocalData
{
    public const string FolderSetting = "Local:DataFolder";

    public static string Folder(IConfiguration configuration) =>
        configuration[FolderSetting] is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), ".azurite");

    /// <summary>The key in &lt;folder&gt;/signing-key, generated on first use; <paramref name="created"/> says which.</summary>
    public static string SigningKey(string folder, out string path, out bool created)
    {
        Directory.CreateDirectory(folder);
        path = Path.Combine(folder, "signing-key");
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 44 } existing)
        {
            created = false;
            return existing;
        }
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        File.WriteAllText(path, key + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        created = true;
        return key;
    }
}
