using MigrationAgenda.Standalone;

return args.FirstOrDefault() switch
{
    "demo" => await DemoCommand.RunAsync(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Gebruik: dotnet run --project src/Standalone -- demo");
    Console.Error.WriteLine("  demo   speelt de IMA-ronde van 2021 helemaal af op deze machine (Azurite, uitgaande mail naar de outbox).");
    return 2;
}
