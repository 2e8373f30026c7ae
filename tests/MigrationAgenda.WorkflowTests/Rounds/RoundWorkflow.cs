using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Intake;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>Drives one round on a <see cref="WorkflowHost"/>: start, contribute, command, observe.</summary>
public sealed class RoundWorkflow(WorkflowHost host)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    public DurableTaskClient Client => host.Client;

    /// <param name="retry">The activities' retry settings, as the start endpoint puts them in the plan; null: the defaults.</param>
    public async Task<RoundPlan> StartAsync(RoundSpec spec, ActivityRetrySettings? retry = null)
    {
        var result = host.Services.GetRequiredService<RoundPlanner>().Plan(spec, DateTimeOffset.UtcNow);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        var plan = result.Plan! with { Retry = retry };
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RoundOrchestrator), plan, new StartOrchestrationOptions(spec.RoundId!));
        return plan;
    }

    public Task<SubmissionResult> SubmitAsync(string roundId, string ministry, int pillar, string text, int requestVersion = 1)
    {
        var sections = new[] { new PillarText { Pillar = pillar, Text = text } };
        return host.Services.GetRequiredService<ContributionRecorder>().RecordAsync(host.Client, new Submission
        {
            RoundId = roundId, Ministry = ministry, Sections = sections, Sender = $"officer@{ministry.ToLowerInvariant()}.example",
            Source = "http", ReceivedAt = DateTimeOffset.UtcNow, RequestVersion = requestVersion,
            SubmissionKey = ContributionStore.ContentKey(ministry, requestVersion, sections),
        }, CancellationToken.None);
    }

    public Task CommandAsync(string roundId, RoundCommand command) => host.Client.RaiseEventAsync(roundId, RoundEvents.Command, command);

    public async Task<RoundStatus?> StatusAsync(string roundId) =>
        RoundState.CustomStatus(await host.Client.GetInstanceAsync(roundId, getInputsAndOutputs: true));

    public async Task<RoundStatus?> WaitForPhaseAsync(string roundId, string phase, int draft = 0)
    {
        // The instance travels with the status so a timeout says why (a failed orchestration names its error).
        var (_, status) = await Eventually.WaitAsync(async () =>
            {
                var instance = await host.Client.GetInstanceAsync(roundId, getInputsAndOutputs: true);
                return (Instance: $"{instance?.RuntimeStatus} {instance?.FailureDetails?.ErrorType} {instance?.FailureDetails?.ErrorMessage}",
                    Status: RoundState.CustomStatus(instance));
            },
            s => s.Status?.Phase == phase && s.Status.Draft >= draft, Patience, $"{roundId} in phase {phase}");
        return status;
    }

    public Task<IReadOnlyList<OutboxMessage>> WaitForMailAsync(string roundId, Func<IReadOnlyList<OutgoingMail>, bool> done, string what) =>
        Eventually.WaitAsync(() => host.Outbox.ListAsync(roundId), m => done(m.Select(x => x.Mail).ToList()), Patience, what);

    public async Task<IReadOnlyList<OutgoingMail>> MailsAsync(string roundId) =>
        (await host.Outbox.ListAsync(roundId)).Select(m => m.Mail).ToList();

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string roundId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await host.Client.WaitForInstanceCompletionAsync(roundId, getInputsAndOutputs: true, timeout.Token);
    }
}
