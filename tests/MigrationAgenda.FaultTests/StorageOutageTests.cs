using System.Diagnostics;
using System.Net;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.FaultTests;

/// <summary>The storage account goes away for 20 seconds (Azurite stopped, then started on the same files and ports).</summary>
public sealed class StorageOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Storage_stopped_for_20_s_during_the_round_start_sends_no_mail_twice_and_the_round_goes_on()
    {
        await using var rig = await FaultRig.StartAsync();
        await rig.StartHostAsync();
        var id = Rounds.NewId("storestart");
        // SendGrid takes three requests and holds the others unanswered, so storage goes away with sends in flight
        // however fast the host is; SendGrid then answers them while storage is still away.
        rig.SendGrid.HoldAfter(3);
        Assert.Equal(HttpStatusCode.Accepted, (await rig.PostJsonAsync("/api/rounds", Rounds.Spec(id))).StatusCode);
        await Eventually.WaitAsync(() => Task.FromResult((rig.Deliveries(id).Count, rig.SendGrid.Held)), n => n.Count >= 3 && n.Held > 0,
            FaultRig.Patience, "the fan-out under way");

        await rig.StopStorageAsync();
        var sentWhileStopping = rig.Deliveries(id).Count;
        rig.SendGrid.Release();
        await Task.Delay(Outage);
        await rig.StartStorageAsync();
        var back = Stopwatch.StartNew();

        var status = await rig.WaitForAsync(id, s => rig.Deliveries(id).Count == 20 && s.GetProperty("phase").GetString() == "Collecting",
            "all twenty requests after the outage", TimeSpan.FromMinutes(2));
        Assert.True(sentWhileStopping < 20, "storage went away during the fan-out");
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
        rig.AssertNothingSentTwice(id);
        Assert.Equal(20, (await rig.LedgerAsync(id)).Count(e => e.State == MailStates.Sent));
        Assert.DoesNotContain("RoundFailed", rig.Logs);
        Console.WriteLine($"storage outage at start: {sentWhileStopping} requests out before it; all 20 out {back.Elapsed.TotalSeconds:0.0} s after storage came back");
    }

    [Fact]
    public async Task Storage_stopped_for_20_s_during_a_reply_storm_stores_every_reply_once_and_counts_it()
    {
        await using var rig = await FaultRig.StartAsync();
        await rig.StartHostAsync();
        var id = Rounds.NewId("storestorm");
        var replyTo = await rig.StartTwentyAsync(id);

        // Twenty replies, started 300 ms apart and each posted by "SendGrid" until it is accepted; storage goes away in
        // the middle, while the later ones are still arriving.
        var storm = rig.Storm(replyTo, TimeSpan.FromMilliseconds(300));
        await storm.WaitForAcceptedAsync(4);
        await rig.StopStorageAsync();
        var acceptedBefore = storm.Accepted;
        await Task.Delay(Outage);
        await rig.StartStorageAsync();
        var back = Stopwatch.StartNew();

        var attempts = await storm.Done;
        var status = await rig.WaitForAsync(id, FaultRig.AllReceived, "every reply counted", TimeSpan.FromMinutes(2));

        Assert.True(acceptedBefore < 20, "storage went away during the replies");
        Assert.Contains(attempts, a => a > 1);
        var versions = await rig.VersionsAsync(id);
        Assert.Equal(20, versions.Count);
        Assert.All(versions, v => Assert.Equal(1, v.GetInt32("Version")));
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
        rig.AssertNothingSentTwice(id);
        Assert.DoesNotContain("RoundFailed", rig.Logs);
        Console.WriteLine($"storage outage in a reply storm: {acceptedBefore} accepted before it; all 20 counted {back.Elapsed.TotalSeconds:0.0} s after storage came back");
    }
}
