using Microsoft.DurableTask.Client;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>The real round orchestrator on the in-memory Durable Task engine, storage on Azurite, schedules in seconds.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RoundOrchestrationTests(AzuriteFixture azurite) : RoundWorkflowTests(azurite)
{
    [Fact]
    public async Task Every_ministry_on_time_then_approve_finalises_the_letter()
    {
        var id = NewId("ontime");
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5)));
        await Round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 2, "two requests");

        await Round.SubmitAsync(id, "BHOS", 2, "In december 2019 vond het eerste Global Refugee Forum plaats.");
        await Round.SubmitAsync(id, "BZK", 6, "De Landelijke Regietafel heeft een handreiking uitgewerkt.");
        var reviewing = await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);
        Assert.All(reviewing!.Ministries, m => Assert.Empty(m.Missing));

        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Approve, By = "dg@jenv.example" });
        var done = await Round.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var outcome = done.ReadOutputAs<RoundOutcome>()!;
        Assert.Equal(RoundPhase.Approved, outcome.Phase);
        Assert.Empty(outcome.MissingAtApproval);
        var letters = new LetterStore(Host.Storage);
        Assert.Contains(LetterStore.Final, await letters.ListVersionsAsync(id, CancellationToken.None));
        await using var final = (await letters.OpenAsync(id, LetterStore.Final, "md", CancellationToken.None))!.Content;
        Assert.Contains("Global Refugee Forum", await new StreamReader(final).ReadToEndAsync());

        var mails = await Round.MailsAsync(id);
        Assert.DoesNotContain(mails, m => m.Kind is MailKind.Reminder or MailKind.Escalation);
        Assert.Single(mails, m => m.Kind == MailKind.DraftForApproval && m.To.Single().Email == SampleRounds.Approver.Email);
        Assert.Single(mails, m => m.Kind == MailKind.Final);
        Assert.All(mails.Where(m => m.Kind == MailKind.Request), m => Assert.StartsWith("reply+", m.ReplyTo));
    }

    [Fact]
    public async Task A_late_ministry_is_reminded_then_escalated_level_by_level_until_it_answers()
    {
        var id = NewId("late");
        var schedule = new ScheduleSpec
        {
            Reminders = ["PT2S"], Escalations = ["PT1S", "PT3S"], CutOff = "PT30S", ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M",
        };
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddSeconds(4), schedule));
        await Round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 2, "two requests");
        await Round.SubmitAsync(id, "BZK", 6, "BZK levert op tijd.");

        var mails = await Round.WaitForMailAsync(id, m => m.Any(x => x.Kind == MailKind.Escalation && x.CustomArgs["level"] == "2"), "escalation level 2");
        await Round.SubmitAsync(id, "BHOS", 2, "BHOS levert na escalatie.");
        await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);

        var sent = mails.Select(m => m.Mail).ToList();
        var reminder = Assert.Single(sent, m => m.Kind == MailKind.Reminder);
        Assert.Equal("BHOS", reminder.Ministry);
        var escalations = sent.Where(m => m.Kind == MailKind.Escalation).ToList();
        Assert.Equal(2, escalations.Count);
        Assert.All(escalations, e => Assert.Equal("BHOS", e.Ministry));
        Assert.Equal("head@bhos.example", escalations[0].To.Single().Email);
        Assert.Equal("director@bhos.example", escalations[1].To.Single().Email);
        Assert.All(escalations, e => Assert.Contains(e.Cc, c => c.Email == SampleRounds.Coordinator.Email));
        // The reminder came before the deadline, the escalations after it, in level order.
        var times = mails.Where(m => m.Mail.Kind is MailKind.Reminder or MailKind.Escalation).Select(m => m.SentAt).ToList();
        Assert.Equal(times.Order(), times);

        var status = await Round.StatusAsync(id);
        Assert.All(status!.Ministries, m => Assert.Equal(0, m.EscalationLevel));
    }

    [Fact]
    public async Task At_cut_off_the_draft_is_assembled_with_the_missing_pillar_marked()
    {
        var id = NewId("cutoff");
        var schedule = new ScheduleSpec
        {
            Reminders = [], Escalations = [], CutOff = "PT1S", ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M",
        };
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddSeconds(2), schedule));
        await Round.SubmitAsync(id, "BZK", 6, "Alleen BZK levert.");
        var status = await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);

        Assert.Equal([2], status!.Ministries.Single(m => m.Ministry == "BHOS").Missing);
        var manifest = await new LetterStore(Host.Storage).ReadManifestAsync(id, LetterStore.DraftVersion(1), CancellationToken.None);
        var missing = Assert.Single(manifest!.Missing);
        Assert.Equal(("BHOS", 2), (missing.Ministry, missing.Pillar));
        var draftMail = Assert.Single(await Round.MailsAsync(id), m => m.Kind == MailKind.DraftForApproval);
        Assert.Contains("BHOS", draftMail.TextBody);
    }

    [Fact]
    public async Task Extending_the_deadline_mid_round_means_no_escalation_fires_for_the_old_one()
    {
        var id = NewId("extend");
        var schedule = new ScheduleSpec
        {
            Reminders = [], Escalations = ["PT1S"], CutOff = "PT1M", ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M",
        };
        var oldDeadline = DateTimeOffset.UtcNow.AddSeconds(3);
        await Round.StartAsync(SampleRounds.Spec(id, oldDeadline, schedule));
        await Round.WaitForPhaseAsync(id, RoundPhase.Collecting);
        var newDeadline = DateTimeOffset.UtcNow.AddMinutes(10);
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Extend, Deadline = newDeadline });
        await Eventually.WaitAsync(() => Round.StatusAsync(id), s => s?.Deadline == newDeadline, RoundWorkflow.Patience, "the new deadline");

        // Past the old deadline and its escalation step, with margin for the engine's polling.
        var quietUntil = oldDeadline.AddSeconds(3);
        while (DateTimeOffset.UtcNow < quietUntil)
            await Task.Delay(200);
        Assert.DoesNotContain(await Round.MailsAsync(id), m => m.Kind == MailKind.Escalation);

        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Close });
        var status = await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);
        Assert.Equal(newDeadline, status!.Deadline);
    }

    [Fact]
    public async Task Reopen_after_review_sends_a_targeted_request_and_collects_again()
    {
        var id = NewId("reopen");
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5)));
        await Round.SubmitAsync(id, "BHOS", 2, "Eerste versie van BHOS.");
        await Round.SubmitAsync(id, "BZK", 6, "Tekst van BZK.");
        await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);

        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Reopen, Ministry = "BHOS", Pillars = [2], Note = "Graag de cijfers over 2026 toevoegen." });
        var collecting = await Round.WaitForPhaseAsync(id, RoundPhase.Collecting);
        var bhos = collecting!.Ministries.Single(m => m.Ministry == "BHOS");
        Assert.Equal([2], bhos.Missing);
        Assert.Equal(2, bhos.RequestVersion);

        var mails = await Round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 3, "the targeted request");
        var again = mails.Select(m => m.Mail).Last(m => m.Kind == MailKind.Request);
        Assert.Equal("BHOS", again.Ministry);
        Assert.Contains("Graag de cijfers over 2026 toevoegen.", again.TextBody);
        Assert.Equal("2", again.CustomArgs["version"]);

        await Round.SubmitAsync(id, "BHOS", 2, "Tweede versie van BHOS, met de cijfers over 2026.", requestVersion: 2);
        await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 2);
        var manifest = await new LetterStore(Host.Storage).ReadManifestAsync(id, LetterStore.DraftVersion(2), CancellationToken.None);
        Assert.Contains(manifest!.Used, u => u is { Ministry: "BHOS", Pillar: 2, Version: 2 });
        var change = Assert.Single(manifest.Changes, c => c.Pillar == 2);
        Assert.Contains(change.Added, p => p.Contains("cijfers over 2026", StringComparison.Ordinal));
        Assert.Contains(change.Removed, p => p.Contains("Eerste versie van BHOS", StringComparison.Ordinal));
        Assert.DoesNotContain(manifest.Changes, c => c.Pillar == 6);
        var secondDraftMail = (await Round.MailsAsync(id)).Last(m => m.Kind == MailKind.DraftForApproval);
        Assert.Contains("cijfers over 2026", secondDraftMail.TextBody);

        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Approve });
        Assert.Equal(RoundPhase.Approved, (await Round.WaitForCompletionAsync(id)).ReadOutputAs<RoundOutcome>()!.Phase);
    }

    [Fact]
    public async Task Cancel_ends_the_round_and_records_it()
    {
        var id = NewId("cancel");
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5)));
        await Round.WaitForPhaseAsync(id, RoundPhase.Collecting);
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Cancel });

        var done = await Round.WaitForCompletionAsync(id);
        Assert.Equal(RoundPhase.Cancelled, done.ReadOutputAs<RoundOutcome>()!.Phase);
        Assert.Equal(RoundPhase.Cancelled, (await new RoundStore(Host.Storage).GetAsync(id, CancellationToken.None))!.Phase);
        Assert.DoesNotContain(await Round.MailsAsync(id), m => m.Kind == MailKind.DraftForApproval);
    }

    [Fact]
    public async Task A_contribution_for_a_pillar_the_ministry_does_not_own_is_refused()
    {
        var id = NewId("notowned");
        await Round.StartAsync(SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(5)));
        await Round.WaitForPhaseAsync(id, RoundPhase.Collecting);

        // BZK writes pillar 6 only; an event claiming pillar 2 must not count for anyone.
        await Round.Client.RaiseEventAsync(id, RoundEvents.ContributionReceived,
            new ContributionReceived { Ministry = "BZK", Pillars = [2], ReceivedAt = DateTimeOffset.UtcNow });
        await Round.SubmitAsync(id, "BZK", 6, "Tekst van BZK.");
        var status = await Eventually.WaitAsync(() => Round.StatusAsync(id),
            s => s?.Ministries.Single(m => m.Ministry == "BZK").Missing.Count == 0, RoundWorkflow.Patience, "BZK's pillar 6");

        Assert.Equal([6], status!.Ministries.Single(m => m.Ministry == "BZK").Received);
        Assert.Equal([2], status.Ministries.Single(m => m.Ministry == "BHOS").Missing);
        Assert.Equal(RoundPhase.Collecting, status.Phase);
    }

    // Five ministries of the IMA definition and every pillar each writes: eleven in all.
    private static readonly (string Ministry, int Pillar)[] Owed =
        [("JenV", 1), ("JenV", 3), ("JenV", 4), ("JenV", 5), ("BZ", 1), ("BZ", 4), ("BHOS", 1), ("BHOS", 2), ("SZW", 5), ("SZW", 6), ("BZK", 6)];

    /// <summary>
    /// A cancelled durable timer stays in the engine's queue until it is due, so a round keeps one pending timer per
    /// due time: contributions and commands that leave the due time as it was add none. Counted from the engine.
    /// </summary>
    [Fact]
    public async Task A_round_of_five_ministries_twenty_contributions_and_five_commands_creates_one_timer_per_due_time()
    {
        var id = NewId("timers");
        var start = DateTimeOffset.UtcNow;
        var deadline = new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, TimeSpan.Zero).AddSeconds(15);
        var schedule = new ScheduleSpec
        {
            // The reminder comes some 7 s after the start: time enough for the round to start, even on a busy machine.
            Reminders = ["PT8S"], Escalations = ["PT1H"], CutOff = "PT2H", ApprovalTimeout = "PT1H", ApprovalReminders = 1, ReopenPeriod = "PT1H",
        };
        await Round.StartAsync(SampleRounds.Spec(id, deadline, schedule,
            SampleRounds.Ministry("JenV"), SampleRounds.Ministry("BZ"), SampleRounds.Ministry("BHOS"), SampleRounds.Ministry("SZW"), SampleRounds.Ministry("BZK")));
        await Round.WaitForMailAsync(id, m => m.Count(x => x.Kind == MailKind.Request) == 5, "five requests");

        // Twenty contributions: every owed pillar once, nine of them twice, the last one completing the round.
        var contributions = Owed.Take(10).Concat(Owed.Take(9)).Append(Owed[10]).Select((o, i) => (o.Ministry, o.Pillar, Text: $"Tekst {i + 1} van {o.Ministry}.")).ToList();
        Assert.Equal(20, contributions.Count);
        foreach (var c in contributions.Take(6))
            await Round.SubmitAsync(id, c.Ministry, c.Pillar, c.Text);

        // Due time 1 (the reminder) fires; due time 2 is the escalation an hour after the deadline.
        await Round.WaitForMailAsync(id, m => m.Any(x => x.Kind == MailKind.Reminder), "the reminder");
        var extended = deadline.AddHours(1);
        // An approval while collecting, and an extension to the deadline as it stands, change nothing; due time 3 is
        // the reminder before the new deadline. The round reads a waiting contribution before a waiting command, so
        // the last contribution goes only once the extension shows (the commands before it are read in order).
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Approve, By = "too-early@jenv.example" });
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Extend, Deadline = deadline });
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Extend, Deadline = extended });
        await Eventually.WaitAsync(() => Round.StatusAsync(id), s => s?.Deadline == extended, RoundWorkflow.Patience, "the new deadline");
        foreach (var c in contributions.Skip(6))
            await Round.SubmitAsync(id, c.Ministry, c.Pillar, c.Text);

        // Due time 4: the approval reminder. A close during review changes nothing; the approval ends the round.
        await Round.WaitForPhaseAsync(id, RoundPhase.Reviewing, draft: 1);
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Close });
        await Round.CommandAsync(id, new RoundCommand { Kind = RoundCommandKind.Approve, By = SampleRounds.Approver.Email });
        var done = await Round.WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(RoundPhase.Approved, done.ReadOutputAs<RoundOutcome>()!.Phase);
        Assert.Equal(1, done.ReadOutputAs<RoundOutcome>()!.Draft);
        Assert.Empty(done.ReadOutputAs<RoundOutcome>()!.MissingAtApproval);

        var timers = Host.Engine.TimersCreated(id);
        Assert.Equal(timers.Distinct().Count(), timers.Count);
        Assert.Equal(4, timers.Count);
        Assert.Equal([deadline.AddSeconds(-8).UtcDateTime, deadline.AddHours(1).UtcDateTime, extended.AddSeconds(-8).UtcDateTime], timers.Take(3));
        // The approval reminder: an hour after the draft went out.
        Assert.InRange(timers[3], start.AddHours(1).UtcDateTime, DateTime.UtcNow.AddHours(1));
    }
}
