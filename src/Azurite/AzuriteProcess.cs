using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MigrationAgenda.Storage.Local;

/// <summary>
/// Azurite from the repo's pinned npm package, on free loopback ports. Used by the Standalone host when no
/// storage is configured and by the test fixtures. Installs the package with `npm ci` when it is missing.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    // The well-known development account key: public, documented, and only ever valid against Azurite.
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{DevAccount};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{DevAccount};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{DevAccount};";

    /// <summary>
    /// Starts Azurite. <paramref name="dataFolder"/> null keeps everything in memory. <paramref name="ports"/> restarts
    /// it where it was (blob, queue, table), so clients made for the earlier process reach the new one.
    /// <paramref name="accessLog"/> receives Azurite's access log, a line per storage request (a benchmark counts them);
    /// without it Azurite runs silent.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(string repoRoot, string? dataFolder, CancellationToken cancellationToken = default,
        (int Blob, int Queue, int Table)? ports = null, Action<string>? accessLog = null)
    {
        var script = await EnsureInstalledAsync(repoRoot, cancellationToken);
        var (blob, queue, table) = ports ?? (FreePort(), FreePort(), FreePort());

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
                     // Blobs 12.30 sends a newer API version than Azurite 3.37 knows; telemetry off or it lingers after SIGTERM.
                     "--skipApiVersionCheck", "--disableTelemetry", "--loose",
                 })
            start.ArgumentList.Add(arg);
        if (accessLog is null)
            start.ArgumentList.Add("--silent");
        if (dataFolder is null)
            start.ArgumentList.Add("--inMemoryPersistence");
        else
        {
            Directory.CreateDirectory(dataFolder);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(dataFolder);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (accessLog is not null && e.Data is { } line && line.Contains(" HTTP/1.1\"", StringComparison.Ordinal))
                accessLog(line);
            else
                lock (output) output.AppendLine(e.Data);
        };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var azurite = new AzuriteProcess(process, blob, queue, table);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!(await IsListeningAsync(blob) && await IsListeningAsync(queue) && await IsListeningAsync(table)))
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                await azurite.DisposeAsync();
                string log;
                lock (output) log = output.ToString();
                throw new InvalidOperationException($"Azurite did not start on ports {blob}/{queue}/{table}: {log.Trim()}");
            }
            await Task.Delay(100, cancellationToken);
        }
        return azurite;
    }

    /// <summary>Stops Azurite gracefully (SIGTERM) so a persistent store is flushed; kills it if it hangs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process.HasExited)
        {
            _process.Dispose();
            return;
        }
        try
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
            await term!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception) when (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    private static async Task<string> EnsureInstalledAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var script = Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script))
            return script;

        // Several test assemblies may start at once: one installs, the others wait for it.
        var lockPath = Path.Combine(repoRoot, ".azurite-install.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var gate = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                if (!File.Exists(script))
                    await RunNpmCiAsync(repoRoot, cancellationToken);
                break;
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
        return File.Exists(script)
            ? script
            : throw new InvalidOperationException($"Azurite is not installed: {script} is missing after `npm ci` in {repoRoot}.");
    }

    private static async Task RunNpmCiAsync(string repoRoot, CancellationToken cancellationToken)
    {
        var npm = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm: is Node.js installed?");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`npm ci` failed in {repoRoot} (exit {process.ExitCode}): {(await stderr).Trim()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The repo root: the nearest folder above <paramref name="start"/> holding package.json and the solution.</summary>
    public static string FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "MigrationAgenda.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No MigrationAgenda repo root (package.json + MigrationAgenda.sln) above {start}.");
    }
}
