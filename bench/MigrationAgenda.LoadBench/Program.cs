using MigrationAgenda.LoadBench;

// dotnet run -c Release --project bench/MigrationAgenda.LoadBench -- [--long] (see bench/README.md)
LoadBenchOptions options;
try
{
    options = LoadBenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(LoadBenchOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(LoadBenchOptions.Usage);
    return 0;
}
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupt.Cancel(); };
try
{
    return await new LoadRun(options, Console.Out).RunAsync(interrupt.Token);
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or FileNotFoundException or OperationCanceledException)
{
    // Azurite or serve did not start, the round did not start, or the time bound or Ctrl+C came before the load did.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
