using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;

namespace MigrationAgenda.Standalone;

/// <summary>
/// The 2021 IMA round, end to end, in under a minute, on the durable engine (Azure Storage backend on a fresh
/// local Azurite): every ministry is asked by mail (outbox); four answer at once by mail through the SendGrid
/// webhook (one with two pillars, one as a .docx attachment), BZK only after a reminder and an escalation; the
/// draft is approved and the final letter is written to out/.
/// </summary>
public static class DemoCommand
{
    private const string RoundId = "ima-2021-demo";

    // Texts from the 2021 letter (../shared/seed), as the ministries mail them back.
    private const string JenVReply =
        "Beste collega's,\n\nHierbij onze bijdrage.\n\n" +
        "Pijler 1\n\nBewustwordingscampagnes over de risico’s van irreguliere migratie maken op creatieve manieren meer gebruik van digitale mogelijkheden.\n\n" +
        "Pijler 3\n\nZo is in februari de Handhaving- en Toezichtlocatie (htl) geopend in Hoogeveen.\n\n" +
        "Pijler 4\n\nVolgens het onderzoek ligt het totale aantal onrechtmatig in Nederland verblijvende vreemdelingen tussen 23.000 en 58.000.\n\n" +
        "Pijler 5\n\nHervestiging van vluchtelingen is, als gereguleerde overkomst van vluchtelingen, ook een vorm van legale migratie.\n\n" +
        "Met vriendelijke groet,\nDG Migratie\n";

    private const string BhosReply =
        "Hoi,\n\nPijler 1\n\nDaarnaast is Nederland voorzitter van het Khartoem Proces, een dialoog tussen landen in de Hoorn van Afrika en Europese landen over migratiegeoriënteerde onderwerpen.\n\n" +
        "Pijler 2\n\nZo wordt vanuit de FRIT door middel van het Emergency Social Safety Net (ESSN) maandelijks financiële ondersteuning geboden aan 1.7 miljoen vluchtelingen om in de dagelijkse behoeftes te voorzien.[^1]\n\n" +
        "[^1]: Kamerstukken II 2019/20, 28638, nr. 176.\n\nGroet,\nFatima\n";

    private static readonly string[] BzDocx =
    [
        "Pijler 1",
        "Op 3 december 2020 bereikten de hoofdonderhandelaars van de EU en de OACP een politiek akkoord over een nieuwe partnerschapsovereenkomst.",
        "Pijler 4",
        "Tussen de landen van de Europese Unie bestaat grote eensgezindheid dat de samenwerking met derde landen op het terrein van terugkeer moet worden geïntensiveerd.",
    ];

    private const string SzwReply =
        "Pijler 5\n\nHet kabinet heeft een website gelanceerd (workinnl.nl) waar migranten informatie kunnen vinden over hun rechten en plichten.\n\n" +
        "Pijler 6\n\nDe volledige set van maatregelen wordt op dit moment uitgewerkt door de ministeries van JenV, BZK en SZW.\n";

    private const string BzkLateReply =
        "Excuses voor de vertraging.\n\nDe leden van de Landelijke Regietafel Migratie en Integratie hebben een pakket aan ondersteuningsmaatregelen in de vorm van een handreiking uitgewerkt.\n\n-- \nBZK\n";

    public static async Task<int> RunAsync(string[] args)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Console.WriteLine("MigrationAgenda demo: de voortgangsbrief IMA 2021, lokaal.");
        Console.WriteLine("Azurite, de duurzame Durable Task-engine (Azure Storage) en de HTTP API starten…");
        await using var host = await StandaloneHost.StartAsync(new StandaloneOptions { Args = args, Demo = true });
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
        var outbox = new OutboxReader(host.Storage);
        var secret = host.App.Configuration["Inbound:SharedSecret"];
        var webhook = "/api/inbound/sendgrid" + (string.IsNullOrEmpty(secret) ? "" : "?secret=" + Uri.EscapeDataString(secret));
        Console.WriteLine($"API op {host.Address} (na {clock.Elapsed.TotalSeconds:0.0} s)");
        Console.WriteLine($"Pagina van de coördinator op {new Uri(host.Address, "/app/")}");

