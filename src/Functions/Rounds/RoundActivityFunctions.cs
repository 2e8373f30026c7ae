using Microsoft.Azure.Functions.Worker;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Activities;
using MigrationAgenda.Rounds.Calendar;

namespace MigrationAgenda.Functions.Rounds;

/// <summary>
/// One thin trigger per activity of the round; the work is in the Shared activity classes. Written by hand on
/// purpose: registering the classes through DurableTaskRegistry (<c>ConfigureDurableWorker().AddTasks(…)</c>, the
/// extension's class-based support) adds them only at run time, through a metadata transformer, so the build's
/// functions.metadata would list the HTTP functions alone (no Microsoft.DurableTask.Generators here).
/// </summary>
public static class RoundActivityFunctions
{
    [Function(nameof(SaveRound))]
    public static Task<bool> SaveRound([ActivityTrigger] RoundPlan plan, FunctionContext context) =>
        ActivityRunner.RunAsync<SaveRound, RoundPlan, bool>(context, plan);

    [Function(nameof(RecordPhase))]
    public static Task<bool> RecordPhase([ActivityTrigger] PhaseChange change, FunctionContext context) =>
        ActivityRunner.RunAsync<RecordPhase, PhaseChange, bool>(context, change);

    [Function(nameof(SendRequest))]
    public static Task<bool> SendRequest([ActivityTrigger] ContributionRequest request, FunctionContext context) =>
        ActivityRunner.RunAsync<SendRequest, ContributionRequest, bool>(context, request);

    [Function(nameof(SendReminder))]
    public static Task<bool> SendReminder([ActivityTrigger] OwedPillars owed, FunctionContext context) =>
        ActivityRunner.RunAsync<SendReminder, OwedPillars, bool>(context, owed);

    [Function(nameof(SendEscalation))]
    public static Task<bool> SendEscalation([ActivityTrigger] EscalationNotice notice, FunctionContext context) =>
        ActivityRunner.RunAsync<SendEscalation, EscalationNotice, bool>(context, notice);

    [Function(nameof(AssembleDraft))]
    public static Task<DraftSummary> AssembleDraft([ActivityTrigger] DraftRequest request, FunctionContext context) =>
        ActivityRunner.RunAsync<AssembleDraft, DraftRequest, DraftSummary>(context, request);

    [Function(nameof(SendDraftForApproval))]
    public static Task<bool> SendDraftForApproval([ActivityTrigger] DraftSummary draft, FunctionContext context) =>
        ActivityRunner.RunAsync<SendDraftForApproval, DraftSummary, bool>(context, draft);

    [Function(nameof(SendApprovalReminder))]
    public static Task<bool> SendApprovalReminder([ActivityTrigger] ApprovalReminder reminder, FunctionContext context) =>
        ActivityRunner.RunAsync<SendApprovalReminder, ApprovalReminder, bool>(context, reminder);

    [Function(nameof(FinaliseLetter))]
    public static Task<FinalLetter> FinaliseLetter([ActivityTrigger] DraftRequest request, FunctionContext context) =>
        ActivityRunner.RunAsync<FinaliseLetter, DraftRequest, FinalLetter>(context, request);

    [Function(nameof(SendFinalNotice))]
    public static Task<bool> SendFinalNotice([ActivityTrigger] FinalLetter final, FunctionContext context) =>
        ActivityRunner.RunAsync<SendFinalNotice, FinalLetter, bool>(context, final);

    [Function(nameof(PlanDeadline))]
    public static Task<DeadlinePlan> PlanDeadline([ActivityTrigger] DeadlineRequest request, FunctionContext context) =>
        ActivityRunner.RunAsync<PlanDeadline, DeadlineRequest, DeadlinePlan>(context, request);

    [Function(nameof(SendDeadlineChanged))]
    public static Task<bool> SendDeadlineChanged([ActivityTrigger] DeadlineChange change, FunctionContext context) =>
        ActivityRunner.RunAsync<SendDeadlineChanged, DeadlineChange, bool>(context, change);

    [Function(nameof(SendRoundCancelled))]
    public static Task<bool> SendRoundCancelled([ActivityTrigger] CancellationNotice notice, FunctionContext context) =>
        ActivityRunner.RunAsync<SendRoundCancelled, CancellationNotice, bool>(context, notice);

    [Function(nameof(ReadReceived))]
    public static Task<IReadOnlyList<ReceivedPillars>> ReadReceived([ActivityTrigger] ReceivedQuery query, FunctionContext context) =>
        ActivityRunner.RunAsync<ReadReceived, ReceivedQuery, IReadOnlyList<ReceivedPillars>>(context, query);

    [Function(nameof(LoadDraft))]
    public static Task<StoredDraft?> LoadDraft([ActivityTrigger] DraftRequest request, FunctionContext context) =>
        ActivityRunner.RunAsync<LoadDraft, DraftRequest, StoredDraft?>(context, request);

    [Function(nameof(RecordFailure))]
    public static Task<bool> RecordFailure([ActivityTrigger] RoundFailure failure, FunctionContext context) =>
        ActivityRunner.RunAsync<RecordFailure, RoundFailure, bool>(context, failure);
}
