using MigrationAgenda.Storage.Local;

namespace MigrationAgenda.Standalone;

/// <summary>
/// The local data folder (Local:DataFolder, default &lt;repo&gt;/.azurite, git-ignored): Azurite's files and, when
/// Tokens:SigningKey is not configured, the <see cref="LocalSigningKey"/>.
/// </summary>
public static class LocalData
{
    public const string FolderSetting = "Local:DataFolder";

    public static string Folder(IConfiguration configuration) =>
        configuration[FolderSetting] is { Length: > 0 } folder
            ? Path.GetFullPath(folder)
            : Path.Combine(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), ".azurite");
}
