using Microsoft.Extensions.Configuration.Memory;

namespace MigrationAgenda.Standalone;

/// <summary>
/// Standalone's logs on the console: one line per entry, or one JSON object per line with
/// Logging:Console:FormatterName=json; levels under Logging, with quiet defaults for the engine and the SDKs.
/// </summary>
public static class ConsoleLogging
{
    /// <summary>The defaults go first, so appsettings, environment and command line override them.</summary>
    public static void AddDefaults(ConfigurationManager configuration, bool demo) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = demo ? "Warning" : "Information",
                ["Logging:LogLevel:MigrationAgenda.Mail"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = demo ? "Warning" : "Information",
                ["Logging:LogLevel:Microsoft.DurableTask"] = "Warning",
                ["Logging:LogLevel:DurableTask"] = "Warning",
                ["Logging:LogLevel:DurableTask.AzureStorage"] = "Warning",
                ["Logging:LogLevel:DurableTask.Core"] = "Warning",
                ["Logging:LogLevel:Grpc"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            },
        });

    public static void Configure(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        logging.AddConfiguration(configuration.GetSection("Logging"));
        if (string.Equals(configuration["Logging:Console:FormatterName"], "json", StringComparison.OrdinalIgnoreCase))
            // Scopes: RoundId and MessageId (LogScopes) on every line of a round's work and of intake, under "Scopes".
            logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "O";
                o.IncludeScopes = true;
            });
        else
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
                o.UseUtcTimestamp = false;
            });
    }

    /// <summary>Only the Logging section of <paramref name="configuration"/>, for a host that must not see the rest.</summary>
    public static IConfiguration LoggingOnly(IConfiguration configuration) =>
        new ConfigurationBuilder().AddInMemoryCollection(configuration.GetSection("Logging").AsEnumerable()
            .Where(kv => kv.Value is not null)
            .Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))).Build();
}
