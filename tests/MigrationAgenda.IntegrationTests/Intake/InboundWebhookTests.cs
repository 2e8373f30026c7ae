using System.Net;
using System.Text;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>The SendGrid webhook end to end: real orchestrator, real Azurite, the API on Kestrel.</summary>
[Collection("Azurite")]
public sealed class InboundWebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "s3cret";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private WebhookHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await WebhookHosts.StartAsync(azurite, Secret);

    public Task DisposeAsync() => _hosts.DisposeAsync().AsTask();

    private HttpClient Http => _hosts.Api.Http;

    [Fact]
    public async Task A_reply_from_the_ministry_is_accepted_stored_and_shown_in_the_round()
    {
        var round = await StartRoundAsync();
        var replyTo = await ReplyAddressAsync(round, "BHOS");

        var response = await PostAsync(Reply(replyTo, "officer@bhos.example", "Pijler 2\n\nTekst van BHOS over pijler twee."));
        var body = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", body.GetProperty("outcome").GetString());
        Assert.Equal(2, body.GetProperty("versions")[0].GetProperty("pillar").GetInt32());

        var stored = await Contributions.ListAsync(round, CancellationToken.None);
        var contribution = Assert.Single(stored);
        Assert.Equal("BHOS", contribution.Ministry);
        Assert.Equal(2, contribution.Pillar);
        Assert.Equal("mail", contribution.Source);
        Assert.Contains("Tekst van BHOS", contribution.Text);
        Assert.False(string.IsNullOrEmpty(contribution.ArchiveBlob));

        var view = await Eventually.WaitAsync(() => RoundViewAsync(round),
            v => PillarState(v, "BHOS", 2) == "received", Patience, "pillar 2 received in the round status");
        var message = Assert.Single(view.GetProperty("messages").EnumerateArray());
        Assert.Equal("accepted", message.GetProperty("outcome").GetString());
        Assert.Equal("BHOS", message.GetProperty("ministry").GetString());
    }

    [Fact]
    public async Task A_call_without_the_right_secret_is_refused()
    {
        var post = Reply("reply+x@inbound.migratieagenda.example", "officer@bhos.example", "Pijler 2\n\nTekst.");
        var wrong = await Http.PostAsync("/api/inbound/sendgrid?secret=wrong", Content(post));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        var none = await Http.PostAsync("/api/inbound/sendgrid", Content(post));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        using var basic = new HttpRequestMessage(HttpMethod.Post, "/api/inbound/sendgrid") { Content = Content(post) };
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("sendgrid:s3cret"u8.ToArray()));
        var ok = await Http.SendAsync(basic);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode); // authenticated; quarantined for its made-up token
    }

    [Fact]
    public async Task An_altered_token_is_quarantined_with_its_reason_and_listed()
    {
        var round = await StartRoundAsync();
        var replyTo = await ReplyAddressAsync(round, "BHOS");
        var at = replyTo.IndexOf('@', StringComparison.Ordinal);
        var altered = replyTo[..(at - 1)] + (replyTo[at - 1] == 'a' ? 'b' : 'a') + replyTo[at..];

        var response = await PostAsync(Reply(altered, "officer@bhos.example", "Pijler 2\n\nTekst."));
        var body = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("quarantined", body.GetProperty("outcome").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("reason").GetString()));
        var id = body.GetProperty("id").GetString();

        var list = await JsonAsync(await Http.GetAsync("/api/inbound/quarantine"));
        var item = list.EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        Assert.Equal(body.GetProperty("reason").GetString(), item.GetProperty("reason").GetString());
        Assert.Equal("officer@bhos.example", item.GetProperty("from").GetString());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("archiveBlob").GetString()));
        Assert.Empty(await Contributions.ListAsync(round, CancellationToken.None));
    }

    [Fact]
    public async Task A_sender_off_the_allow_list_is_quarantined_and_told_only_when_authenticated()
    {
        var round = await StartRoundAsync();
        var replyTo = await ReplyAddressAsync(round, "BHOS");

        // Authenticated (SPF and DKIM pass for evil.example) but not on BHOS's list: quarantined, and told why.
        var authenticated = await JsonAsync(await PostAsync(Reply(replyTo, "someone@evil.example", "Pijler 2\n\nTekst.")));
        Assert.Equal("quarantined", authenticated.GetProperty("outcome").GetString());

        // Claims to be BHOS, but neither SPF nor DKIM vouches for it: quarantined, and no reply (no backscatter).
        var spoofed = await JsonAsync(await PostAsync(Reply(replyTo, "officer@bhos.example", "Pijler 2\n\nAndere tekst.",
            spf: "fail", dkim: "none", envelopeFrom: "bounce@attacker.example")));
        Assert.Equal("quarantined", spoofed.GetProperty("outcome").GetString());

        await _hosts.Api.QuarantineFollowUpDoneAsync();
        var notices = (await _hosts.Workflow.Outbox.ListAsync(round)).Select(m => m.Mail).Where(m => m.Kind == MailKind.QuarantineNotice).ToList();
        var notice = Assert.Single(notices);
        Assert.Equal("someone@evil.example", notice.To.Single().Email);
        Assert.Empty(await Contributions.ListAsync(round, CancellationToken.None));

        var view = await RoundViewAsync(round);
        Assert.Equal(2, view.GetProperty("messages").GetArrayLength());
        Assert.All(view.GetProperty("messages").EnumerateArray(), m => Assert.Equal("quarantined", m.GetProperty("outcome").GetString()));
    }

    [Fact]
    public async Task The_same_message_posted_ten_times_at_once_is_one_version_and_one_event()
    {
        var round = await StartRoundAsync();
        var replyTo = await ReplyAddressAsync(round, "BHOS");
        var post = Reply(replyTo, "officer@bhos.example", "Pijler 2\n\nEén keer opgeslagen, tien keer ontvangen.");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(post)));
        foreach (var r in responses)
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("accepted", (await JsonAsync(r)).GetProperty("outcome").GetString());
        }

        Assert.Single(await Contributions.ListAsync(round, CancellationToken.None));
        var audit = await _hosts.Workflow.Services.GetRequiredService<AuditLog>().ListAsync(round, 100, CancellationToken.None);
        Assert.Single(audit, a => a.Action == "contribution-received");
        await Eventually.WaitAsync(() => RoundViewAsync(round), v => PillarState(v, "BHOS", 2) == "received", Patience, "pillar 2 received");
        Assert.Single((await RoundViewAsync(round)).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task A_quarantined_message_posted_ten_times_at_once_then_reprocessed_tells_its_sender_once()
    {
        var round = await StartRoundAsync();
        var replyTo = await ReplyAddressAsync(round, "BHOS");
        var post = Reply(replyTo, "someone@evil.example", "Pijler 2\n\nTien keer ontvangen, één keer uitgelegd.");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(post)));
        var ids = new HashSet<string>();
        foreach (var r in responses)
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var body = await JsonAsync(r);
            Assert.Equal("UnknownSender", body.GetProperty("reasonCode").GetString());
            ids.Add(body.GetProperty("id").GetString()!);
        }
        var id = Assert.Single(ids);
        var again = await JsonAsync(await Http.PostAsync($"/api/inbound/reprocess/{id}?secret={Secret}", new StringContent("", Encoding.UTF8, "application/json")));
        Assert.Equal("quarantined", again.GetProperty("outcome").GetString());

        await _hosts.Api.QuarantineFollowUpDoneAsync();
        var notice = Assert.Single((await _hosts.Workflow.Outbox.ListAsync(round)).Select(m => m.Mail), m => m.Kind == MailKind.QuarantineNotice);
        Assert.Equal("someone@evil.example", notice.To.Single().Email);
        var audit = await _hosts.Workflow.Services.GetRequiredService<AuditLog>().ListAsync(round, 100, CancellationToken.None);
        Assert.Single(audit, a => a.Action == AuditActions.Mail(MailKind.QuarantineNotice));
        Assert.Single(audit, a => a.Action == AuditActions.MailQuarantined);
    }

    [Fact]
    public async Task A_quarantined_message_can_be_released_by_the_coordinator()
    {
        var round = await StartRoundAsync();
        var replyTo = await ReplyAddressAsync(round, "BHOS");
        // From a private address: quarantined, but the coordinator knows it is the BHOS officer.
        var quarantined = await JsonAsync(await PostAsync(Reply(replyTo, "officer@home.example", "Pijler 2\n\nTekst vanaf thuis.")));
        Assert.Equal("quarantined", quarantined.GetProperty("outcome").GetString());
        var id = quarantined.GetProperty("id").GetString();

        var release = await Http.PostAsJsonAsync($"/api/inbound/quarantine/{id}/release", new { roundId = round, ministry = "BHOS", pillar = 2 });
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.Equal("released", (await JsonAsync(release)).GetProperty("outcome").GetString());

        var contribution = Assert.Single(await Contributions.ListAsync(round, CancellationToken.None));
        Assert.Equal(2, contribution.Pillar);
        Assert.Contains("Tekst vanaf thuis", contribution.Text);
        var list = await JsonAsync(await Http.GetAsync("/api/inbound/quarantine"));
        Assert.DoesNotContain(list.EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        await Eventually.WaitAsync(() => RoundViewAsync(round), v => PillarState(v, "BHOS", 2) == "received", Patience, "pillar 2 received");

        var again = await Http.PostAsJsonAsync($"/api/inbound/quarantine/{id}/release", new { roundId = round, ministry = "BHOS", pillar = 2 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Reprocessing_runs_the_pipeline_again_from_the_archive()
    {
        var round = await StartRoundAsync();
        var replyTo = await ReplyAddressAsync(round, "BHOS");
        var first = await JsonAsync(await PostAsync(Reply(replyTo, "officer@bhos.example", "Pijler 2\n\nTekst.")));
        Assert.Equal("accepted", first.GetProperty("outcome").GetString());

        var again = await Http.PostAsync($"/api/inbound/reprocess/{first.GetProperty("id").GetString()}?secret={Secret}", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await JsonAsync(again);
        Assert.Equal("accepted", body.GetProperty("outcome").GetString());
        Assert.True(body.GetProperty("duplicate").GetBoolean());
        Assert.Single(await Contributions.ListAsync(round, CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsync($"/api/inbound/reprocess/{new string('0', 64)}", new StringContent("", Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task A_message_archived_before_a_fault_is_recovered_by_reprocessing()
    {
        var round = await StartRoundAsync();
        var replyTo = await ReplyAddressAsync(round, "BHOS");
        var post = Reply(replyTo, "officer@bhos.example", "Pijler 2\n\nNa een storing alsnog verwerkt.");
        // What the webhook leaves behind when storage fails after archiving: the blob and a 'received' row.
        var store = _hosts.Workflow.Services.GetRequiredService<InboundStore>();
        var id = InboundStore.Sha256(post);
        var now = DateTimeOffset.UtcNow;
        var blob = await store.ArchiveAsync(post, id, SendGridPost.ContentType, now, CancellationToken.None);
        await store.MarkReceivedAsync(id, blob, now, CancellationToken.None);

        var response = await Http.PostAsync($"/api/inbound/reprocess/{id}", new StringContent("", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("accepted", (await JsonAsync(response)).GetProperty("outcome").GetString());
        Assert.Single(await Contributions.ListAsync(round, CancellationToken.None));
    }

    [Fact]
    public async Task A_post_over_the_size_limit_is_refused_with_413()
    {
        await using var hosts = await WebhookHosts.StartAsync(azurite, Secret, new Dictionary<string, string?> { ["Inbound:MaxRequestBytes"] = "2000" });
        var big = Reply("reply+x@inbound.migratieagenda.example", "officer@bhos.example", "Pijler 2\n\n" + new string('x', 5000));

        var declared = await hosts.Api.Http.PostAsync($"/api/inbound/sendgrid?secret={Secret}", Content(big));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);

        // Chunked: no Content-Length, so only counting the stream catches it.
        var chunked = new StreamContent(new NonSeekableStream(big));
        chunked.Headers.ContentType = MediaTypeHeaderValue.Parse(SendGridPost.ContentType);
        var counted = await hosts.Api.Http.PostAsync($"/api/inbound/sendgrid?secret={Secret}", chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, counted.StatusCode);
    }

    [Fact]
    public async Task Unreadable_posts_and_spam_are_quarantined_with_200_so_SendGrid_does_not_retry()
    {
        var notMultipart = new ByteArrayContent("hello"u8.ToArray());
        notMultipart.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        var response = await Http.PostAsync($"/api/inbound/sendgrid?secret={Secret}", notMultipart);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("quarantined", body.GetProperty("outcome").GetString());
        Assert.Equal("UnreadableMessage", body.GetProperty("reasonCode").GetString());
        Assert.Contains("multipart/form-data", body.GetProperty("reason").GetString());
        Assert.StartsWith("Het bericht kon niet worden gelezen", body.GetProperty("reason").GetString());

        var round = await StartRoundAsync();
        var replyTo = await ReplyAddressAsync(round, "BHOS");
        var spam = await JsonAsync(await PostAsync(Reply(replyTo, "officer@bhos.example", "Pijler 2\n\nKoop nu!", spamScore: "9.5")));
        Assert.Equal("quarantined", spam.GetProperty("outcome").GetString());
        Assert.Equal("Spam", spam.GetProperty("reasonCode").GetString());
        Assert.Equal("Spamscore 9,5 is hoger dan 5,0.", spam.GetProperty("reason").GetString());
        Assert.Empty(await Contributions.ListAsync(round, CancellationToken.None));
    }

    [Fact]
    public async Task Reasons_for_a_pillar_not_asked_and_an_ambiguous_reply_are_dutch_in_the_api_the_timeline_and_the_notice()
    {
        var round = await StartRoundAsync(SampleRounds.Ministry("BHOS", 2), SampleRounds.Ministry("SZW", 5, 6));
        var notOwned = await JsonAsync(await PostAsync(Reply(await ReplyAddressAsync(round, "BHOS"), "officer@bhos.example", "Pijler 6\n\nTekst over integratie.")));
        var ambiguous = await JsonAsync(await PostAsync(Reply(await ReplyAddressAsync(round, "SZW"), "officer@szw.example",
            "In 2020 is de pilot met circulaire migratie verlengd en zijn de afspraken met twee herkomstlanden over "
            + "arbeidsmigratie in de zorg uitgewerkt tot een gezamenlijk programma.\n\n"
            + "De inburgering van statushouders is in alle gemeenten voortgezet, met extra aandacht voor taalonderwijs "
            + "op de werkvloer en begeleiding naar betaald werk.")));
        Assert.Equal("NotOwnedPillar", notOwned.GetProperty("reasonCode").GetString());
        Assert.Equal("AmbiguousPillar", ambiguous.GetProperty("reasonCode").GetString());
        const string notOwnedText = "Het bericht bevat alleen tekst voor pijler 6, die nu niet van BHOS wordt gevraagd. Gevraagd is: pijler 2.";
        Assert.Equal(notOwnedText, notOwned.GetProperty("reason").GetString());
        Assert.StartsWith("Niet duidelijk welke tekst bij welke pijler hoort. Gevraagd zijn pijlers 5 en 6", ambiguous.GetProperty("reason").GetString());

        // Everything a person reads about these two messages: the status API (messages and timeline), the quarantine list, the notices.
        var view = await RoundViewAsync(round);
        var messages = view.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["AmbiguousPillar", "NotOwnedPillar"], messages.Select(m => m.GetProperty("reasonCode").GetString()).Order());
        var quarantine = (await JsonAsync(await Http.GetAsync("/api/inbound/quarantine"))).EnumerateArray()
            .Where(q => q.GetProperty("roundId").GetString() == round).ToList();
        Assert.Equal(2, quarantine.Count);
        await _hosts.Api.QuarantineFollowUpDoneAsync();
        var notices = (await _hosts.Workflow.Outbox.ListAsync(round)).Select(m => m.Mail).Where(m => m.Kind == MailKind.QuarantineNotice).ToList();
        Assert.Equal(2, notices.Count);
        var read = messages.Select(m => m.GetProperty("reason").GetString()!)
            .Concat(quarantine.Select(q => q.GetProperty("reason").GetString()!))
            .Concat(view.GetProperty("history").EnumerateArray().Select(h => $"{h.GetProperty("label").GetString()}: {h.GetProperty("detail").GetString()}"))
            .Concat(notices.Select(n => n.TextBody))
            .ToList();
        Assert.Contains(read, t => t.Contains(notOwnedText, StringComparison.Ordinal));
        foreach (var english in new[] { "The message only has text", "which this ministry does not owe", "has text but no pillar headings",
                     "appears more than once", "Pillar ", "No contribution text found", "mail-quarantined" })
            Assert.DoesNotContain(read, t => t.Contains(english, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_quarantine_notice_goes_the_audited_mail_path()
    {
        var round = await StartRoundAsync();
        var replyTo = await ReplyAddressAsync(round, "BHOS");
        var told = await JsonAsync(await PostAsync(Reply(replyTo, "someone@evil.example", "Pijler 2\n\nTekst.")));
        Assert.Equal("UnknownSender", told.GetProperty("reasonCode").GetString());
        // Unauthenticated: no notice, so nothing to audit either.
        await PostAsync(Reply(replyTo, "officer@bhos.example", "Pijler 2\n\nAndere tekst.", spf: "fail", dkim: "none", envelopeFrom: "bounce@attacker.example"));
        await _hosts.Api.QuarantineFollowUpDoneAsync();

        var audit = await _hosts.Workflow.Services.GetRequiredService<AuditLog>().ListAsync(round, 100, CancellationToken.None);
        var sent = Assert.Single(audit, a => a.Action == AuditActions.Mail(MailKind.QuarantineNotice));
        Assert.Equal(AuditActions.System, sent.Actor);
        Assert.Contains("someone@evil.example", sent.Detail);
        Assert.Contains("Uw bericht is niet verwerkt", sent.Detail);
        Assert.Equal(2, audit.Count(a => a.Action == AuditActions.MailQuarantined));

        var history = (await RoundViewAsync(round)).GetProperty("history").EnumerateArray()
            .Single(h => h.GetProperty("action").GetString() == "mail-quarantinenotice");
        Assert.Equal("uitleg over quarantaine verstuurd", history.GetProperty("label").GetString());
        Assert.Equal("systeem", history.GetProperty("actorLabel").GetString());
    }

    // ---- helpers ----

    [Fact]
    public async Task A_raw_mode_reply_with_sendgrids_authentication_results_is_accepted()
    {
        var round = await StartRoundAsync();
        var replyTo = await ReplyAddressAsync(round, "BHOS");
        var mime =
            "Authentication-Results: mx.sendgrid.net; spf=pass smtp.mailfrom=officer@bhos.example; dkim=pass header.d=bhos.example\r\n" +
            $"From: Beleidsmedewerker BHOS <officer@bhos.example>\r\nTo: {replyTo}\r\nSubject: Re: Verzoek bijdrage\r\n" +
            $"Message-ID: <raw-{round}@bhos.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n" +
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
            SendGridPost.QuotedPrintable("Pijler 2\r\n\r\nHet kabinet is van oordeel dat de FRIT een waardevolle bijdrage heeft geleverd – ook in 2026.\r\n", System.Text.Encoding.UTF8);
        var post = new SendGridPost()
            .Field("email", mime)
            .Field("to", replyTo)
            .Field("from", "officer@bhos.example")
            .Field("envelope", $"{{\"to\":[\"{replyTo}\"],\"from\":\"officer@bhos.example\"}}")
            .Field("charsets", "{\"to\":\"UTF-8\",\"from\":\"UTF-8\"}")
            .Build();

        var body = await JsonAsync(await PostAsync(post));
        Assert.Equal("accepted", body.GetProperty("outcome").GetString());
        var stored = Assert.Single(await Contributions.ListAsync(round, CancellationToken.None));
        Assert.Contains("waardevolle bijdrage heeft geleverd – ook in 2026.", stored.Text);
        Assert.Equal($"<raw-{round}@bhos.example>", $"<{stored.MessageId?.Trim('<', '>')}>");
    }

    [Fact]
    public async Task A_reply_to_an_expired_request_address_is_quarantined_as_expired()
    {
        var round = await StartRoundAsync();
        // Signed with the right key, but issued longer ago than Tokens:Lifetime (180 days by default).
        var expired = _hosts.Workflow.Services.GetRequiredService<ReplyToken>().ReplyAddress(round, "BHOS", 1, DateTimeOffset.UtcNow.AddDays(-400));

        var body = await JsonAsync(await PostAsync(Reply(expired, "officer@bhos.example", "Pijler 2\n\nTe laat op een oud verzoek.")));
        Assert.Equal("quarantined", body.GetProperty("outcome").GetString());
        Assert.Contains("verlopen", body.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await Contributions.ListAsync(round, CancellationToken.None));
    }

    private ContributionStore Contributions => _hosts.Workflow.Services.GetRequiredService<ContributionStore>();

    private async Task<string> StartRoundAsync(params MinistrySpec[] ministries)
    {
        var roundId = $"in-{Guid.NewGuid():N}"[..16];
        var spec = SampleRounds.Spec(roundId, DateTimeOffset.UtcNow.AddDays(7), null, ministries);
        var result = _hosts.Workflow.Services.GetRequiredService<RoundPlanner>().Plan(spec, DateTimeOffset.UtcNow);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        await _hosts.Workflow.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RoundOrchestrator), result.Plan!, new StartOrchestrationOptions(roundId));
        await Eventually.WaitAsync(async () => RoundState.CustomStatus(await _hosts.Workflow.Client.GetInstanceAsync(roundId, getInputsAndOutputs: true))?.Phase,
            p => p == RoundPhase.Collecting, Patience, $"{roundId} collecting");
        return roundId;
    }

    private async Task<string> ReplyAddressAsync(string roundId, string ministry)
    {
        var mails = await Eventually.WaitAsync(() => _hosts.Workflow.Outbox.ListAsync(roundId),
            m => m.Any(x => x.Mail.Kind == MailKind.Request && x.Mail.Ministry == ministry), Patience, $"request mail to {ministry}");
        return mails.First(x => x.Mail.Kind == MailKind.Request && x.Mail.Ministry == ministry).Mail.ReplyTo!;
    }

    private static byte[] Reply(string to, string from, string text, string spf = "pass", string? dkim = null, string? envelopeFrom = null, string spamScore = "0.1")
    {
        var domain = from[(from.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var messageId = $"<{Guid.NewGuid():N}@{domain}>";
        var headers =
            $"Date: Mon, 4 Jan 2027 11:12:00 +0100\r\nFrom: {from}\r\nTo: {to}\r\nSubject: Re: Verzoek bijdrage\r\nMessage-ID: {messageId}\r\nMIME-Version: 1.0\r\n";
        return new SendGridPost()
            .Field("headers", headers)
            .Field("dkim", dkim ?? $"{{@{domain} : pass}}")
            .Field("to", to)
            .Field("from", from)
            .Field("text", text)
            .Field("sender_ip", "192.0.2.25")
            .Field("envelope", $"{{\"to\":[\"{to}\"],\"from\":\"{envelopeFrom ?? from}\"}}")
            .Field("attachments", "0")
            .Field("subject", "Re: Verzoek bijdrage")
            .Field("spam_score", spamScore)
            .Field("charsets", "{\"to\":\"UTF-8\",\"html\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}")
            .Field("SPF", spf)
            .Build();
    }

    private static ByteArrayContent Content(byte[] post)
    {
        var content = new ByteArrayContent(post);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(SendGridPost.ContentType);
        return content;
    }

    private Task<HttpResponseMessage> PostAsync(byte[] post) => Http.PostAsync($"/api/inbound/sendgrid?secret={Secret}", Content(post));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode}: not JSON: {text}");
        }
    }

    private async Task<JsonElement> RoundViewAsync(string roundId) => await JsonAsync(await Http.GetAsync($"/api/rounds/{roundId}"));

    private static string? PillarState(JsonElement view, string ministry, int pillar) =>
        view.GetProperty("ministries").EnumerateArray().FirstOrDefault(m => m.GetProperty("ministry").GetString() == ministry) is { ValueKind: JsonValueKind.Object } m
            ? m.GetProperty("pillars").EnumerateArray().FirstOrDefault(p => p.GetProperty("pillar").GetInt32() == pillar) is { ValueKind: JsonValueKind.Object } p
                ? p.GetProperty("state").GetString() : null
            : null;

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
