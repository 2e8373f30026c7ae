using MigrationAgenda.TestSupport;

namespace MigrationAgenda.WorkflowTests.Rounds;

/// <summary>What a workflow test class starts with: a host of its own on the shared Azurite, and the round driver over it.</summary>
public abstract class RoundWorkflowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    protected WorkflowHost Host { get; private set; } = null!;
    protected RoundWorkflow Round { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await WorkflowHost.StartAsync(azurite);
        Round = new RoundWorkflow(Host);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A round id of its own per test, so tests on the shared task hub never meet.</summary>
    protected static string NewId(string name) => $"{name}-{Guid.NewGuid():N}"[..24];
}
