using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace MigrationAgenda.FaultTests;

/// <summary>SendGrid answers 503 for a minute while a round starts: the round waits it out and says so, and then mails.</summary>
public sealed class SendGridOutageTests
{
    [Fact]
    public async Task SendGrid_answering_503_for_a_minute_delays_the_requests_shows_mail_vertraagd_fails_nothing_and_sends_each_once_after()
    {
        await using var rig = await FaultRig.StartAsync();
        await rig.StartHostAsync();
        var id = Rounds.NewId("sg503");
        rig.SendGrid.FailFor(TimeSpan.FromMinutes(1));
        var outage = Stopwatch.StartNew();

        var started = await rig.PostJsonAsync("/api/rounds", Rounds.Spec(id, ministries: 5));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        // While SendGrid is down the round waits, running, and its status says since when mail is delayed.
        var delayed = await rig.WaitForAsync(id, s => s.GetProperty("mailDelayedSince").ValueKind == JsonValueKind.String, "mail vertraagd");
        var since = delayed.GetProperty("mailDelayedSince").GetDateTimeOffset();
        while (outage.Elapsed < TimeSpan.FromSeconds(50))
        {
            var status = await rig.StatusAsync(id);
            Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
            Assert.Equal(since, status.GetProperty("mailDelayedSince").GetDateTimeOffset());
            Assert.Empty(rig.Deliveries(id));
            await Task.Delay(TimeSpan.FromSeconds(5));
        }

        // After the outage every request goes out, once; the delay is gone from the status; nothing failed.
        var after = await rig.WaitForAsync(id, s => s.GetProperty("mailDelayedSince").ValueKind == JsonValueKind.Null && rig.Deliveries(id).Count == 5,
            "the five requests after the outage");
        Assert.True(outage.Elapsed >= TimeSpan.FromMinutes(1), $"mail went out during the outage ({outage.Elapsed})");
        Assert.Equal("Running", after.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Collecting", after.GetProperty("phase").GetString());
        rig.AssertNothingSentTwice(id);
        Assert.Equal(5, rig.Deliveries(id).Keys.Count(k => k.StartsWith("request|", StringComparison.Ordinal)));
        Assert.True(rig.SendGrid.Received.Count(r => r.Round == id && r.AnsweredStatus == 503) >= 10, "SendGrid was asked again and again");
        Assert.DoesNotContain("RoundFailed", rig.Logs);
        Assert.All(await rig.LedgerAsync(id), e => Assert.Equal(("sent", 1), (e.State, e.Claims)));
    }
}
