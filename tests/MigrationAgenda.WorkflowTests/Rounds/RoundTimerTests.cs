using Microsoft.DurableTask.Client;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>
/// A cancelled durable timer stays in the engine's queue until it is due, so a round keeps one pending timer per due
/// time: contributions and commands that leave the due time as it was add none. Counted from the engine's history.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RoundTimerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private WorkflowHost _host = null!;
    private RoundWorkflow _round = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkflowHost.StartAsync(azurite);
        _round = new RoundWorkflow(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    // Five ministries of the IMA definition and every pillar each writes: eleven in all.
    private static readonly (string Ministry, int Pillar)[] Owed =
        [("JenV", 1), ("JenV", 3), ("JenV", 4), ("JenV", 5), ("BZ", 1), ("BZ", 4), ("BHOS", 1), ("BHOS", 2), ("SZW", 5), ("SZW", 6), ("BZK", 6)];

    [Fact]
    public async Task A_round_of_five_ministries_twenty_contributions_and_five_commands_creates_one_timer_per_due_time()
    {
        var id = $"timers-{Guid.NewGuid():N}"[..24];
        var start = DateTimeOffset.UtcNow;
        var deadline = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, TimeSpan.Zero).AddSeconds(8);
        var schedule = new ScheduleSpec
        {
            Reminders = ["PT4S"], Escalations = ["PT1H"], CutOff = "PT2H", ApprovalTimeout = "PT1H", ApprovalReminders = 1, ReopenPeriod = "PT1H",
        };
        await _round.StartAsync(SampleRounds.Spec(id, deadline, schedule,
            SampleRounds.Ministry("JenV"), SampleRounds.Ministry("BZ"), SampleRounds.Ministry("BHOS"), SampleRounds.Ministry("SZW"), SampleRounds.Ministry("BZK")));
        await _round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 5, "five requests");

        // Twenty contributions: every owed pillar once, nine of them twice, the last one completing the round.
        var contributions = Owed.Take(10).Concat(Owed.Take(9)).Append(Owed[10]).Select((o, i) => (o.Ministry, o.Pillar, Text: $"Tekst {i + 1} van {o.Ministry}.")).ToList();
        Assert.Equal(20, contributions.Count);
        foreach (var c in contributions.Take(6))
            await _round.SubmitAsync(id, c.Ministry, c.Pillar, c.Text);

        // Due time 1 (the reminder) fires; due time 2 is the escalation an hour after the deadline.
        await _round.WaitForMailAsync(id, m => m.Any(x => x.Kind == MailKind.Reminder), "the reminder");
        var extended = deadline.AddHours(1);
        // Due time 3: the reminder before the new deadline. The same extension again, and an approval while collecting, change nothing.
        await _round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Extend, Deadline = extended });
        await _round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Extend, Deadline = extended });
        await _round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Approve, By = "too-early@jenv.example" });
        foreach (var c in contributions.Skip(6))
            await _round.SubmitAsync(id, c.Ministry, c.Pillar, c.Text);

        // Due time 4: the approval reminder. A close during review changes nothing; the approval ends the round.
        await _round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);
        await _round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Close });
        await _round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Approve, By = SampleRounds.Approver.Email });
        var done = await _round.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(RoundPhase.Approved, done.ReadOutputAs<RoundOutcome>()!.Phase);
        Assert.Equal(1, done.ReadOutputAs<RoundOutcome>()!.Draft);
        Assert.Empty(done.ReadOutputAs<RoundOutcome>()!.MissingAtApproval);

        var timers = _host.Engine.TimersCreated(id);
        Assert.Equal(timers.Distinct().Count(), timers.Count);
        Assert.Equal(4, timers.Count);
        Assert.Equal([deadline.AddSeconds(-4).UtcDateTime, deadline.AddHours(1).UtcDateTime, extended.AddSeconds(-4).UtcDateTime], timers.Take(3));
        Assert.InRange(timers[3], extended.UtcDateTime, DateTime.UtcNow.AddHours(1));
    }
}
