using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Http;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Http;

/// <summary>GET /api/rounds/{id}/audit over HTTP on Azurite: every entry (far more than the status shows), CSV as Excel needs it, and JSON.</summary>
[Collection("Azurite")]
public sealed class AuditExportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Written = 150;

    /// <summary>Details as people and systems write them, and cells Excel would run as formulas.</summary>
    private static readonly string[] Tricky =
    [
        "=SUM(A1:A9)", "+31 6 12345678", "-5 dagen", "@HYPERLINK(\"http://x.example\")", "\tingesprongen", "komma, in de tekst",
        "zei \"ja\" en ging", "regel 1\nregel 2", "coördinator ë ü – „citaat”",
    ];

    private WorkflowHost _workflow = null!;
    private ApiHost _api = null!;
    private string _roundId = null!;
    private HttpClient Http => _api.Http;

    public async Task InitializeAsync()
    {
        _workflow = await WorkflowHost.StartAsync(azurite);
        _api = await ApiHost.StartAsync(_workflow);
        _roundId = $"audit-{Guid.NewGuid():N}"[..20];
        (await Http.PostAsync("/api/rounds", new StringContent(JsonSerializer.Serialize(SampleRounds.Spec(_roundId, DateTimeOffset.UtcNow.AddMinutes(30)), JsonDefaults.Options),
            Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(async () => JsonDocument.Parse(await Http.GetStringAsync($"/api/rounds/{_roundId}")).RootElement,
            s => s.GetProperty("phase").GetString() == RoundPhase.Collecting && s.GetProperty("history").GetArrayLength() >= 3, TimeSpan.FromSeconds(30), "collecting");

        var audit = _workflow.Services.GetRequiredService<AuditLog>();
        var start = DateTimeOffset.UtcNow.AddMinutes(1);
        for (var i = 0; i < Written; i++)
        {
            var (actor, detail) = i switch
            {
                0 => ("=cmd|' /C calc'!A0", "actor als formule"),
                _ when i <= Tricky.Length => ($"medewerker{i}@minjenv.example", Tricky[i - 1]),
                _ => ($"medewerker{i}@minjenv.example", $"Regel {i}"),
            };
            await audit.WriteAsync(_roundId, actor, i % 2 == 0 ? null : $"Medewerker {i}", AuditActions.TextsChanged, detail, start.AddSeconds(i), CancellationToken.None);
        }
    }

    public async Task DisposeAsync()
    {
        (await Http.PostAsync($"/api/rounds/{_roundId}/cancel", JsonBodies.Empty())).Dispose();
        await _api.DisposeAsync();
        await _workflow.DisposeAsync();
    }

    private async Task<int> StoredCountAsync() =>
        (await _workflow.Services.GetRequiredService<AuditLog>().ListAllAsync(_roundId, CancellationToken.None)).Count;

    [Fact]
    public async Task Csv_has_every_entry_a_header_a_byte_order_mark_rfc_4180_quoting_and_no_formulas()
    {
        using var response = await Http.GetAsync($"/api/rounds/{_roundId}/audit?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"auditlog-{_roundId}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Tijdstip,Actor,Naam,Actie,Omschrijving,Details\r\n", text, StringComparison.Ordinal);

        // RFC 4180 as written: quotes doubled inside a quoted field, line breaks and commas inside quotes.
        Assert.Contains("\"zei \"\"ja\"\" en ging\"", text, StringComparison.Ordinal);
        Assert.Contains("\"komma, in de tekst\"", text, StringComparison.Ordinal);
        Assert.Contains("\"regel 1\nregel 2\"", text, StringComparison.Ordinal);

        var rows = Parse(text, ",");
        Assert.Equal(AuditCsv.Header, rows[0]);
        var records = rows.Skip(1).ToList();
        Assert.True(records.Count > 100, $"only {records.Count} rows");
        Assert.Equal(await StoredCountAsync(), records.Count);
        Assert.Equal(Written, records.Count(r => r[3] == AuditActions.TextsChanged));
        Assert.All(records, r => Assert.Equal(6, r.Length));
        // Oldest first: the round's own start comes before everything written later.
        var times = records.Select(r => DateTimeOffset.Parse(r[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(AuditActions.RoundStarted, records[0][3]);
        Assert.Equal("ronde gestart", records[0][4]);
        Assert.Equal("lokaal", records[0][1]);

        var details = records.Select(r => r[5]).ToList();
        // Cells Excel would read as a formula start with a quote; the text after it is intact.
        Assert.Contains("'=SUM(A1:A9)", details);
        Assert.Contains("'+31 6 12345678", details);
        Assert.Contains("'-5 dagen", details);
        Assert.Contains("'@HYPERLINK(\"http://x.example\")", details);
        Assert.Contains("'\tingesprongen", details);
        Assert.Contains(records, r => r[1] == "'=cmd|' /C calc'!A0");
        Assert.DoesNotContain(records.SelectMany(r => r), cell => cell.Length > 0 && "=+-@".Contains(cell[0], StringComparison.Ordinal));
        // Text as it was written otherwise: Dutch characters, quotes, commas, line breaks.
        Assert.Contains("coördinator ë ü – „citaat”", details);
        Assert.Contains("zei \"ja\" en ging", details);
        Assert.Contains("regel 1\nregel 2", details);
        Assert.Contains(records, r => r[1] == "medewerker1@minjenv.example" && r[2] == "Medewerker 1" && r[4] == "teksten gewijzigd");
        Assert.Contains(records, r => r[1] == "medewerker2@minjenv.example" && r[2] == "medewerker2@minjenv.example");
    }

    [Fact]
    public async Task Semicolon_csv_for_Excel_in_Dutch_splits_the_same_cells()
    {
        var bytes = await Http.GetByteArrayAsync($"/api/rounds/{_roundId}/audit?format=csv&delimiter=semicolon");
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Tijdstip;Actor;Naam;Actie;Omschrijving;Details\r\n", text, StringComparison.Ordinal);
        var rows = Parse(text, ";");
        Assert.Equal(await StoredCountAsync() + 1, rows.Count);
        Assert.Contains(rows, r => r[5] == "komma, in de tekst");
    }

    [Fact]
    public async Task Json_has_every_entry_oldest_first_with_actor_action_and_their_Dutch_labels()
    {
        using var response = await Http.GetAsync($"/api/rounds/{_roundId}/audit?format=json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"auditlog-{_roundId}.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["roundId", "exportedAt", "count", "entries"], export.EnumerateObject().Select(p => p.Name));
        Assert.Equal(_roundId, export.GetProperty("roundId").GetString());
        var entries = export.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(await StoredCountAsync(), entries.Count);
        Assert.Equal(entries.Count, export.GetProperty("count").GetInt32());
        Assert.True(entries.Count > Written);
        Assert.All(entries, e => Assert.Equal(["at", "actor", "actorLabel", "action", "label", "detail"], e.EnumerateObject().Select(p => p.Name)));
        var times = entries.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        // JSON carries the text as written (no spreadsheet guard needed there).
        Assert.Contains(entries, e => e.GetProperty("detail").GetString() == "=SUM(A1:A9)");
        var first = entries.Single(e => e.GetProperty("actor").GetString() == "medewerker1@minjenv.example");
        Assert.Equal("Medewerker 1", first.GetProperty("actorLabel").GetString());
        Assert.Equal("teksten gewijzigd", first.GetProperty("label").GetString());
    }

    [Fact]
    public async Task Unknown_formats_and_rounds_are_refused_in_Dutch()
    {
        Assert.Contains("Kies csv of json", await (await Http.GetAsync($"/api/rounds/{_roundId}/audit?format=xml")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await Http.GetAsync($"/api/rounds/{_roundId}/audit?delimiter=tab")).StatusCode);
        using var missing = await Http.GetAsync("/api/rounds/bestaat-niet/audit");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    private static List<string[]> Parse(string text, string delimiter)
    {
        using var reader = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter, HasHeaderRecord = false });
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i)!).ToArray());
        return rows;
    }
}
