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
return await new LoadRun(options, Console.Out).RunAsync(interrupt.Token);
