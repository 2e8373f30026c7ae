using System.Diagnostics;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>Runs a command-line tool (LibreOffice, poppler) with a timeout and returns its output.</summary>
internal static class ExternalTool
{
    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>
    /// The tool's path; a missing tool fails the test with the package to install. It never skips:
    /// .ci/run installs these tools, so a missing one is a broken environment, not an optional check.
    /// </summary>
    public static string Require(string name, string package) =>
        Find(name) ?? throw new InvalidOperationException(
            $"'{name}' is not installed, so the letter's render check cannot run. Install it with: " +
            $"apt-get install -y --no-install-recommends {package}" +
            (Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ? " (CI is set: .ci/run must install it)." : "."));

    public static string Run(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // LibreOffice writes its profile under HOME; keep it inside the test's own directory.
        start.Environment["HOME"] = workingDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {stderr.Result} {stdout.Result}");
        return stdout.Result;
    }
}
