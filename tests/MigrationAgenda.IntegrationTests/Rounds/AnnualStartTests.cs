using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.IntegrationTests.Intake;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Rounds;

/// <summary>
/// The annual start on the real engine and Azurite: a definition that starts its round every 16 November, two hosts
/// whose timers fire at once and once more later (a restart), one round with the id derived from definition and year,
/// one request per ministry, and the overview's "volgende ronde start op …" for the year after.
/// </summary>
[Collection("Azurite")]
public sealed class AnnualStartTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Monday 16 November 2026, 09:30 in The Hague: half an hour after this year's start moment.
    private static readonly DateTimeOffset Now = AmsterdamTime.At(new DateOnly(2026, 11, 16), new TimeOnly(9, 30));
    private readonly string _definition = $"as{Guid.NewGuid():N}"[..10];
    private WorkflowHost _workflow = null!;
    private ApiHost _first = null!;
    private ApiHost _second = null!;
    private readonly MovableClock _clock = new(Now);

    public async Task InitializeAsync()
    {
        _workflow = await WorkflowHost.StartAsync(azurite, new Dictionary<string, string?> { [DefinitionCatalog.FolderSetting] = DefinitionFolder() });
        _first = await ApiHost.StartAsync(_workflow, s => s.AddSingleton<TimeProvider>(_clock));
        _second = await ApiHost.StartAsync(_workflow, s => s.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _workflow.DisposeAsync();
    }

    [Fact]
    public async Task Two_hosts_starting_at_once_and_again_later_start_the_years_round_once_and_the_overview_shows_the_next_start()
    {
        var roundId = $"{_definition}-2027";
        var first = _first.Services.GetRequiredService<AnnualStarter>();
        var second = _second.Services.GetRequiredService<AnnualStarter>();

        var passes = await Task.WhenAll(first.RunOnceAsync(_workflow.Client, CancellationToken.None), second.RunOnceAsync(_workflow.Client, CancellationToken.None),
            first.RunOnceAsync(_workflow.Client, CancellationToken.None));
        var outcomes = passes.Select(p => Assert.Single(p, o => o.Definition == _definition)).ToList();
        Assert.All(outcomes, o => Assert.Equal((2027, roundId), (o.Year, o.RoundId)));
        var started = Assert.Single(outcomes, o => o.Kind == AnnualStartKind.Started);
        Assert.Equal("definition", started.Source);
        Assert.All(outcomes.Where(o => o != started), o => Assert.Equal(AnnualStartKind.Exists, o.Kind));

        // The round as the timer started it: the derived id, the year's deadline, the system as its starter, the retry settings set.
        var instance = await _workflow.Client.GetInstanceAsync(roundId, getInputsAndOutputs: true);
        Assert.NotNull(instance);
        var plan = instance.ReadInputAs<RoundPlan>()!;
        Assert.Equal((2027, _definition), (plan.Year, plan.Definition.Name));
        Assert.Equal(AmsterdamTime.At(new DateOnly(2027, 1, 15), new TimeOnly(17, 0)), plan.Deadline);
        Assert.Equal((AuditActions.System, AnnualStarter.ActorName), (plan.StartedBy, plan.StartedByName));
        Assert.NotNull(plan.Retry);
        Assert.Null(plan.PreviousRoundId);

        // A later pass (a restart, the next tick) finds it and starts nothing.
        var later = Assert.Single(await second.RunOnceAsync(_workflow.Client, CancellationToken.None), o => o.Definition == _definition);
        Assert.Equal((AnnualStartKind.Exists, roundId), (later.Kind, later.RoundId));

        // One request per ministry, each once.
        var ministries = plan.Participants.Select(p => p.Code).ToList();
        var outbox = await Eventually.WaitAsync(() => _workflow.Outbox.ListAsync(roundId),
            m => ministries.All(x => m.Any(r => r.Mail.Kind == MailKind.Request && r.Mail.Ministry == x)), WebhookDriver.Patience, "a request to every ministry");
        Assert.Equal(ministries.Order(), outbox.Where(m => m.Mail.Kind == MailKind.Request).Select(m => m.Mail.Ministry!).Order());

        // The overview: one round of this definition, and the next start, the year after, in Dutch.
        var rounds = await Eventually.WaitAsync(async () => await _first.Http.GetFromJsonAsync<JsonElement>("/api/rounds"),
            r => r.EnumerateArray().Any(x => x.GetProperty("roundId").GetString() == roundId), WebhookDriver.Patience, "the round in the overview");
        Assert.Single(rounds.EnumerateArray(), x => x.GetProperty("roundId").GetString()!.StartsWith(_definition, StringComparison.Ordinal));
        var next = Assert.Single((await _first.Http.GetFromJsonAsync<JsonElement>("/api/next-rounds")).EnumerateArray(),
            x => x.GetProperty("definition").GetString() == _definition);
        Assert.Equal(("planned", $"{_definition}-2028"), (next.GetProperty("state").GetString(), next.GetProperty("roundId").GetString()));
        Assert.Equal($"volgende ronde start op dinsdag 16 november 2027 09:00 ({_definition}-2028)", next.GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_claim_left_by_a_host_that_died_before_scheduling_holds_the_round_for_two_minutes_then_is_taken_over()
    {
        var roundId = $"{_definition}-2027";
        var starter = _first.Services.GetRequiredService<AnnualStarter>();
        // Another host claimed the id a minute ago and died before it scheduled the orchestration.
        Assert.True(await _first.Services.GetRequiredService<RoundClaimStore>().TryAddAsync(
            new RoundClaim(roundId, "spec-of-the-dead-host", _definition, 2027, Now - TimeSpan.FromMinutes(1)), CancellationToken.None));

        var held = Assert.Single(await starter.RunOnceAsync(_workflow.Client, CancellationToken.None), o => o.Definition == _definition);
        Assert.Equal((AnnualStartKind.Exists, roundId), (held.Kind, held.RoundId));
        Assert.Null(await _workflow.Client.GetInstanceAsync(roundId));

        // Two minutes on, the claim is stale: the next pass takes it over and starts the round, once.
        _clock.Now = Now + RoundLaunch.StaleAfter;
        var taken = Assert.Single(await starter.RunOnceAsync(_workflow.Client, CancellationToken.None), o => o.Definition == _definition);
        Assert.Equal((AnnualStartKind.Started, roundId), (taken.Kind, taken.RoundId));
        Assert.NotNull(await _workflow.Client.GetInstanceAsync(roundId));
        var claim = await _first.Services.GetRequiredService<RoundClaimStore>().GetAsync(roundId, CancellationToken.None);
        Assert.True(claim!.Value.Claim.Scheduled);
        Assert.NotEqual("spec-of-the-dead-host", claim.Value.Claim.SpecHash);
        var again = Assert.Single(await _second.Services.GetRequiredService<AnnualStarter>().RunOnceAsync(_workflow.Client, CancellationToken.None), o => o.Definition == _definition);
        Assert.Equal(AnnualStartKind.Exists, again.Kind);
    }

    /// <summary>The shipped IMA definition (with its example contacts) under this test's name, starting every 16 November.</summary>
    private string DefinitionFolder()
    {
        var ima = new DefinitionCatalog().Find("ima")!;
        var definition = ima with
        {
            Name = _definition,
            AnnualStart = new AnnualStart
            {
                Month = 11, Day = 16, Time = "09:00",
                Deadline = new AnnualDeadline { Month = 1, Day = 15, Time = "17:00" },
                Approver = SampleRounds.Approver, Coordinator = SampleRounds.Coordinator,
                Schedule = new ScheduleSpec { Reminders = [], Escalations = [], CutOff = "P7D", ApprovalTimeout = "P7D", ApprovalReminders = 0, ReopenPeriod = "P7D" },
            },
        };
        var folder = Path.Combine(Path.GetTempPath(), "migrationagenda-definitions", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, _definition + ".json"), JsonSerializer.Serialize(definition, JsonDefaults.Options));
        return folder;
    }

    /// <summary>"Now" as the test sets it, for both API hosts.</summary>
    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
