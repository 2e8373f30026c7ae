using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Standalone's side of the annual start: one <see cref="AnnualStarter"/> pass when serve starts and every
/// <see cref="AnnualStartOptions.Interval"/> after, as the Functions app's timer does. A round is started once however
/// many passes, hosts or restarts meet it: its id comes from definition and year and is claimed before it is scheduled.
/// </summary>
public sealed class AnnualStartService(
    AnnualStarter starter, DurableTaskClient client, IOptions<AnnualStartOptions> options, ILogger<AnnualStartService> log) : PeriodicPass(log)
{
    protected override string Name => "The annual start pass";
    protected override TimeSpan Interval => options.Value.Interval;
    protected override bool Enabled => options.Value.Enabled;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => starter.RunOnceAsync(client, cancellationToken);
}
