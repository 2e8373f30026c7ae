using System.Runtime.InteropServices;

namespace MigrationAgenda.LoadBench;

/// <summary>The machine the figures are from, as bench/README.md records it.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = Read("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memKb = Read("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var ram = double.TryParse(memKb, System.Globalization.CultureInfo.InvariantCulture, out var kb) ? $"{kb / 1024 / 1024:0.0} GiB RAM" : "RAM ?";
        var os = Read("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
        return $"nproc {Environment.ProcessorCount}, CPU \"{cpu}\", {ram}, {os}, {RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}";
    }

    /// <summary>The 1, 5 and 15 minute load averages, as `uptime` prints them.</summary>
    public static string LoadAverage() => string.Join(" ", (Read("/proc/loadavg").FirstOrDefault() ?? "? ? ?").Split(' ').Take(3));

    private static IEnumerable<string> Read(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
