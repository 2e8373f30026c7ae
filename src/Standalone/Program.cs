using MigrationAgenda.Standalone;

var command = args.FirstOrDefault();
var rest = args.Skip(1).ToArray();
try
{
    return command switch
    {
        "demo" => await DemoCommand.RunAsync(rest),
        "serve" => await ServeCommand.RunAsync(rest),
        "hash-address" => HashAddressCommand.Run(rest),
        _ => Usage(),
    };
}
catch (StartupException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("Gebruik: dotnet run --project src/Standalone -- demo | serve [--urls http://127.0.0.1:5000]");
    Console.Error.WriteLine("  demo   speelt de IMA-ronde van 2021 helemaal af op deze machine (Azurite, uitgaande mail naar de outbox).");
    Console.Error.WriteLine("  serve  draait de service: de HTTP API en de duurzame workflow (zie README).");
    return 2;
}
