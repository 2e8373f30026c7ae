using System.Net;
using Azure.Data.Tables;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.EndToEndTests;

/// <summary>
/// A round of months on the built Standalone host, which runs the Durable Task Framework's Azure Storage backend.
/// Shifted in time, not waited for: the deadline is 40 days and a few seconds away, so the 40-day reminder fires at
/// once, while the escalation (41 days) and the cut-off (130 days) are far beyond the 7 days a storage queue message
/// can stay invisible. The SDK splits the wait into timers of its MaximumTimerInterval (3 days by default); the
/// task hub's history table shows that, and the round keeps running.
/// </summary>
[Collection("Azurite")]
public sealed class LongRoundTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_40_day_reminder_fires_and_the_90_day_cut_off_waits_on_3_day_timers_in_Azure_Storage()
    {
        var hub = Support.NewHub("long");
        var (host, http) = await StandaloneProcess.ServeAsync(Support.Environment(azurite, hub));
        await using var _ = host;
        using var __ = http;
        var id = Support.NewId("long");
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromDays(40) + TimeSpan.FromSeconds(8);
        // Exact elapsed days: the long timers are the point here, not the working-day calendar the IMA definition counts by.
        var schedule = new ScheduleSpec
        {
            WorkingDays = false, Reminders = ["P40D"], Escalations = ["P1D"], CutOff = "P90D", ApprovalTimeout = "P3D", ApprovalReminders = 0, ReopenPeriod = "P5D",
        };

        var started = await http.PostJsonAsync("/api/rounds", SampleRounds.Spec(id, deadline, schedule));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        var status = await http.WaitForAsync(id, s => s.GetProperty("remindersSent").GetInt32() == 1, "the 40-day reminder sent");
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(RoundPhase.Collecting, status.GetProperty("phase").GetString());
        Assert.Equal(deadline + TimeSpan.FromDays(90), status.GetProperty("cutOffAt").GetDateTimeOffset());
        var reminders = (await new OutboxReader(azurite.NewStorage()).ListAsync(id)).Where(m => m.Mail.Kind == MailKind.Reminder).ToList();
        Assert.Equal(["BHOS", "BZK"], reminders.Select(m => m.Mail.Ministry).Order());

        // The history in storage: the reminder's timer at its instant, fired; then a 3-day step towards the
        // escalation, created and pending, and no failure.
        var history = new TableClient(azurite.ConnectionString, hub + "History");
        var timers = await Eventually.WaitAsync(
            () => Task.FromResult(history.Query<TableEntity>(e => e.PartitionKey == id).ToList()),
            h => h.Count(e => e.GetString("EventType") == "TimerCreated") >= 2, Support.Patience, "the timer after the reminder");
        Assert.DoesNotContain(timers, e => e.GetString("EventType") is "ExecutionFailed" or "ExecutionTerminated");
        var created = timers.Where(e => e.GetString("EventType") == "TimerCreated").OrderBy(e => e.RowKey, StringComparer.Ordinal).ToList();
        var fired = timers.Where(e => e.GetString("EventType") == "TimerFired").ToList();
        Assert.Equal((deadline - TimeSpan.FromDays(40)).UtcDateTime, created[0].GetDateTime("FireAt")!.Value);
        Assert.Single(fired);
        var step = created[1].GetDateTime("FireAt")!.Value;
        var ahead = step - DateTime.UtcNow;
        Assert.InRange(ahead, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(2), TimeSpan.FromDays(3));
        Assert.True(step < (deadline + TimeSpan.FromDays(1)).UtcDateTime, "a step, not the 41-day escalation itself");

        // A contribution arrives while the step is pending, and the round ends on command: the long wait blocks nothing.
        var replyTo = await Support.ReplyAddressesAsync(azurite.NewStorage(), id, "BZK");
        await http.PostReplyAsync(replyTo["BZK"], "jan@bzk.example",
            "Pijler 6\n\nBZK levert ruim voor de deadline: de gemeenten hebben de inburgering van statushouders in 2026 "
            + "voortgezet, met extra aandacht voor taalonderwijs op de werkvloer en begeleiding naar betaald werk.");
        await http.WaitForAsync(id, s => Support.Received(s, "BZK", 6), "BZK received during the long wait");
        var cancel = await http.PostJsonAsync($"/api/rounds/{id}/cancel", new { });
        Assert.True(cancel.IsSuccessStatusCode, await cancel.Content.ReadAsStringAsync());
        status = await http.WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed", "cancelled");
        Assert.Equal(RoundPhase.Cancelled, status.GetProperty("phase").GetString());
    }
}
