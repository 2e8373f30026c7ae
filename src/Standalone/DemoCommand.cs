using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;

namespace MigrationAgenda.Standalone;

/// <summary>
/// The 2021 IMA round, end to end, in under a minute: every ministry is asked, four answer at once, BZK only
/// after a reminder and an escalation, the draft is approved and the final letter is written to out/.
/// </summary>
public static class DemoCommand
{
    private const string RoundId = "ima-2021-demo";

    // Texts from the 2021 letter (../shared/seed), one per pillar, with a footnote where the letter has one.
    private static readonly (string Ministry, int Pillar, string Text, string? Footnote)[] Answers =
    [
        ("BHOS", 1, "Daarnaast is Nederland voorzitter van het Khartoem Proces, een dialoog tussen landen in de Hoorn van Afrika en Europese landen over migratiegeoriënteerde onderwerpen.", null),
        ("BHOS", 2, "Zo wordt vanuit de FRIT door middel van het Emergency Social Safety Net (ESSN) maandelijks financiële ondersteuning geboden aan 1.7 miljoen vluchtelingen om in de dagelijkse behoeftes te voorzien.[^1]", "Kamerstukken II 2019/20, 28638, nr. 176."),
        ("JenV", 1, "Bewustwordingscampagnes over de risico’s van irreguliere migratie maken op creatieve manieren meer gebruik van digitale mogelijkheden.", null),
        ("JenV", 3, "Zo is in februari de Handhaving- en Toezichtlocatie (htl) geopend in Hoogeveen.", null),
        ("JenV", 4, "Volgens het onderzoek ligt het totale aantal onrechtmatig in Nederland verblijvende vreemdelingen tussen 23.000 en 58.000.", null),
        ("JenV", 5, "Hervestiging van vluchtelingen is, als gereguleerde overkomst van vluchtelingen, ook een vorm van legale migratie.", null),
        ("BZ", 1, "Op 3 december 2020 bereikten de hoofdonderhandelaars van de EU en de OACP een politiek akkoord over een nieuwe partnerschapsovereenkomst.", null),
        ("BZ", 4, "Tussen de landen van de Europese Unie bestaat grote eensgezindheid dat de samenwerking met derde landen op het terrein van terugkeer moet worden geïntensiveerd.[^1]", "Kamerstukken II 2019/20, 19637, nr. 2623."),
        ("SZW", 5, "Het kabinet heeft een website gelanceerd (workinnl.nl) waar migranten informatie kunnen vinden over hun rechten en plichten.", null),
        ("SZW", 6, "De volledige set van maatregelen wordt op dit moment uitgewerkt door de ministeries van JenV, BZK en SZW.", null),
    ];

    private static readonly (string Ministry, int Pillar, string Text)[] LateAnswer =
    [
        ("BZK", 6, "De leden van de Landelijke Regietafel Migratie en Integratie hebben een pakket aan ondersteuningsmaatregelen in de vorm van een handreiking uitgewerkt."),
    ];

    public static async Task<int> RunAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                // A fresh key per run: the demo's reply addresses mean nothing outside it.
                ["Tokens:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            })
            .AddEnvironmentVariables()
            .Build();

        Console.WriteLine("MigrationAgenda demo: de voortgangsbrief IMA 2021, lokaal.");
        Console.WriteLine("Azurite, de Durable Task-engine en de HTTP API starten…");
        await using var engine = await LocalEngine.StartAsync(configuration);
        using var http = new HttpClient { BaseAddress = engine.Address };
        var outbox = new OutboxReader(engine.Storage);
        Console.WriteLine($"API op {engine.Address}");
        Console.WriteLine($"Pagina van de coördinator op {new Uri(engine.Address, "/app/")}");

        var spec = new RoundSpec
        {
            RoundId = RoundId, Year = 2021, DefinitionName = "ima", Reference = "3001668",
            Deadline = DateTimeOffset.UtcNow.AddSeconds(8),
            Schedule = new ScheduleSpec { Reminders = ["PT4S"], Escalations = ["PT2S", "PT6S"], CutOff = "PT20S", ApprovalTimeout = "PT1M", ApprovalReminders = 1, ReopenPeriod = "PT1M" },
            Approver = new Contact { Email = "dg-migratie@jenv.example", Name = "DG Migratie" },
            Coordinator = new Contact { Email = "migratieagenda@jenv.example", Name = "Coördinator IMA" },
        };
        var started = await http.PostAsJsonAsync("/api/rounds", spec, JsonDefaults.Options);
        if (!started.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"Starten mislukt: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync()}");
            return 1;
        }

