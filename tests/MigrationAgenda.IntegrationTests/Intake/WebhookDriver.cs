using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// Drives rounds and the SendGrid webhook for the everyday-mail tests: start a round on the real engine, find the
/// reply address a mail carried (outbox or fake SendGrid), post replies as SendGrid does, read the status API.
/// </summary>
public sealed class WebhookDriver(WorkflowHost workflow, ApiHost api, string secret, FakeSendGridServer? sendGrid = null)
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public HttpClient Http => api.Http;

    public async Task<string> StartRoundAsync(ScheduleSpec? schedule, DateTimeOffset deadline, params MinistrySpec[] ministries)
    {
        var roundId = $"ev-{Guid.NewGuid():N}"[..16];
        var spec = SampleRounds.Spec(roundId, deadline, schedule, ministries);
        var result = workflow.Services.GetRequiredService<RoundPlanner>().Plan(spec, DateTimeOffset.UtcNow);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        await workflow.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RoundOrchestrator), result.Plan!, new StartOrchestrationOptions(roundId));
        await WaitForPhaseAsync(roundId, RoundPhase.Collecting);
        return roundId;
    }

    public Task<string> StartRoundAsync(params MinistrySpec[] ministries) => StartRoundAsync(null, DateTimeOffset.UtcNow.AddDays(7), ministries);

    public async Task<RoundStatus> WaitForPhaseAsync(string roundId, string phase, int draft = 0) =>
        (await Eventually.WaitAsync(async () => RoundState.CustomStatus(await workflow.Client.GetInstanceAsync(roundId, getInputsAndOutputs: true)),
            s => s?.Phase == phase && s.Draft >= draft, Patience, $"{roundId} in phase {phase} (draft {draft})"))!;

    /// <summary>The mails the round sent so far, oldest first: from the fake SendGrid when there is one, else the outbox.</summary>
    public async Task<IReadOnlyList<SentMail>> SentAsync(string roundId)
    {
        await api.QuarantineFollowUpDoneAsync();
        if (sendGrid is null)
            return (await workflow.Outbox.ListAsync(roundId)).Select(m => new SentMail(m.Mail.Kind.ToString(), m.Mail.Ministry ?? "all", m.Mail.ReplyTo,
                m.Mail.To.Select(c => c.Email).ToList(), m.Mail.Headers)).ToList();
        return sendGrid.Received.Select(r => SentMail.FromSendGrid(r.Json)).Where(m => m.RoundId == roundId).ToList();
    }

    public async Task<IReadOnlyList<SentMail>> WaitForMailAsync(string roundId, Func<IReadOnlyList<SentMail>, bool> done, string what) =>
        await Eventually.WaitAsync(() => SentAsync(roundId), done, Patience, what);

    public async Task<string> ReplyAddressAsync(string roundId, string ministry, string kind = nameof(MailKind.Request))
    {
        var mails = await WaitForMailAsync(roundId, m => m.Any(x => x.Kind == kind && x.Ministry == ministry), $"{kind} to {ministry}");
        return mails.Last(x => x.Kind == kind && x.Ministry == ministry).ReplyTo!;
    }

    public Task<HttpResponseMessage> PostAsync(byte[] post)
    {
        var content = new ByteArrayContent(post);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(SendGridPost.ContentType);
        return Http.PostAsync($"/api/inbound/sendgrid?secret={secret}", content);
    }

    /// <summary>Posts and reads the JSON answer, which must be 200: SendGrid drops on 4xx and retries on 5xx.</summary>
    public async Task<JsonElement> PostOkAsync(byte[] post)
    {
        var response = await PostAsync(post);
        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"webhook answered {(int)response.StatusCode}: {json}");
        return json;
    }

    public async Task<JsonElement> ViewAsync(string roundId) => await JsonAsync(await Http.GetAsync($"/api/rounds/{roundId}"));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
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

    public static string? PillarState(JsonElement view, string ministry, int pillar) =>
        view.GetProperty("ministries").EnumerateArray().First(m => m.GetProperty("ministry").GetString() == ministry)
            .GetProperty("pillars").EnumerateArray().First(p => p.GetProperty("pillar").GetInt32() == pillar).GetProperty("state").GetString();

    /// <summary>A plain reply as Outlook or Gmail send it through SendGrid (parsed mode), SPF and DKIM passing for the sender.</summary>
    public static byte[] Reply(string to, string from, string text, string subject = "Re: Verzoek bijdrage", string? messageId = null)
    {
        var domain = from[(from.IndexOf('@', StringComparison.Ordinal) + 1)..];
        messageId ??= $"<{Guid.NewGuid():N}@{domain}>";
        return new SendGridPost()
            .Field("headers", $"Date: Mon, 4 Jan 2027 11:12:00 +0100\r\nFrom: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: {messageId}\r\nMIME-Version: 1.0\r\n")
            .Field("dkim", $"{{@{domain} : pass}}")
            .Field("to", to)
            .Field("from", from)
            .Field("text", text)
            .Field("sender_ip", "192.0.2.25")
            .Field("envelope", $"{{\"to\":[\"{to}\"],\"from\":\"{from}\"}}")
            .Field("attachments", "0")
            .Field("subject", subject)
            .Field("spam_score", "0.1")
            .Field("charsets", "{\"to\":\"UTF-8\",\"html\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"UTF-8\"}")
            .Field("SPF", "pass")
            .Build();
    }

    /// <summary>A corpus payload sent to a live round's reply address (<see cref="IntakeCorpus.Readdressed"/>).</summary>
    public static byte[] FromCorpus(string file, string replyTo, int variant = 0) => IntakeCorpus.Readdressed(file, replyTo, variant);
}

/// <summary>A mail the round sent, as the tests read it from the outbox or from what reached the fake SendGrid.</summary>
public sealed record SentMail(string Kind, string Ministry, string? ReplyTo, IReadOnlyList<string> To, IReadOnlyDictionary<string, string> Headers)
{
    public string? RoundId { get; init; }

    public static SentMail FromSendGrid(JsonElement json)
    {
        // The client puts custom args in the personalization; SendGrid also accepts them at the top level.
        var args = json.GetProperty("personalizations")[0].TryGetProperty("custom_args", out var p) ? p : json.GetProperty("custom_args");
        var headers = json.TryGetProperty("headers", out var h)
            ? h.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
            : new Dictionary<string, string>();
        return new SentMail(args.GetProperty("kind").GetString()!, args.GetProperty("ministry").GetString()!,
            json.TryGetProperty("reply_to", out var r) ? r.GetProperty("email").GetString() : null,
            json.GetProperty("personalizations")[0].GetProperty("to").EnumerateArray().Select(e => e.GetProperty("email").GetString()!).ToList(),
            headers) { RoundId = args.GetProperty("round").GetString() };
    }
}
