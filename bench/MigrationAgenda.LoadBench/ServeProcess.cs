using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using MigrationAgenda.Storage.Local;

namespace MigrationAgenda.LoadBench;

/// <summary>
/// The built Standalone host as a child process (`dotnet MigrationAgenda.Standalone.dll serve`), as the end-to-end
/// tests start it: its console log goes to a file and, line by line, to <see cref="LineReceived"/>.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _gate = new();
    private bool _disposed;

    private ServeProcess(Process process, StreamWriter log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public event Action<string>? LineReceived;

    /// <summary>src/Standalone's output in the configuration this bench was built in (Release for figures).</summary>
    public static string DefaultDll()
    {
        var configuration = typeof(ServeProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), "src", "Standalone", "bin", configuration, "net10.0", "MigrationAgenda.Standalone.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/Standalone first: {dll} is missing.");
    }

    /// <summary>Starts `serve` on a free loopback port and waits (at most a minute) until /healthz answers 200.</summary>
    public static async Task<ServeProcess> StartAsync(string dll, IDictionary<string, string> environment, string logPath, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in new[] { "serve", "--urls", $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        start.Environment["DOTNET_NOLOGO"] = "1";

        var log = new StreamWriter(logPath) { AutoFlush = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var serve = new ServeProcess(process, log, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => serve.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => serve.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = serve.Address, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            if (process.HasExited)
            {
                await serve.DisposeAsync();
                throw new InvalidOperationException($"serve exited with {process.ExitCode} before /healthz answered; see {logPath}.");
            }
            try
            {
                if ((await http.GetAsync("/healthz", cancellationToken)).StatusCode == HttpStatusCode.OK)
                    return serve;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
            }
            if (DateTime.UtcNow > until)
            {
                await serve.DisposeAsync();
                throw new TimeoutException($"serve did not answer /healthz within a minute; see {logPath}.");
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_gate)
            _log.WriteLine(line);
        LineReceived?.Invoke(line);
    }

    /// <summary>SIGTERM (serve stops gracefully), then kill after 20 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await term!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.WaitForExit(); // drains the redirected output
        lock (_gate)
            _log.Dispose();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