        // The round is stored by its first activity; answers are taken once it is collecting.
        for (var i = 0; i < 100 && (await http.GetFromJsonAsync<JsonElement>($"/api/rounds/{RoundId}")).GetProperty("phase").GetString() != RoundPhase.Collecting; i++)
            await Task.Delay(200);
        foreach (var (ministry, pillar, text, footnote) in Answers)
            await SubmitAsync(http, ministry, pillar, text, footnote);

        var lateSent = false;
        var approved = false;
        var printed = "";
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            var status = await http.GetFromJsonAsync<JsonElement>($"/api/rounds/{RoundId}");
            var mails = await outbox.ListAsync(RoundId);
            var view = Describe(status, mails);
            if (view != printed)
                Console.WriteLine(printed = view);

            var phase = status.GetProperty("phase").GetString();
            if (!lateSent && mails.Any(m => m.Mail.Kind == MailKind.Escalation))
            {
                foreach (var (ministry, pillar, text) in LateAnswer)
                    await SubmitAsync(http, ministry, pillar, text, null);
                lateSent = true;
            }
            if (phase == RoundPhase.Reviewing && !approved)
            {
                Console.WriteLine("De DG keurt het concept goed.");
                (await http.PostAsJsonAsync($"/api/rounds/{RoundId}/approve", new { by = "dg-migratie@jenv.example" })).EnsureSuccessStatusCode();
                approved = true;
            }
            if (status.GetProperty("runtimeStatus").GetString() == "Completed")
                return await ExportAsync(http, phase);
            await Task.Delay(500);
        }
        Console.Error.WriteLine("De ronde is niet binnen 90 seconden afgerond.");
        return 1;
    }

    private static async Task SubmitAsync(HttpClient http, string ministry, int pillar, string text, string? footnote)
    {
        var response = await http.PostAsJsonAsync($"/api/rounds/{RoundId}/contributions", new
        {
            ministry, pillar, text, sender = $"beleid@{ministry.ToLowerInvariant()}.example",
            footnotes = footnote is null ? Array.Empty<object>() : [new { marker = "1", text = footnote }],
        });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Bijdrage {ministry}/{pillar} geweigerd: {await response.Content.ReadAsStringAsync()}");
        Console.WriteLine($"  bijdrage ontvangen: {ministry}, pijler {pillar}");
    }

    private static string Describe(JsonElement status, IReadOnlyList<OutboxMessage> mails)
    {
        var ministries = status.GetProperty("ministries").EnumerateArray().Select(m =>
        {
            var pillars = string.Join(" ", m.GetProperty("pillars").EnumerateArray().Select(p =>
                $"{p.GetProperty("pillar").GetInt32()}{(p.GetProperty("state").GetString() == "received" ? "✓" : "…")}"));
            var level = m.GetProperty("escalationLevel").GetInt32();
            return $"{m.GetProperty("ministry").GetString()} [{pillars}]{(level > 0 ? $" escalatie {level}" : "")}";
        });
        var sent = string.Join(", ", mails.GroupBy(m => m.Mail.Kind).Select(g => $"{g.Key} {g.Count()}"));
        return $"[{status.GetProperty("phase").GetString()}] {string.Join(" | ", ministries)} — mail: {sent}";
    }

    private static async Task<int> ExportAsync(HttpClient http, string? phase)
    {
        if (phase != RoundPhase.Approved)
        {
            Console.Error.WriteLine($"De ronde eindigde in fase {phase}, niet goedgekeurd.");
            return 1;
        }
        var folder = Path.Combine(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), "out", RoundId);
        Directory.CreateDirectory(folder);
        Console.WriteLine("Ronde afgerond; de definitieve brief:");
        foreach (var format in new[] { "md", "html", "docx" })
        {
            var path = Path.Combine(folder, $"voortgangsbrief-{RoundId}.{format}");
            await File.WriteAllBytesAsync(path, await http.GetByteArrayAsync($"/api/rounds/{RoundId}/letter?version=final&format={format}"));
            Console.WriteLine($"  {path} ({new FileInfo(path).Length} bytes)");
        }
        return 0;
    }
}
