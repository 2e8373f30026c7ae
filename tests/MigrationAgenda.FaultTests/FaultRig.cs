using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using MigrationAgenda.EndToEndTests;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.FaultTests;

/// <summary>
/// What a fault test controls: an Azurite of its own (files on disk, stopped and started on the same ports), the fake
/// SendGrid server (outages, held sends, deliveries per message id), and the built Standalone host as a child process
/// (started, killed with kill -9, restarted on the same address) with second-long retries.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    public const string Secret = "fault-inbound-secret";
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string _repo = AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory);
    private readonly int _port = StandaloneProcess.FreePort();
    private readonly List<string> _logs = [];
    private readonly string _dataFolder;
    private readonly (int Blob, int Queue, int Table) _ports;

    private FaultRig(FakeSendGridServer sendGrid, AzuriteProcess azurite, string dataFolder, Dictionary<string, string> environment)
    {
        _dataFolder = dataFolder;
        SendGrid = sendGrid;
        Azurite = azurite;
        Environment = environment;
        _ports = (azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        Storage = StorageClients.Connect(StorageAccount.FromConnectionString(azurite.ConnectionString), fastFail: true);
    }

    public FakeSendGridServer SendGrid { get; }
    public AzuriteProcess Azurite { get; private set; }
    public bool StorageUp { get; private set; } = true;
    public Dictionary<string, string> Environment { get; }
    public StorageClients Storage { get; }
    public StandaloneProcess? Host { get; private set; }
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>The host's output so far, all runs, for a failing assertion to show.</summary>
    public string Logs => string.Join("\n----- restart -----\n", _logs.Append(Host is null ? "" : Host.Stdout + Host.Stderr));

    /// <param name="settings">Host settings over the defaults (environment variable names, e.g. Mail__ClaimTimeout).</param>
    public static async Task<FaultRig> StartAsync(IDictionary<string, string>? settings = null)
    {
        var sendGrid = await FakeSendGridServer.StartAsync();
        var repo = AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory);
        var data = Path.Combine(Path.GetTempPath(), $"ma-fault-azurite-{Guid.NewGuid():N}");
        var azurite = await AzuriteProcess.StartAsync(repo, data);
        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Tokens__SigningKey"] = "fault-tests-signing-key-0123456789abcdefghijk",
            ["Inbound__SharedSecret"] = Secret,
            ["DurableTask__HubName"] = "fault" + Guid.NewGuid().ToString("N")[..12],
            ["Mail__SendGridApiKey"] = "SG.fault-tests",
            ["Mail__SendGridHost"] = sendGrid.BaseAddress.ToString(),
            ["Mail__FromAddress"] = "migratieagenda@noreply.example",
            ["Mail__InboundDomain"] = "inbound.migratieagenda.example",
            ["Mail__SendTimeout"] = "00:00:05",
            ["Mail__RecordFor"] = "00:00:05",
            ["Mail__ClaimTimeout"] = "00:00:15",
            ["Rounds__ActivityRetry__FirstInterval"] = "00:00:01",
            ["Rounds__ActivityRetry__MaxInterval"] = "00:00:03",
            ["Rounds__EventReconcile__Interval"] = "00:00:05",
            ["Rounds__EventReconcile__Grace"] = "00:00:05",
            ["Local__DataFolder"] = Path.Combine(Path.GetTempPath(), "ma-fault-local"),
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        var rig = new FaultRig(sendGrid, azurite, data, environment);
        await rig.Storage.EnsureCreatedAsync();
        return rig;
    }

    public async Task StartHostAsync()
    {
        if (Host is not null)
            _logs.Add(Host.Stdout + Host.Stderr);
        var (host, http) = await StandaloneProcess.ServeAsync(Environment, _port);
        http.Dispose();
        Host = host;
        Http.BaseAddress ??= new Uri($"http://127.0.0.1:{_port}");
    }

    /// <summary>kill -9: no shutdown code runs, queue messages it had taken stay invisible until their timeout.</summary>
    public async Task KillHostAsync()
    {
        await Host!.KillAsync();
        Assert.True(Host.HasExited);
    }

    /// <summary>Stops Azurite (gracefully, so what it acknowledged is on disk): storage is gone for everyone.</summary>
    public async Task StopStorageAsync()
    {
        await Azurite.DisposeAsync();
        StorageUp = false;
    }

    public async Task StartStorageAsync()
    {
        Azurite = await AzuriteProcess.StartAsync(_repo, _dataFolder, ports: _ports);
        StorageUp = true;
    }

    /// <summary>The round's status, asked until the host answers.</summary>
    public Task<JsonElement> StatusAsync(string roundId) =>
        Eventually.WaitAsync(async () =>
        {
            try
            {
                var response = await Http.GetAsync($"/api/rounds/{roundId}");
                return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement : default;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return default;
            }
        }, s => s.ValueKind == JsonValueKind.Object, Patience, $"{roundId}: an answer from the host");

    public async Task<JsonElement> WaitForAsync(string roundId, Func<JsonElement, bool> done, string what, TimeSpan? within = null)
    {
        var until = DateTime.UtcNow + (within ?? Patience);
        JsonElement status;
        while (!done(status = await StatusAsync(roundId)))
        {
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"{roundId}: {what} not within {(within ?? Patience).TotalSeconds:0} s. Last status: {status}\nHost log:\n{Tail(Logs)}");
            await Task.Delay(250);
        }
        return status;
    }

    public static bool AllReceived(JsonElement status) =>
        status.GetProperty("ministries").EnumerateArray().All(m => m.GetProperty("pillars").EnumerateArray().All(p => p.GetProperty("state").GetString() == "received"));

    public static int ReceivedCount(JsonElement status) =>
        status.GetProperty("ministries").EnumerateArray().Count(m => m.GetProperty("pillars").EnumerateArray().All(p => p.GetProperty("state").GetString() == "received"));

    /// <summary>What the fake SendGrid accepted for the round, per message id.</summary>
    public IReadOnlyDictionary<string, int> Deliveries(string roundId) =>
        SendGrid.DeliveriesPerMessageId().Where(d => d.Key.StartsWith(roundId + "/", StringComparison.Ordinal))
            .ToDictionary(d => d.Key[(roundId.Length + 1)..], d => d.Value);

    public void AssertNothingSentTwice(string roundId)
    {
        var twice = Deliveries(roundId).Where(d => d.Value > 1).Select(d => $"{d.Key} ×{d.Value}").ToList();
        Assert.True(twice.Count == 0, $"sent more than once: {string.Join(", ", twice)}");
    }

    /// <summary>The Reply-To of each request the fake accepted, by ministry.</summary>
    public IReadOnlyDictionary<string, string> ReplyAddresses(string roundId) =>
        SendGrid.Received.Where(r => r.Delivered && r.Round == roundId && r.CustomArg("kind") == "Request")
            .GroupBy(r => r.CustomArg("ministry")!)
            .ToDictionary(g => g.Key, g => g.First().Json.GetProperty("reply_to").GetProperty("email").GetString()!);

    /// <summary>The ledger rows of the round, from storage.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(string roundId) => await new MailLedger(Storage).ListAsync(roundId, default);

    /// <summary>Every stored version in the round: each reply must be there once.</summary>
    public async Task<IReadOnlyList<TableEntity>> VersionsAsync(string roundId)
    {
        var rows = new List<TableEntity>();
        await foreach (var e in Storage.Table(StorageClients.ContributionsTable).QueryAsync<TableEntity>(e => e.PartitionKey == roundId))
            if (!e.RowKey.StartsWith("submission|", StringComparison.Ordinal))
                rows.Add(e);
        return rows;
    }

    /// <summary>A reply as SendGrid Inbound Parse posts it, with a fixed Message-ID: a retry posts the same bytes.</summary>
    public static byte[] Reply(string to, string from, string subject, string text)
    {
        var domain = from[(from.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var headers = $"Date: Mon, 4 Jan 2027 11:12:00 +0100\r\nFrom: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@{domain}>\r\nMIME-Version: 1.0\r\n";
        return new SendGridPost()
            .Field("headers", headers).Field("dkim", $"{{@{domain} : pass}}").Field("to", to).Field("from", from).Field("text", text)
            .Field("sender_ip", "192.0.2.25").Field("envelope", $"{{\"to\":[\"{to}\"],\"from\":\"{from}\"}}").Field("attachments", "0")
            .Field("subject", subject).Field("spam_score", "0.1")
            .Field("charsets", "{\"to\":\"UTF-8\",\"html\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}")
            .Field("SPF", "pass").Build();
    }

    /// <summary>
    /// Posts a reply as SendGrid does: again and again (every second here; minutes in real life) until it gets a 2xx,
    /// through 503s, refused connections and a host that dies. Returns the attempts it took.
    /// </summary>
    public async Task<int> DeliverLikeSendGridAsync(byte[] post, TimeSpan? giveUpAfter = null)
    {
        var until = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(post);
                content.Headers.TryAddWithoutValidation("Content-Type", SendGridPost.ContentType);
                var response = await Http.PostAsync($"/api/inbound/sendgrid?secret={Secret}", content);
                if (response.IsSuccessStatusCode)
                    return attempt;
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable,
                    $"the webhook answered {(int)response.StatusCode}, which SendGrid would drop: {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (until.Elapsed > (giveUpAfter ?? Patience))
                throw new TimeoutException($"a reply was not accepted within {until.Elapsed.TotalSeconds:0} s\nHost log:\n{Tail(Logs)}");
            await Task.Delay(1000);
        }
    }

    /// <summary>Starts a round of twenty ministries and waits until its twenty requests are out; returns their reply addresses.</summary>
    public async Task<IReadOnlyDictionary<string, string>> StartTwentyAsync(string roundId)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync("/api/rounds", Rounds.Spec(roundId))).StatusCode);
        await WaitForAsync(roundId, s => Deliveries(roundId).Count == 20 && s.GetProperty("phase").GetString() == "Collecting", "twenty requests");
        return ReplyAddresses(roundId);
    }

    /// <summary>The twenty ministries answer at once; "SendGrid" posts each until it is accepted.</summary>
    public ReplyStorm Storm(IReadOnlyDictionary<string, string> replyTo, TimeSpan spacing = default) =>
        new(this, Enumerable.Range(1, 20).Select(n => Rounds.Reply(replyTo, n)), spacing);

    public Task<HttpResponseMessage> PostJsonAsync(string url, object body) =>
        Http.PostAsync(url, new StringContent(JsonSerializer.Serialize(body, JsonDefaults.Options), Encoding.UTF8, "application/json"));

    private static string Tail(string log) => log.Length <= 6000 ? log : "…" + log[^6000..];

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        Http.Dispose();
        await SendGrid.DisposeAsync();
        if (StorageUp)
            await Azurite.DisposeAsync();
        try { Directory.Delete(_dataFolder, recursive: true); } catch (IOException) { }
    }
}
