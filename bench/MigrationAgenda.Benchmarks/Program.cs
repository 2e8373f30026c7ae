using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/MigrationAgenda.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(MigrationAgenda.Benchmarks.LetterBenchmarks).Assembly).Run(args);
