using System.Net;
using System.Text;
using System.Text.Json;
using MigrationAgenda.Mail;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.EndToEndTests;

/// <summary>`serve` as a child process on the fixture's Azurite, driven over HTTP only.</summary>
[Collection("Azurite")]
public sealed class ServeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_full_round_runs_over_http_with_the_webhook_a_command_and_the_letter()
    {
        var (host, http) = await StandaloneProcess.ServeAsync(Support.Environment(azurite, Support.NewHub("e2e")));
        await using var _ = host;
        using var __ = http;
        var id = Support.NewId("e2e");

        var started = await http.PostJsonAsync("/api/rounds", SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(10)));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var replyTo = await Support.ReplyAddressesAsync(azurite.NewStorage(), id, "BHOS", "BZK");

        // The webhook refuses a call without the shared secret, and takes a real reply with it. The replies carry their
        // pillar heading: a one-line reply without one is a note for the coordinator, not letter text.
        var anonymous = await http.PostAsync("/api/inbound/sendgrid", Support.Reply(replyTo["BHOS"], "fatima@bhos.example", "Tekst"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await http.PostReplyAsync(replyTo["BHOS"], "fatima@bhos.example", "Pijler 2\r\n\r\nHet ESSN ondersteunt maandelijks 1.7 miljoen vluchtelingen.\r\n\r\nGroet,\r\nFatima");
        await http.WaitForAsync(id, s => Support.Received(s, "BHOS", 2), "BHOS pillar 2 received");

        // A command: extend the deadline while collecting.
        var extend = await http.PostJsonAsync($"/api/rounds/{id}/extend", new { deadline = DateTimeOffset.UtcNow.AddMinutes(20) });
        Assert.True(extend.IsSuccessStatusCode, await extend.Content.ReadAsStringAsync());

        await http.PostReplyAsync(replyTo["BZK"], "jan@bzk.example", "Pijler 6\r\n\r\nDe Regietafel heeft een handreiking uitgewerkt.");
        await Support.ApproveAndCompleteAsync(http, id);

        var md = await http.GetStringAsync($"/api/rounds/{id}/letter?format=md&version=final");
        Assert.Contains("1.7 miljoen vluchtelingen", md);
        Assert.Contains("handreiking uitgewerkt", md);
        var docx = await http.GetByteArrayAsync($"/api/rounds/{id}/letter?format=docx");
        Assert.True(docx.Length > 1000 && docx[0] == 'P' && docx[1] == 'K', "the docx letter is a zip package");
        var html = await http.GetStringAsync($"/api/rounds/{id}/letter?format=html");
        Assert.Contains("handreiking uitgewerkt", html);

        // Graceful stop on SIGTERM.
        Assert.True(await host.TerminateAsync(TimeSpan.FromSeconds(25)), "the host stops within 25 s of SIGTERM");
        Assert.Equal(0, host.ExitCode);
        Assert.DoesNotContain("   at ", host.Stdout + host.Stderr);
    }

    [LinuxFact]
    public async Task Serve_started_in_a_folder_full_of_folders_watches_none_of_them()
    {
        // The tests start serve in the temporary folder, which holds every test's folders: a settings watcher there
        // would keep an inotify watch on each and wake serve on every write below it.
        Assert.NotEmpty(Directory.GetDirectories(Path.GetTempPath()));
        var (host, http) = await StandaloneProcess.ServeAsync(Support.Environment(azurite, Support.NewHub("watch")));
        await using var _ = host;
        using var __ = http;

        var watches = Directory.GetFiles($"/proc/{host.Id}/fd")
            .Where(fd => new FileInfo(fd).LinkTarget == "anon_inode:inotify")
            .Sum(fd => File.ReadLines($"/proc/{host.Id}/fdinfo/{Path.GetFileName(fd)}").Count(l => l.StartsWith("inotify wd:", StringComparison.Ordinal)));

        Assert.Equal(0, watches);
    }

    [Fact]
    public async Task A_round_survives_kill_9_of_the_host()
    {
        var environment = Support.Environment(azurite, Support.NewHub("dur"));
        var storage = azurite.NewStorage();
        var id = Support.NewId("dur");

        var (first, http) = await StandaloneProcess.ServeAsync(environment);
        await using (first)
        {
            var started = await http.PostJsonAsync("/api/rounds", SampleRounds.Spec(id, DateTimeOffset.UtcNow.AddMinutes(10), null,
                SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("BZK", 6), SampleRounds.Ministry("SZW", 5)));
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var replyTo = await Support.ReplyAddressesAsync(storage, id, "BHOS", "BZK", "SZW");
            await http.PostReplyAsync(replyTo["BHOS"], "fatima@bhos.example", "Pijler 2\r\n\r\nVoor de kill: het ESSN ondersteunt 1.7 miljoen vluchtelingen.");
            await http.WaitForAsync(id, s => Support.Received(s, "BHOS", 2), "BHOS received before the kill");
            await first.KillAsync();
        }
        http.Dispose();

        var (second, http2) = await StandaloneProcess.ServeAsync(environment);
        await using (second)
        {
            using var _ = http2;
            var replyTo = await Support.ReplyAddressesAsync(storage, id, "BHOS", "BZK", "SZW");
            await http2.PostReplyAsync(replyTo["BZK"], "jan@bzk.example", "Pijler 6\r\n\r\nNa de herstart: de Regietafel heeft een handreiking uitgewerkt.");
            await http2.PostReplyAsync(replyTo["SZW"], "piet@szw.example", "Pijler 5\r\n\r\nNa de herstart: workinnl.nl informeert migranten.");
            await Support.ApproveAndCompleteAsync(http2, id);

            var md = await http2.GetStringAsync($"/api/rounds/{id}/letter?format=md&version=final");
            Assert.Contains("Voor de kill", md);
            Assert.Contains("Na de herstart: de Regietafel", md);
            Assert.Contains("workinnl.nl", md);

            var requests = (await new OutboxReader(storage).ListAsync(id)).Where(m => m.Mail.Kind == MailKind.Request).ToList();
            Assert.Equal(3, requests.Count);
            Assert.Equal(3, requests.Select(r => r.Mail.Ministry).Distinct().Count());
        }
    }

    public static TheoryData<string> BadConfigurations => ["malformed", "unreachable", "port", "definition"];

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task Bad_configuration_stops_fast_with_one_line_naming_the_setting(string kind)
    {
        var environment = Support.Environment(azurite, Support.NewHub("bad"));
        using var occupied = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = kind == "port" ? ((IPEndPoint)occupied.LocalEndpoint).Port : StandaloneProcess.FreePort();
        string expected;
        switch (kind)
        {
            case "malformed":
                environment["Storage__ConnectionString"] = "this-is-not-a-connection-string";
                expected = "Storage:ConnectionString";
                break;
            case "unreachable":
                environment["Storage__ConnectionString"] = azurite.ConnectionString.Replace($":{azurite.Azurite.TablePort}/", $":{StandaloneProcess.FreePort()}/", StringComparison.Ordinal)
                    .Replace($":{azurite.Azurite.BlobPort}/", $":{StandaloneProcess.FreePort()}/", StringComparison.Ordinal)
                    .Replace($":{azurite.Azurite.QueuePort}/", $":{StandaloneProcess.FreePort()}/", StringComparison.Ordinal);
                expected = "Storage:ConnectionString";
                break;
            case "definition":
                // A definition file whose pillar 7 no ministry writes: refused at start-up, naming the file.
                var folder = Directory.CreateTempSubdirectory("ma-e2e-definitions-").FullName;
                var ima = SamplePlans.ImaDefinition();
                expected = Path.Combine(folder, "ima-2028.json");
                File.WriteAllText(expected, JsonSerializer.Serialize(ima with
                {
                    Name = "ima-2028",
                    Pillars = [.. ima.Pillars, new Rounds.PillarDefinition { Number = 7, Title = "Nieuwe pijler" }],
                }, Storage.JsonDefaults.Options));
                environment["Rounds__DefinitionsPath"] = folder;
                break;
            default:
                expected = "--urls";
                break;
        }

        var started = DateTime.UtcNow;
        await using var host = StandaloneProcess.Start(["serve", "--urls", $"http://127.0.0.1:{port}"], environment);
        Assert.True(await host.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"still running: {host.Stdout}");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "stops within 20 s");
        Assert.NotEqual(0, host.ExitCode);
        var lines = host.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", host.Stdout + host.Stderr);
        Assert.DoesNotContain("Exception", host.Stdout + host.Stderr);
    }
}
