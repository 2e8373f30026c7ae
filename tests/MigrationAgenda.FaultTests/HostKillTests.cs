using System.Diagnostics;
using System.Net;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.FaultTests;

/// <summary>kill -9 of the Standalone host at the two busiest moments of a round, and a restart at once.</summary>
public sealed class HostKillTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Kill_9_during_20_concurrent_replies_counts_every_reply_within_a_minute_of_the_restart_and_sends_no_request_again()
    {
        await using var rig = await FaultRig.StartAsync();
        await rig.StartHostAsync();
        var id = Rounds.NewId("killreplies");
        var replyTo = await rig.StartTwentyAsync(id);

        // Twenty ministries answer within four seconds, several posts in flight at any moment; SendGrid posts each until it
        // is accepted, through the host's death. Started 200 ms apart, so the kill still finds replies arriving however
        // fast the webhook takes the first ones.
        var storm = rig.Storm(replyTo, TimeSpan.FromMilliseconds(200));
        await storm.WaitForAcceptedAsync(4);
        var acceptedBeforeKill = storm.Accepted;
        await rig.KillHostAsync();

        await rig.StartHostAsync();
        var sinceRestart = Stopwatch.StartNew();
        var attempts = await storm.Done;
        var status = await rig.WaitForAsync(id, FaultRig.AllReceived, "every reply counted", Minute);
        var counted = sinceRestart.Elapsed;

        Assert.True(acceptedBeforeKill < 20, "the kill came in the middle of the replies");
        Assert.Contains(attempts, a => a > 1);
        Assert.True(counted < Minute, $"counted {counted.TotalSeconds:0} s after the restart");
        // Each reply stored once (one version per ministry), no request sent again.
        var versions = await rig.VersionsAsync(id);
        Assert.Equal(20, versions.Count);
        Assert.All(versions, v => Assert.Equal(1, v.GetInt32("Version")));
        rig.AssertNothingSentTwice(id);
        Assert.Equal(20, rig.Deliveries(id).Keys.Count(k => k.StartsWith("request|", StringComparison.Ordinal)));
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
        Console.WriteLine($"kill during replies: {acceptedBeforeKill} accepted before the kill; all 20 counted {counted.TotalSeconds:0.0} s after the restart; "
            + $"reconciled: {CountOf(rig.Logs, "never delivered")} pass(es) raised stored events");
    }

    [Fact]
    public async Task Kill_9_during_the_request_fan_out_sends_each_request_once_and_counts_every_reply_within_a_minute()
    {
        await using var rig = await FaultRig.StartAsync();
        await rig.StartHostAsync();
        var id = Rounds.NewId("killfanout");
        // SendGrid takes five requests and then holds the others unanswered: the host dies with sends in flight.
        rig.SendGrid.HoldAfter(5);
        Assert.Equal(HttpStatusCode.Accepted, (await rig.PostJsonAsync("/api/rounds", Rounds.Spec(id))).StatusCode);
        await Eventually.WaitAsync(async () => (Accepted: rig.Deliveries(id).Count, rig.SendGrid.Held, Recorded: (await rig.LedgerAsync(id)).Count(e => e.State == MailStates.Sent)),
            s => s.Accepted == 5 && s.Held >= 1 && s.Recorded == 5, FaultRig.Patience, "five requests sent and recorded, more in flight");
        await rig.KillHostAsync();
        rig.SendGrid.Release();
        var inFlight = rig.SendGrid.Received.Count(r => r.Round == id && r.AnsweredStatus == FakeSendGridServer.ClientGone);

        await rig.StartHostAsync();
        var sinceRestart = Stopwatch.StartNew();
        await rig.WaitForAsync(id, _ => rig.Deliveries(id).Count == 20, "the other fifteen requests", TimeSpan.FromMinutes(2));
        var allSent = sinceRestart.Elapsed;

        Assert.True(inFlight >= 1, "sends were in flight when the host died");
        rig.AssertNothingSentTwice(id);
        var ledger = await rig.LedgerAsync(id);
        Assert.Equal(20, ledger.Count(e => e.State == MailStates.Sent));

        // And every reply to them is counted within a minute.
        var replied = Stopwatch.StartNew();
        await rig.Storm(rig.ReplyAddresses(id)).Done;
        await rig.WaitForAsync(id, FaultRig.AllReceived, "every reply counted", Minute);
        Assert.True(replied.Elapsed < Minute, $"counted {replied.Elapsed.TotalSeconds:0} s after the replies");
        rig.AssertNothingSentTwice(id);
        Assert.Equal(20, rig.Deliveries(id).Keys.Count(k => k.StartsWith("request|", StringComparison.Ordinal)));
        Console.WriteLine($"kill during fan-out: {inFlight} sends in flight; all 20 requests out {allSent.TotalSeconds:0.0} s after the restart");
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
