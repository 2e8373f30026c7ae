using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationAgenda.Mail;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Mail;

/// <summary>The real SendGrid client against a local fake of its API: what would leave the machine, and how refusals map.</summary>
public sealed class SendGridMailSenderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private FakeSendGridServer _server = null!;
    private readonly MailComposer _composer = new(
        new ReplyToken(new TokenOptions { SigningKey = "integration-test-key-0123456789-abcdefgh" }, new MailOptions()),
        new MailOptions(), new FixedClock(Now));

    public async Task InitializeAsync() => _server = await FakeSendGridServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private SendGridMailSender Sender(string? host = null) => new(
        new MailOptions { SendGridApiKey = "SG.test-key", SendGridHost = host ?? _server.BaseAddress.ToString() },
        NullLogger<SendGridMailSender>.Instance);

    private OutgoingMail Escalation()
    {
        var plan = SamplePlans.Ima();
        return _composer.Escalation(plan, plan.FindParticipant("BZK")!, 1, 1, [6], SamplePlans.Deadline);
    }

    [Fact]
    public async Task Sends_the_message_with_every_field_SendGrid_needs()
    {
        var mail = Escalation();

        var receipt = await Sender().SendAsync(mail, CancellationToken.None);

        Assert.Equal(new MailReceipt("sendgrid", "fake-1"), receipt);
        var received = Assert.Single(_server.Received);
        Assert.Equal("Bearer SG.test-key", received.Authorization);
        var json = received.Json;
        Assert.Equal("migratieagenda@noreply.example", json.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("Integrale Migratieagenda", json.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal(mail.Subject, json.GetProperty("subject").GetString());
        Assert.Equal(mail.ReplyTo, json.GetProperty("reply_to").GetProperty("email").GetString());
        var personalization = Assert.Single(json.GetProperty("personalizations").EnumerateArray());
        Assert.Equal(["afdelingshoofd@bzk.example"], personalization.GetProperty("to").EnumerateArray().Select(e => e.GetProperty("email").GetString()));
        Assert.Equal([SamplePlans.Coordinator.Email], personalization.GetProperty("cc").EnumerateArray().Select(e => e.GetProperty("email").GetString()));
        var content = json.GetProperty("content").EnumerateArray().ToList();
        Assert.Equal(["text/plain", "text/html"], content.Select(c => c.GetProperty("type").GetString()));
        Assert.Equal(mail.TextBody, content[0].GetProperty("value").GetString());
        var args = CustomArgs(json);
        Assert.Equal("ima-2021", args["round"]);
        Assert.Equal("BZK", args["ministry"]);
        Assert.Equal("Escalation", args["kind"]);
        Assert.Equal("1", args["level"]);
    }

    [Fact]
    public async Task The_deadline_ics_goes_as_a_base64_calendar_attachment_and_parses_back()
    {
        var plan = SamplePlans.Ima("ima-2027", 2027);
        var deadline = new DateTimeOffset(2027, 1, 18, 17, 0, 0, TimeSpan.FromHours(1));
        var ics = DeadlineCalendar.Publish(DeadlineEvent.For(plan, plan.FindParticipant("SZW")!, [5, 6], deadline, deadline.AddDays(-1), 2),
            new MailOptions(), Now);
        var mail = _composer.Request(plan, plan.FindParticipant("SZW")!, 1, [5, 6], deadline) with { Attachments = [ics] };

        await Sender().SendAsync(mail, CancellationToken.None);

        var attachment = Assert.Single(_server.Received.Single().Json.GetProperty("attachments").EnumerateArray());
        Assert.Equal("deadline-ima-2027-szw.ics", attachment.GetProperty("filename").GetString());
        Assert.Equal("text/calendar", attachment.GetProperty("type").GetString());
        Assert.Equal("attachment", attachment.GetProperty("disposition").GetString());
        var bytes = Convert.FromBase64String(attachment.GetProperty("content").GetString()!);
        Assert.Equal(ics.Content, bytes);
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(bytes))!;
        Assert.Equal("PUBLISH", calendar.Method);
        var e = Assert.Single(calendar.Events);
        Assert.Equal(deadline.UtcDateTime, e.DtStart!.AsUtc);
        Assert.Equal(2, e.Sequence);
    }

    [Fact]
    public async Task A_message_without_attachments_sends_no_attachments_field()
    {
        await Sender().SendAsync(Escalation(), CancellationToken.None);

        Assert.False(_server.Received.Single().Json.TryGetProperty("attachments", out _));
    }

    [Fact]
    public async Task Address_in_both_to_and_cc_is_sent_once()
    {
        var mail = Escalation() with { Cc = [new MigrationAgenda.Rounds.Contact { Email = "AFDELINGSHOOFD@bzk.example" }] };

        await Sender().SendAsync(mail, CancellationToken.None);

        var personalization = _server.Received.Single().Json.GetProperty("personalizations")[0];
        Assert.False(personalization.TryGetProperty("cc", out _));
    }

    [Fact]
    public async Task Bad_request_is_permanent_and_carries_SendGrid_error_text()
    {
        _server.FailNext(1, HttpStatusCode.BadRequest, "{\"errors\":[{\"message\":\"The reply_to email does not contain a valid address.\"}]}");

        var ex = await Assert.ThrowsAsync<MailDeliveryException>(() => Sender().SendAsync(Escalation(), CancellationToken.None));

        Assert.False(ex.Transient);
        Assert.Contains("400", ex.Message);
        Assert.Contains("reply_to email does not contain a valid address", ex.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Throttling_and_server_errors_are_transient(HttpStatusCode status)
    {
        _server.FailNext(1, status);

        var ex = await Assert.ThrowsAsync<MailDeliveryException>(() => Sender().SendAsync(Escalation(), CancellationToken.None));

        Assert.True(ex.Transient);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
        // The failure was for that call only: the retry goes through.
        Assert.Equal("sendgrid", (await Sender().SendAsync(Escalation(), CancellationToken.None)).Channel);
        Assert.Equal(2, _server.Received.Count);
    }

    [Fact]
    public async Task Unreachable_SendGrid_is_transient()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: connection refused

        var ex = await Assert.ThrowsAsync<MailDeliveryException>(() => Sender($"http://127.0.0.1:{port}").SendAsync(Escalation(), CancellationToken.None));

        Assert.True(ex.Transient);
    }

    private static Dictionary<string, string> CustomArgs(JsonElement json)
    {
        // The client puts custom args in the personalization; SendGrid also accepts them at the top level.
        var source = json.GetProperty("personalizations")[0].TryGetProperty("custom_args", out var p) ? p : json.GetProperty("custom_args");
        return source.EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetString()!);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
