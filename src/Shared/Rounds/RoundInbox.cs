using Microsoft.DurableTask;

namespace MigrationAgenda.Rounds;

/// <summary>
/// Keeps exactly one live waiter per external event name. A waiter abandoned by a timeout can swallow a later
/// event in the engine, so waiters are never cancelled: each is taken when it completes and replaced.
/// </summary>
internal sealed class RoundInbox(TaskOrchestrationContext context)
{
    public Task<ContributionReceived> Contribution { get; private set; } =
        context.WaitForExternalEvent<ContributionReceived>(RoundEvents.ContributionReceived);

    public Task<RoundCommand> Command { get; private set; } =
        context.WaitForExternalEvent<RoundCommand>(RoundEvents.Command);

    public ContributionReceived TakeContribution()
    {
        var received = Contribution.Result;
        Contribution = context.WaitForExternalEvent<ContributionReceived>(RoundEvents.ContributionReceived);
        return received;
    }

    public RoundCommand TakeCommand()
    {
        var command = Command.Result;
        Command = context.WaitForExternalEvent<RoundCommand>(RoundEvents.Command);
        return command;
    }
}