        var spec = new RoundSpec
        {
            RoundId = RoundId, Year = 2021, DefinitionName = "ima", Reference = "3001668",
            // Long enough for the four prompt ministries to answer before the reminder (at +11 s, with room for a slow
            // start on a busy machine: a reminder whose moment passed before the round started is not sent late); BZK
            // alone is late.
            Deadline = DateTimeOffset.UtcNow.AddSeconds(18),
            Schedule = new ScheduleSpec { Reminders = ["PT7S"], Escalations = ["PT2S", "PT6S"], CutOff = "PT20S", ApprovalTimeout = "PT1M", ApprovalReminders = 1, ReopenPeriod = "PT1M" },
            Approver = new Contact { Email = "dg-migratie@jenv.example", Name = "DG Migratie" },
            Coordinator = new Contact { Email = "migratieagenda@jenv.example", Name = "Coördinator IMA" },
        };
        var started = await http.PostAsJsonAsync("/api/rounds", spec, JsonDefaults.Options);
        if (!started.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"Starten mislukt: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync()}");
            return 1;
        }

        // Every ministry answers its own request mail, at its Reply-To address, through the SendGrid webhook.
        var requests = await WaitForRequestsAsync(outbox, 5, TimeSpan.FromSeconds(30));
        if (requests is null)
        {
            Console.Error.WriteLine("De uitvraagmails zijn niet binnen 30 seconden verstuurd.");
            return 1;
        }
        await ReplyAsync(http, webhook, requests, "JenV", InboundMail.Reply("beleid@jenv.example", To(requests, "JenV"), Subject(requests, "JenV"), JenVReply), "tekst, pijlers 1, 3, 4 en 5");
        await ReplyAsync(http, webhook, requests, "BHOS", InboundMail.Reply("fatima@bhos.example", To(requests, "BHOS"), Subject(requests, "BHOS"), BhosReply), "twee pijlers in één mail, met voetnoot");
        await ReplyAsync(http, webhook, requests, "BZ", InboundMail.Reply("migratie@bz.example", To(requests, "BZ"), Subject(requests, "BZ"), "Zie de bijlage.\n\nGroet,\nBZ\n")
            .Attachment("bijdrage-BZ.docx", InboundMail.DocxType, InboundMail.Docx(BzDocx)), ".docx-bijlage, pijlers 1 en 4");
        await ReplyAsync(http, webhook, requests, "SZW", InboundMail.Reply("beleid@szw.example", To(requests, "SZW"), Subject(requests, "SZW"), SzwReply), "tekst, pijlers 5 en 6");
        Console.WriteLine("  BZK antwoordt (nog) niet…");

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
                await ReplyAsync(http, webhook, requests, "BZK", InboundMail.Reply("beleid@bzk.example", To(requests, "BZK"), Subject(requests, "BZK"), BzkLateReply), "te laat, na herinnering en escalatie");
                lateSent = true;
            }
            if (phase == RoundPhase.Reviewing && !approved)
            {
                Console.WriteLine("De DG keurt het concept goed.");
                (await http.PostAsJsonAsync($"/api/rounds/{RoundId}/approve", new { by = "dg-migratie@jenv.example" })).EnsureSuccessStatusCode();
                approved = true;
            }
            if (status.GetProperty("runtimeStatus").GetString() == "Completed")
                return await ExportAsync(http, phase, clock.Elapsed);
            await Task.Delay(500);
        }
        Console.Error.WriteLine("De ronde is niet binnen 90 seconden afgerond.");
        return 1;
    }

    private static async Task<Dictionary<string, OutgoingMail>?> WaitForRequestsAsync(OutboxReader outbox, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var requests = (await outbox.ListAsync(RoundId)).Where(m => m.Mail.Kind == MailKind.Request && m.Mail.Ministry is not null)
                .GroupBy(m => m.Mail.Ministry!).ToDictionary(g => g.Key, g => g.First().Mail);
            if (requests.Count >= count)
                return requests;
            await Task.Delay(200);
        }
        return null;
    }

    private static string To(Dictionary<string, OutgoingMail> requests, string ministry) =>
        requests.TryGetValue(ministry, out var mail) && mail.ReplyTo is { } replyTo
            ? replyTo
            : throw new InvalidOperationException($"Geen uitvraag met Reply-To aan {ministry} in de outbox.");

    private static string Subject(Dictionary<string, OutgoingMail> requests, string ministry) => "Re: " + requests[ministry].Subject;

    private static async Task ReplyAsync(HttpClient http, string webhook, Dictionary<string, OutgoingMail> requests, string ministry, InboundMail mail, string what)
    {
        using var content = new ByteArrayContent(mail.Build());
        content.Headers.TryAddWithoutValidation("Content-Type", InboundMail.ContentType);
        var response = await http.PostAsync(webhook, content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Webhook weigerde het antwoord van {ministry}: {(int)response.StatusCode} {body}");
        Console.WriteLine($"  mail van {ministry} ({what}) → webhook: {(int)response.StatusCode} {Outcome(body)}");
        _ = requests;
    }

    private static string Outcome(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("outcome", out var o) ? o.ToString() : body.Length > 120 ? body[..120] : body;
        }
        catch (JsonException)
        {
            return body.Length > 120 ? body[..120] : body;
        }
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

    private static async Task<int> ExportAsync(HttpClient http, string? phase, TimeSpan elapsed)
    {
        if (phase != RoundPhase.Approved)
        {
            Console.Error.WriteLine($"De ronde eindigde in fase {phase}, niet goedgekeurd.");
            return 1;
        }
        var folder = Path.Combine(AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory), "out", RoundId);
        Directory.CreateDirectory(folder);
        Console.WriteLine($"Ronde afgerond in {elapsed.TotalSeconds:0} s; de definitieve brief staat in {folder}:");
        foreach (var format in new[] { "md", "html", "docx" })
        {
            var path = Path.Combine(folder, $"voortgangsbrief-{RoundId}.{format}");
            await File.WriteAllBytesAsync(path, await http.GetByteArrayAsync($"/api/rounds/{RoundId}/letter?version=final&format={format}"));
            Console.WriteLine($"  {path} ({new FileInfo(path).Length} bytes)");
        }
        return 0;
    }
}
