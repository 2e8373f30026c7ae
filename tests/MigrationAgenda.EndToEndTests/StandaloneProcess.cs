using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MigrationAgenda.Storage.Local;

namespace MigrationAgenda.EndToEndTests;

/// <summary>The built Standalone host as a child process: `dotnet MigrationAgenda.Standalone.dll &lt;args&gt;`.</summary>
public sealed class StandaloneProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private StandaloneProcess(Process process) => _process = process;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>src/Standalone's own output for the configuration these tests were built in.</summary>
    public static string Dll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), "src", "Standalone", "bin", configuration, "net10.0", "MigrationAgenda.Standalone.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/Standalone first: {dll} is missing.");
        }
    }

    public static StandaloneProcess Start(IEnumerable<string> args, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new StandaloneProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (host._stdout) host._stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (host._stderr) host._stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Starts `serve` on a free loopback port and waits (bounded) until /healthz answers 200.</summary>
    public static async Task<(StandaloneProcess Host, HttpClient Http)> ServeAsync(IDictionary<string, string> environment, int? port = null)
    {
        var url = $"http://127.0.0.1:{port ?? FreePort()}";
        var host = Start(["serve", "--urls", url], environment);
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (host.HasExited)
                throw new InvalidOperationException($"The host exited with {host.ExitCode}: {host.Stderr} {host.Stdout}");
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                    return (host, http);
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > until)
            {
                await host.DisposeAsync();
                throw new TimeoutException($"The host did not answer /healthz within 60 s: {host.Stdout} {host.Stderr}");
            }
            await Task.Delay(200);
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { return false; }
        _process.WaitForExit(); // drains the redirected output
        return true;
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await WaitForExitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>SIGTERM, as a service manager stops it; true when it exited by itself in time.</summary>
    public async Task<bool> TerminateAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await term!.WaitForExitAsync();
        return await WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited && !await TerminateAsync(TimeSpan.FromSeconds(20)))
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
