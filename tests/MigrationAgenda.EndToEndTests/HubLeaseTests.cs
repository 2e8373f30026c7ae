using System.Diagnostics;
using System.Net;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.EndToEndTests;

/// <summary>One `serve` per task hub, enforced by a blob lease: built hosts as child processes on the fixture's Azurite.</summary>
[Collection("Azurite")]
public sealed class HubLeaseTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_second_serve_on_the_same_hub_refuses_with_one_line_and_after_kill_9_of_the_first_a_new_one_starts()
    {
        var hub = Support.NewHub("lease");
        var environment = Support.Environment(azurite, hub);
        var (first, http) = await StandaloneProcess.ServeAsync(environment);
        await using (first)
        {
            using var _ = http;
            await using var second = StandaloneProcess.Start(["serve", "--urls", $"http://127.0.0.1:{StandaloneProcess.FreePort()}"], environment);
            Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the second serve is still running: {second.Stdout}");
            Assert.Equal(1, second.ExitCode);
            var line = Assert.Single(second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith("error: DurableTask:HubName: task hub '" + hub + "' is already served by process ", line);
            Assert.DoesNotContain("   at ", second.Stdout + second.Stderr);
            // The first one is untouched.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

            await first.KillAsync();
        }

        // Its process is gone: the lease it held is known to be stale at once, a restart need not wait it out.
        var started = Stopwatch.StartNew();
        var (third, http3) = await StandaloneProcess.ServeAsync(environment);
        await using (third)
        {
            using var _ = http3;
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"restart took {started.Elapsed}");
            Assert.Contains("which is gone; taking it over", third.Stdout);
        }
    }

    [Fact]
    public async Task A_holder_on_another_machine_is_waited_out_for_one_lease_period_refused_while_it_renews_and_followed_once_it_stops()
    {
        var hub = Support.NewHub("leasex");
        var environment = Support.Environment(azurite, hub);
        environment["DurableTask__LeaseDuration"] = "00:00:15";
        var blob = new BlobContainerClient(azurite.ConnectionString, "task-hub-locks").GetBlobClient(hub.ToLowerInvariant());
        await blob.GetParentBlobContainerClient().CreateIfNotExistsAsync();
        await blob.UploadAsync(BinaryData.FromString(""), overwrite: true);
        var lease = blob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(15));
        await blob.SetMetadataAsync(new Dictionary<string, string> { ["machine"] = "another-host", ["pid"] = "4242", ["started"] = "1" },
            new BlobRequestConditions { LeaseId = lease.LeaseId });

        // The other machine's serve is alive (it renews): this one waits one lease period, then refuses.
        using var renewing = new CancellationTokenSource();
        var renewals = Task.Run(async () =>
        {
            while (!renewing.IsCancellationRequested)
            {
                await lease.RenewAsync();
                try { await Task.Delay(TimeSpan.FromSeconds(4), renewing.Token); } catch (OperationCanceledException) { }
            }
        });
        var waited = Stopwatch.StartNew();
        await using (var refused = StandaloneProcess.Start(["serve", "--urls", $"http://127.0.0.1:{StandaloneProcess.FreePort()}"], environment))
        {
            Assert.True(await refused.WaitForExitAsync(TimeSpan.FromSeconds(60)), "still running while the other machine holds the hub");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("already served by process 4242 on another-host", refused.Stderr);
            Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(45));
        }

        // It stops renewing (it died): the lease runs out and the next serve starts after at most one lease period.
        await renewing.CancelAsync();
        await renewals;
        var stopped = Stopwatch.StartNew();
        var (host, http) = await StandaloneProcess.ServeAsync(environment);
        await using (host)
        {
            using var _ = http;
            Assert.InRange(stopped.Elapsed, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(40));
            Assert.Equal(LeaseState.Leased, (await blob.GetPropertiesAsync()).Value.LeaseState);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        }
        // A graceful stop gives the hub back.
        Assert.Equal(LeaseState.Available, (await blob.GetPropertiesAsync()).Value.LeaseState);
    }
}
