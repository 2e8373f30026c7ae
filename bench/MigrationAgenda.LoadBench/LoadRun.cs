using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MigrationAgenda.Mail;
using MigrationAgenda.Standalone;
using MigrationAgenda.Storage;
using MigrationAgenda.Storage.Local;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.LoadBench;

/// <summary>
/// One bounded run: Azurite and serve of its own, a round, a warm-up, then per concurrency the minimum writes
/// (ceiling), accepted replies and quarantined replies in interleaved slices, optionally the long decay run, then
/// the checks and the report.
/// </summary>
public sealed class LoadRun(LoadBenchOptions options, TextWriter output)
{
    public const string Secret = "loadbench-inbound-secret";
    public const string InboundDomain = "inbound.loadbench.example";
    public const string HubName = "LoadBench";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(options.MaxDuration);
        var folder = options.OutputFolder ?? Path.Combine(Path.GetTempPath(), $"ma-loadbench-{DateTime.Now:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(folder);
        var report = new Report(options) { Machine = MachineInfo.Describe(), LoadBefore = MachineInfo.LoadAverage() };
        output.WriteLine($"Machine: {report.Machine}; load average {report.LoadBefore}");

        var repoRoot = AzuriteProcess.FindRepoRoot(AppContext.BaseDirectory);
        var requests = options.CountRequests ? new StorageRequests() : null;
        await using var azurite = await AzuriteProcess.StartAsync(repoRoot, dataFolder: null, bound.Token, accessLog: requests is null ? null : requests.Add);
        var azuritePid = ProcessSampler.FindChild("node");

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var timings = new StepTimings();
        var dll = options.ServeDll ?? ServeProcess.DefaultDll();
        report.ServeBuild = dll;
        var environment = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Tokens__SigningKey"] = key,
            ["Inbound__SharedSecret"] = Secret,
            ["Mail__InboundDomain"] = InboundDomain,
            ["DurableTask__HubName"] = HubName,
            ["DurableTask__WorkerId"] = "loadbench",
            ["Local__DataFolder"] = Path.Combine(folder, "local"),
            ["Logging__Console__FormatterName"] = "json",
            [StepTimings.EnableVariable] = "Debug",
        };
        await using var sendGrid = options.Mail == MailPaths.SendGrid ? await FakeSendGridServer.StartAsync() : null;
        if (sendGrid is not null)
        {
            environment["Mail__SendGridApiKey"] = "SG.loadbench-fake-key";
            environment["Mail__SendGridHost"] = sendGrid.BaseAddress.ToString();
        }
        var logPath = Path.Combine(folder, "serve.log");
        await using var serve = await ServeProcess.StartAsync(dll, environment, logPath, bound.Token);
        var log = new ServeLogStats();
        serve.LineReceived += timings.Add;
        serve.LineReceived += log.Add;
        await using var sampler = new ProcessSampler(serve.Pid, azuritePid);
        output.WriteLine($"serve (pid {serve.Pid}) on {serve.Address}, Azurite (pid {azuritePid?.ToString() ?? "?"}) in memory; log {logPath}");

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 256 })
        {
            BaseAddress = serve.Address, Timeout = TimeSpan.FromSeconds(60),
        };
        var round = new BenchRound($"loadbench-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}", options.Ministries);
        var postingFrom = DateTimeOffset.UtcNow;
        await StartRoundAsync(http, round, bound.Token);
        output.WriteLine($"Round {round.RoundId} collecting: {round.Answering.Count} answering ministries (one pillar each) and {BenchRound.SilentMinistry}, which never answers");

        var tokens = new ReplyToken(new TokenOptions { SigningKey = key }, new MailOptions { InboundDomain = InboundDomain });
        var factory = new PostFactory(round, tokens, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(2)), options.StrangerPerReply);
        var writes = await MinimumWrites.CreateAsync(azurite.ConnectionString, bound.Token);
        var posted = new List<BenchPost>();
        var ceilingVersion = 0;
        int nextAccepted = 0, nextQuarantined = 0, nextCeiling = 0;

        async Task<(PhaseResult, IReadOnlyList<StepSum>)> WebhookAsync(string name, string kind, int concurrency, int count)
        {
            var accepted = kind == Kinds.Accepted;
            var posts = accepted ? factory.Batch("A", count, true, ref nextAccepted) : factory.Batch("Q", count, false, ref nextQuarantined);
            posted.AddRange(posts);
            return await MeasureAsync(name, kind, concurrency, posts, (p, ct) => PostAsync(http, p, ct));
        }

        async Task<(PhaseResult, IReadOnlyList<StepSum>)> CeilingAsync(string name, int concurrency, int count)
        {
            var posts = factory.Batch("C", count, true, ref nextCeiling);
            var measured = await MeasureAsync(name, Kinds.Ceiling, concurrency, posts, async (p, ct) =>
            {
                await writes.WriteAsync(p, Interlocked.Increment(ref ceilingVersion), ct);
                return null;
            });
            await writes.DrainAsync(bound.Token);
            return measured;
        }

        async Task<(PhaseResult, IReadOnlyList<StepSum>)> MeasureAsync(string name, string kind, int concurrency, IReadOnlyList<BenchPost> posts,
            Func<BenchPost, CancellationToken, Task<string?>> operation)
        {
            sampler.BeginWindow();
            var counted = requests?.Snapshot();
            var result = await Phase.RunAsync(name, kind, concurrency, posts, operation, bound.Token);
            var quiet = await sampler.QuietAsync(TimeSpan.FromSeconds(60), bound.Token);
            result = result with { QuietAfter = quiet, Resources = sampler.EndWindow() };
            if (requests is not null && counted is not null)
                result = result with { StorageRequests = requests.Since(counted) };
            return (result, timings.Between(result.StartedAt, result.EndedAt));
        }

        PhaseResult Record((PhaseResult Result, IReadOnlyList<StepSum> Steps) phase)
        {
            report.Phases.Add(phase.Result);
            report.Steps[phase.Result] = phase.Steps;
            output.WriteLine(Report.Line(phase.Result));
            return phase.Result;
        }

        // Ceiling, accepted and quarantined in turn, slice by slice, each kind then merged into one result.
        async Task InterleavedAsync(string name, int concurrency, int count)
        {
            var slices = Math.Clamp(options.Slices, 1, count);
            var parts = new[] { Kinds.Ceiling, Kinds.Accepted, Kinds.Quarantined }.ToDictionary(k => k, _ => new List<(PhaseResult Result, IReadOnlyList<StepSum> Steps)>());
            for (var slice = 0; slice < slices; slice++)
            {
                var n = count / slices + (slice < count % slices ? 1 : 0);
                parts[Kinds.Ceiling].Add(await CeilingAsync(name, concurrency, n));
                parts[Kinds.Accepted].Add(await WebhookAsync(name, Kinds.Accepted, concurrency, n));
                parts[Kinds.Quarantined].Add(await WebhookAsync(name, Kinds.Quarantined, concurrency, n));
            }
            foreach (var list in parts.Values)
                Record((PhaseResult.Merge(list.Select(p => p.Result).ToList()), StepSum.Merge(list.Select(p => p.Steps))));
        }

        try
        {
            if (options.Warmup > 0)
            {
                Record(await CeilingAsync("warm-up", 4, options.Warmup));
                Record(await WebhookAsync("warm-up", Kinds.Accepted, 4, options.Warmup));
                Record(await WebhookAsync("warm-up", Kinds.Quarantined, 4, options.Warmup));
            }
            foreach (var c in options.Concurrency)
                await InterleavedAsync("measured", c, options.Replies);
            if (options.Long)
            {
                report.Long = Record(await WebhookAsync("long", Kinds.Accepted, options.LongConcurrency, options.LongReplies));
                await InterleavedAsync("after long", options.LongConcurrency, options.Replies);
            }
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }
        report.Incomplete = bound.IsCancellationRequested || report.Phases.Any(p => p.Completed < p.Planned);
        report.HighWaterMb = sampler.HighWaterMb;
        report.PostBytes = posted.Count == 0 ? 0 : posted.Average(p => p.Body.Length);
        if (report.Long is { } longRun)
            report.DecayBlocks = DecayBlock.Of(longRun, options.Block, sampler);
        sampler.WriteCsv(Path.Combine(folder, "samples.csv"));
        await File.WriteAllLinesAsync(Path.Combine(folder, "requests.csv"), report.Phases
            .SelectMany(p => p.FinishedAt.Zip(p.Latencies, (at, ms) => string.Create(CultureInfo.InvariantCulture, $"{p.Name},{p.Kind},{p.Concurrency},{at:O},{ms:0.0}")))
            .Prepend("phase,kind,concurrency,finished,latency_ms"), CancellationToken.None);

        // Checks run even after the time bound (with their own bound), on what was posted.
        using var checkBound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        checkBound.CancelAfter(TimeSpan.FromMinutes(3));
        report.Checks.AddRange(report.Phases.Where(p => p.Kind != Kinds.Ceiling && p.Failures.Count > 0)
            .Select(p => (false, $"{p.Kind} at {p.Concurrency} ({p.Name}): {p.Failures.Count} posts failed, first: {p.Failures[0]}")));
        if (!report.Incomplete)
            report.Checks.AddRange(await new Verifier(writes.Storage, http, round, sendGrid).VerifyAsync(posted, postingFrom, checkBound.Token));
        else
            report.Checks.Add((false, "The run hit its time bound (--max-minutes) before every phase finished: figures partial, correctness not checked"));

        try
        {
            report.HubQueues = await HubQueues.CountAsync(azurite.ConnectionString, HubName, checkBound.Token);
        }
        catch (Azure.RequestFailedException e)
        {
            output.WriteLine($"Could not count the task hub's queue messages: {e.Message.Split('\n')[0]}");
        }
        report.TimingLines = timings.Count;
        report.UnreadableTimingLines = timings.Unreadable;
        report.LoadAfter = MachineInfo.LoadAverage();
        await serve.DisposeAsync();
        report.Log = log;
        var text = report.Render();
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), text, CancellationToken.None);
        output.WriteLine();
        output.WriteLine(text);
        output.WriteLine($"Report, serve's log, samples.csv (CPU and memory every 250 ms) and requests.csv (every latency): {folder}");
        return report.Checks.All(c => c.Ok) ? 0 : 1;
    }

    private static async Task StartRoundAsync(HttpClient http, BenchRound round, CancellationToken cancellationToken)
    {
        var spec = JsonSerializer.Serialize(round.Spec(DateTimeOffset.UtcNow), JsonDefaults.Options);
        using var response = await http.PostAsync("/api/rounds", new StringContent(spec, Encoding.UTF8, "application/json"), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"POST /api/rounds answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var until = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var status = JsonDocument.Parse(await http.GetStringAsync($"/api/rounds/{round.RoundId}", cancellationToken)).RootElement;
            if (status.GetProperty("phase").GetString() == "Collecting")
                return;
            if (DateTime.UtcNow > until)
                throw new TimeoutException($"Round {round.RoundId} was not collecting within a minute: {status}");
            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task<string?> PostAsync(HttpClient http, BenchPost post, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(post.Body);
        content.Headers.TryAddWithoutValidation("Content-Type", InboundMail.ContentType);
        using var response = await http.PostAsync($"/api/inbound/sendgrid?secret={Secret}", content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            return $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}";
        var json = JsonDocument.Parse(body).RootElement;
        var outcome = json.TryGetProperty("outcome", out var o) ? o.GetString() : null;
        var expected = post.Accepted ? InboundOutcomes.Accepted : InboundOutcomes.Quarantined;
        if (outcome != expected)
            return $"{outcome ?? "no outcome"} instead of {expected}: {body[..Math.Min(body.Length, 200)]}";
        if (post.Accepted && json.TryGetProperty("duplicate", out var d) && d.GetBoolean())
            return "a new reply was taken for a duplicate";
        return null;
    }
}

public static class Kinds
{
    public const string Accepted = "accepted";
    public const string Quarantined = "quarantined";
    public const string Ceiling = "ceiling";
}
