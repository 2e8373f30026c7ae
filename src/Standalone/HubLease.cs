using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Standalone;

/// <summary>
/// One <c>serve</c> per task hub: a blob lease on <c>task-hub-locks/{hub}</c>, taken at start, renewed every third of
/// its duration and given back on a graceful stop. A second <c>serve</c> on the same hub refuses to start with one
/// line. A holder that is gone is waited out for one lease period; one that was a process on this machine that no
/// longer runs (kill -9, a crash) is known to be gone at once, so a restart does not wait.
/// </summary>
public sealed class HubLease : IAsyncDisposable
{
    public const string Container = "task-hub-locks";
    public const string DurationSetting = "DurableTask:LeaseDuration";
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);

    private readonly BlobLeaseClient _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewal;
    private readonly ILogger _log;

    private HubLease(BlobLeaseClient lease, TimeSpan duration, string hub, ILogger log)
    {
        _lease = lease;
        _log = log;
        _renewal = RenewAsync(duration / 3, hub);
    }

    /// <summary>Cancelled when another process took the hub over (after this one could not renew for a whole lease period).</summary>
    public CancellationToken Lost => _lost.Token;

    public static async Task<HubLease> AcquireAsync(StorageClients storage, IConfiguration configuration, string hub, ILogger log, CancellationToken cancellationToken)
    {
        var duration = Duration(configuration);
        var container = storage.Container(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient(hub.ToLowerInvariant());
        try
        {
            await blob.UploadAsync(BinaryData.FromString(""), overwrite: false, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // There already, perhaps leased: the lease decides.
        }

        var lease = blob.GetBlobLeaseClient();
        var me = Holder.ThisProcess();
        var giveUpAt = DateTimeOffset.UtcNow + duration + TimeSpan.FromSeconds(5);
        while (true)
        {
            try
            {
                await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
                break;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                var holder = Holder.From((await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata);
                if (holder?.IsDeadProcessHere == true)
                {
                    log.LogWarning("Task hub {Hub} was held by process {Pid} on this machine, which is gone; taking it over", hub, holder.Pid);
                    await lease.BreakAsync(TimeSpan.Zero, cancellationToken: cancellationToken);
                    continue;
                }
                if (holder?.IsLiveProcessHere == true || DateTimeOffset.UtcNow > giveUpAt)
                    throw new StartupException($"DurableTask:HubName: task hub '{hub}' is already served by {holder?.Describe() ?? "another process"}; "
                        + $"one `serve` per task hub: stop that one, or start this one {duration.TotalSeconds:0} s after it is gone.");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
        await blob.SetMetadataAsync(me.ToMetadata(), new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken);
        return new HubLease(lease, duration, hub, log);
    }

    private static TimeSpan Duration(IConfiguration configuration)
    {
        var value = configuration[DurationSetting];
        if (string.IsNullOrWhiteSpace(value))
            return DefaultDuration;
        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var d) && d >= TimeSpan.FromSeconds(15) && d <= TimeSpan.FromSeconds(60)
            ? d
            : throw new StartupException($"{DurationSetting}: '{value}' is not a duration between 00:00:15 and 00:01:00 (a blob lease's range).");
    }

    private async Task RenewAsync(TimeSpan every, string hub)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, _stop.Token);
                await _lease.RenewAsync(cancellationToken: _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Storage was away longer than the lease and another process took the hub: this one must stop.
                _log.LogCritical("Task hub {Hub} was taken over by another process ({Error}); stopping", hub, e.ErrorCode);
                await _lost.CancelAsync();
                return;
            }
            catch (Exception e)
            {
                // Storage away: an expired lease nobody else took is renewed once it is back.
                _log.LogWarning("Renewing the lease on task hub {Hub} failed ({Error}); trying again", hub, e.GetType().Name);
            }
        }
    }

    /// <summary>Gives the hub back, so the next <c>serve</c> starts at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        try
        {
            await _lease.ReleaseAsync();
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or OperationCanceledException)
        {
            _log.LogWarning("Releasing the task hub lease failed ({Error}); the next start waits for it to expire", e.GetType().Name);
        }
        _stop.Dispose();
        _lost.Dispose();
    }

    /// <summary>Who holds the lease, as its blob's metadata says: machine, process id and the process's start time.</summary>
    private sealed record Holder(string Machine, int Pid, long Started)
    {
        public static Holder ThisProcess()
        {
            using var process = Process.GetCurrentProcess();
            return new Holder(Environment.MachineName, process.Id, StartTicks(process));
        }

        public static Holder? From(IDictionary<string, string> metadata) =>
            metadata.TryGetValue("machine", out var machine) && metadata.TryGetValue("pid", out var pid) && metadata.TryGetValue("started", out var started)
            && int.TryParse(pid, CultureInfo.InvariantCulture, out var p) && long.TryParse(started, CultureInfo.InvariantCulture, out var s)
                ? new Holder(machine, p, s)
                : null;

        public Dictionary<string, string> ToMetadata() => new()
        {
            ["machine"] = Machine,
            ["pid"] = Pid.ToString(CultureInfo.InvariantCulture),
            ["started"] = Started.ToString(CultureInfo.InvariantCulture),
        };

        public bool IsLiveProcessHere => Machine == Environment.MachineName && Running();
        public bool IsDeadProcessHere => Machine == Environment.MachineName && !Running();

        public string Describe() => $"process {Pid} on {Machine}";

        // The process id alone could have been given to another process since: its start time tells them apart.
        private bool Running()
        {
            try
            {
                using var process = Process.GetProcessById(Pid);
                return StartTicks(process) == Started;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                return false;
            }
        }

        private static long StartTicks(Process process) => process.StartTime.ToUniversalTime().Ticks / TimeSpan.TicksPerSecond;
    }
}
