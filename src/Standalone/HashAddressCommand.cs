using MigrationAgenda.Mail;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Standalone;

/// <summary>
/// <c>hash-address ADDRESS…</c>: the hash the logs carry for an address (<see cref="AddressHasher"/>), so an operator can
/// find one contact's lines. It reads the key as the service does: <c>Privacy:AddressHashKey</c>, else derived from
/// <c>Tokens:SigningKey</c> (appsettings.json, environment, <c>--Tokens:SigningKey=…</c>), else the local key that a
/// local <c>serve</c> generated in the data folder. Prints the hash alone for one address, "hash address" lines for more.
/// </summary>
public static class HashAddressCommand
{
    public static int Run(string[] args)
    {
        var addresses = args.Where(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)).ToList();
        if (addresses.Count == 0)
        {
            Console.Error.WriteLine("Gebruik: dotnet run --project src/Standalone -- hash-address iemand@example.org [meer adressen] [--Tokens:SigningKey=…]");
            Console.Error.WriteLine("  geeft de hash (addr:…) waaronder de logs dit adres noemen; de sleutel komt uit dezelfde instellingen als die van de service.");
            return 2;
        }
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        var configuration = new ConfigurationManager();
        configuration.AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args.Except(addresses).ToArray());

        if (string.IsNullOrWhiteSpace(configuration[AddressHasher.KeySetting]) && string.IsNullOrWhiteSpace(configuration[TokenOptions.SigningKeySetting]))
        {
            var local = Path.Combine(LocalData.Folder(configuration), "signing-key");
            if (!File.Exists(local))
                throw new StartupException($"No key to hash with: set {TokenOptions.SigningKeySetting} (the service's value) or {AddressHasher.KeySetting}.");
            configuration[TokenOptions.SigningKeySetting] = File.ReadAllText(local).Trim();
        }

        AddressHasher hasher;
        try
        {
            hasher = AddressHasher.FromConfiguration(configuration);
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException(e.Message, e);
        }
        foreach (var address in addresses)
            Console.WriteLine(addresses.Count == 1 ? hasher.Hash(address) : $"{hasher.Hash(address)} {address}");
        return 0;
    }
}
