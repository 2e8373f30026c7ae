using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.FaultTests;

/// <summary>A round that fails on the Azure Storage backend is resumed by one command under the same instance id.</summary>
public sealed class ResumeTests
{
    [Fact]
    public async Task A_round_failed_on_a_poison_is_resumed_with_its_state_and_finishes_without_sending_anything_twice()
    {
        await using var rig = await FaultRig.StartAsync();
        await rig.StartHostAsync();
        var id = Rounds.NewId("resume");
        var schedule = new ScheduleSpec { Reminders = ["PT10S"], Escalations = ["PT5M"], CutOff = "PT10M", ApprovalTimeout = "PT10M", ApprovalReminders = 0, ReopenPeriod = "PT10M" };
        Assert.Equal(HttpStatusCode.Accepted, (await rig.PostJsonAsync("/api/rounds", Rounds.Spec(id, 2, DateTimeOffset.UtcNow.AddMinutes(5), schedule))).StatusCode);
        await rig.WaitForAsync(id, s => rig.Deliveries(id).Count == 2 && s.GetProperty("phase").GetString() == "Collecting", "two requests");
        var replyTo = rig.ReplyAddresses(id);
        await rig.DeliverLikeSendGridAsync(Rounds.Reply(replyTo, 1));
        await rig.WaitForAsync(id, s => FaultRig.ReceivedCount(s) == 1, "M01 counted");
        var extended = DateTimeOffset.UtcNow.AddSeconds(25);
        Assert.True((await rig.PostJsonAsync($"/api/rounds/{id}/extend", new { deadline = extended })).IsSuccessStatusCode);
        await rig.WaitForAsync(id, s => s.GetProperty("deadline").GetDateTimeOffset() == extended, "the deadline extended");
        var running = await rig.Http.PostAsync($"/api/rounds/{id}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);

        // The poison: the stored round disappears, so the reminder (15 s from now) cannot read its plan; the round fails.
        var rounds = rig.Storage.Table(StorageClients.RoundsTable);
        var record = (await rounds.GetEntityAsync<TableEntity>(id, id)).Value;
        await rounds.DeleteEntityAsync(id, id);
        var failed = await rig.WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Failed", "the round failed");
        Assert.Equal("Failed", failed.GetProperty("phase").GetString());
        Assert.Contains("Event RoundFailed", rig.Logs);
        var sentBefore = rig.Deliveries(id);

        // Fixed, and resumed with one command; a second resume is refused while it runs.
        await rounds.AddEntityAsync(record);
        var resumed = await rig.Http.PostAsync($"/api/rounds/{id}/resume", null);
        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
        var again = await rig.Http.PostAsync($"/api/rounds/{id}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);

        // Where it stood: the extended deadline, M01 in; the reminder that failed now goes to M02 only.
        var status = await rig.WaitForAsync(id, s => s.GetProperty("remindersSent").GetInt32() == 1, "the reminder after the resume");
        Assert.Equal(extended, status.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(1, FaultRig.ReceivedCount(status));
        await rig.DeliverLikeSendGridAsync(Rounds.Reply(replyTo, 2));
        await rig.WaitForAsync(id, s => s.GetProperty("phase").GetString() == "Reviewing", "in review");
        Assert.True((await rig.PostJsonAsync($"/api/rounds/{id}/approve", new { by = "dg@coord.example" })).IsSuccessStatusCode);
        var done = await rig.WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed", "approved");

        Assert.Equal("Approved", done.GetProperty("phase").GetString());
        rig.AssertNothingSentTwice(id);
        var deliveries = rig.Deliveries(id);
        Assert.Equal(sentBefore.Keys.Where(k => k.StartsWith("request|", StringComparison.Ordinal)).Order(),
            deliveries.Keys.Where(k => k.StartsWith("request|", StringComparison.Ordinal)).Order());
        Assert.Equal(["reminder|M02|v1|r1"], deliveries.Keys.Where(k => k.StartsWith("reminder|", StringComparison.Ordinal)));
        Assert.Equal(["draft|1"], deliveries.Keys.Where(k => k.StartsWith("draft|", StringComparison.Ordinal)));
        Assert.Equal(["final|1"], deliveries.Keys.Where(k => k.StartsWith("final|", StringComparison.Ordinal)));
        var labels = done.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("label").GetString()).ToList();
        Assert.Contains("ronde vastgelopen", labels);
        Assert.Contains("ronde hervat", labels);
        var versions = await rig.VersionsAsync(id);
        Assert.Equal(2, versions.Count);
    }
}
