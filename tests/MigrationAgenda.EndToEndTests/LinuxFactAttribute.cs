namespace MigrationAgenda.EndToEndTests;

/// <summary>A fact about the process as Linux shows it (/proc); reported as skipped, with the reason, elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
            Skip = "Reads /proc, which only Linux has.";
    }
}
