using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MigrationAgenda.Rounds;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.IntegrationTests.Http;

/// <summary>
/// The deadline in the ministries' calendars and the working-day schedule over the HTTP API: the real engine and
/// Azurite behind it, mail through the real SendGrid client to a local fake SendGrid, each .ics read back with Ical.Net.
/// </summary>
[Collection("Azurite")]
public sealed class DeadlineCalendarApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FakeSendGridServer _sendGrid = null!;
    private WorkflowHost _workflow = null!;
    private ApiHost _api = null!;
    private HttpClient Http => _api.Http;

    public async Task InitializeAsync()
    {
        _sendGrid = await FakeSendGridServer.StartAsync();
        _workflow = await WorkflowHost.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Mail:SendGridApiKey"] = "SG.calendar-test",
            ["Mail:SendGridHost"] = _sendGrid.BaseAddress.ToString(),
        });
        _api = await ApiHost.StartAsync(_workflow);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _workflow.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    private static string NewId(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    private static DateTimeOffset T(string moment) => DateTimeOffset.Parse(moment, CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> PostJsonAsync(string url, object body) =>
        Http.PostAsync(url, new StringContent(JsonSerializer.Serialize(body, JsonDefaults.Options), Encoding.UTF8, "application/json"));

    private async Task<JsonElement> StatusAsync(string id) => JsonDocument.Parse(await Http.GetStringAsync($"/api/rounds/{id}")).RootElement;

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>A message as it reached SendGrid: its custom args and its calendar attachment, decoded.</summary>
    private sealed record Sent(IReadOnlyDictionary<string, string> Args, string To, DeadlineIcs? Ics, string? AttachmentType, string? FileName)
    {
        public string Kind => Args["kind"];
        public string Ministry => Args["ministry"];

        public static Sent From(ReceivedMail mail)
        {
            var json = mail.Json;
            var personalization = json.GetProperty("personalizations")[0];
            var args = personalization.GetProperty("custom_args").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetString()!);
            var to = personalization.GetProperty("to")[0].GetProperty("email").GetString()!;
            if (!json.TryGetProperty("attachments", out var attachments))
                return new Sent(args, to, null, null, null);
            var attachment = Assert.Single(attachments.EnumerateArray());
            return new Sent(args, to, DeadlineIcs.Read(Convert.FromBase64String(attachment.GetProperty("content").GetString()!)),
                attachment.GetProperty("type").GetString(), attachment.GetProperty("filename").GetString());
        }
    }

    private IReadOnlyList<Sent> SentFor(string id) =>
        _sendGrid.Received.Select(Sent.From).Where(s => s.Args["round"] == id).ToList();

    private Task<IReadOnlyList<Sent>> WaitForSentAsync(string id, Func<IReadOnlyList<Sent>, bool> done, string what) =>
        Eventually.WaitAsync(() => Task.FromResult(SentFor(id)), done, TimeSpan.FromSeconds(45), what);

    [Fact]
    public async Task Requests_reminders_and_escalations_carry_the_deadline_an_extension_moves_it_and_a_cancellation_removes_it()
    {
        var id = NewId("ics");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(8);
        var schedule = new ScheduleSpec
        {
            Reminders = ["PT4S"], Escalations = ["PT2S"], CutOff = "PT5M", ApprovalTimeout = "PT1H", ApprovalReminders = 0, ReopenPeriod = "PT1H",
        };
        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync("/api/rounds", SampleRounds.Spec(id, deadline, schedule))).StatusCode);

        var sent = await WaitForSentAsync(id, s => s.Count(x => x.Kind == "Escalation") == 2, "two escalations at SendGrid");
        foreach (var kind in new[] { "Request", "Reminder", "Escalation" })
        {
            var bhos = sent.Single(s => s.Kind == kind && s.Ministry == "BHOS");
            Assert.Equal(("text/calendar", $"deadline-{id}-bhos.ics"), (bhos.AttachmentType, bhos.FileName));
            Assert.Equal(("PUBLISH", $"{id}.bhos.deadline@noreply.example", 0, "0"), (bhos.Ics!.Method, bhos.Ics.Uid, bhos.Ics.Sequence, bhos.Args["revision"]));
            Assert.Equal(deadline.UtcDateTime, bhos.Ics.Start.UtcDateTime, TimeSpan.FromSeconds(1));
            Assert.True(bhos.Ics.RemindAt < bhos.Ics.Start, "the calendar reminds before the deadline");
        }

        // Extended: both ministries still owe, each gets the same event with SEQUENCE 1 at the new moment.
        var extended = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(20).Date.AddHours(15), TimeSpan.Zero);
        var answer = await PostJsonAsync($"/api/rounds/{id}/extend", new { deadline = extended });
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        sent = await WaitForSentAsync(id, s => s.Count(x => x.Kind == "DeadlineChanged") == 2, "two deadline-changed mails");
        foreach (var changed in sent.Where(s => s.Kind == "DeadlineChanged"))
        {
            var request = sent.Single(s => s.Kind == "Request" && s.Ministry == changed.Ministry);
            Assert.Equal((request.Ics!.Uid, 1, extended, "PUBLISH"), (changed.Ics!.Uid, changed.Ics.Sequence, changed.Ics.Start, changed.Ics.Method));
            Assert.Equal(("1", "1"), (changed.Args["revision"], changed.Args["version"]));
            Assert.Equal(request.To, changed.To);
        }
        var status = await Eventually.WaitAsync(() => StatusAsync(id), s => s.GetProperty("deadline").GetDateTimeOffset() == extended, TimeSpan.FromSeconds(30), "the new deadline");
        Assert.All(status.GetProperty("plannedSteps").EnumerateArray(), step => Assert.True(step.GetProperty("at").GetDateTimeOffset() != default));
        Assert.StartsWith("volgende herinnering: ", status.GetProperty("nextStep").GetProperty("label").GetString());

        // Cancelled: every ministry gets METHOD:CANCEL for the same event, SEQUENCE above the last one published.
        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync($"/api/rounds/{id}/cancel", new { })).StatusCode);
        sent = await WaitForSentAsync(id, s => s.Count(x => x.Kind == "RoundCancelled") == 2, "two cancellations");
        foreach (var cancelled in sent.Where(s => s.Kind == "RoundCancelled"))
        {
            var request = sent.Single(s => s.Kind == "Request" && s.Ministry == cancelled.Ministry);
            Assert.Equal(("CANCEL", request.Ics!.Uid, 2, "CANCELLED"), (cancelled.Ics!.Method, cancelled.Ics.Uid, cancelled.Ics.Sequence, cancelled.Ics.Event.Status));
        }
        // Every other message of the round, to the approver or coordinator, has no calendar.
        Assert.All(sent.Where(s => s.Kind is not ("Request" or "Reminder" or "Escalation" or "DeadlineChanged" or "RoundCancelled")), s => Assert.Null(s.Ics));
    }

    [Fact]
    public async Task A_working_day_round_refuses_a_closed_day_at_start_extend_and_reopen_and_plans_the_reopen_in_working_days()
    {
        var id = NewId("workdays");
        var schedule = new ScheduleSpec
        {
            WorkingDays = true, Reminders = ["P2D"], Escalations = ["P1D"], CutOff = "P5D", ApprovalTimeout = "P3D", ApprovalReminders = 0, ReopenPeriod = "P5D",
        };

        // Start on Koningsdag: refused, naming the working days around it.
        var refused = await ProblemAsync(await PostJsonAsync("/api/rounds", SampleRounds.Spec(id, T("2027-04-27T17:00:00+02:00"), schedule)), HttpStatusCode.BadRequest);
        Assert.Equal(
            "De deadline dinsdag 27 april 2027 valt op Koningsdag; dan zijn de ministeries gesloten. Kies een werkdag, bijvoorbeeld maandag 26 april 2027 of woensdag 28 april 2027.",
            refused.GetProperty("errors").GetProperty("deadline")[0].GetString());

        var deadline = T("2027-03-30T17:00:00+02:00");
        var started = JsonDocument.Parse(await (await PostJsonAsync("/api/rounds", SampleRounds.Spec(id, deadline, schedule))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["herinnering: woensdag 24 maart 2027 09:00", "escalatie (niveau 1): woensdag 31 maart 2027 09:00", "sluiting: dinsdag 6 april 2027 09:00"],
            started.GetProperty("plannedSteps").EnumerateArray().Select(s => s.GetProperty("label").GetString()));
        var collecting = await Eventually.WaitAsync(() => StatusAsync(id),
            s => s.GetProperty("phase").GetString() == RoundPhase.Collecting && s.TryGetProperty("nextStep", out var n) && n.ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(45), "collecting with a next step");
        Assert.Equal("volgende herinnering: woensdag 24 maart 2027 09:00", collecting.GetProperty("nextStep").GetProperty("label").GetString());
        Assert.Equal(JsonValueKind.Null, collecting.GetProperty("deadlineWarning").ValueKind);

        // Extend to a Saturday: refused on the field, nothing changes.
        var saturday = await ProblemAsync(await PostJsonAsync($"/api/rounds/{id}/extend", new { deadline = T("2027-04-03T17:00:00+02:00") }), HttpStatusCode.BadRequest);
        Assert.StartsWith("De deadline zaterdag 3 april 2027 valt op een zaterdag;", saturday.GetProperty("errors").GetProperty("deadline")[0].GetString());
        Assert.Equal(deadline, (await StatusAsync(id)).GetProperty("deadline").GetDateTimeOffset());

        // Both deliver; in review, a reopen on Good Friday is refused, one without a deadline gets five working days.
        foreach (var (ministry, pillar) in new[] { ("BHOS", 2), ("BZK", 6) })
            Assert.Equal(HttpStatusCode.Created, (await PostJsonAsync($"/api/rounds/{id}/contributions", new { ministry, pillar, text = $"Tekst van {ministry}." })).StatusCode);
        await Eventually.WaitAsync(() => StatusAsync(id), s => s.GetProperty("phase").GetString() == RoundPhase.Reviewing, TimeSpan.FromSeconds(45), "reviewing");
        var goodFriday = await ProblemAsync(await PostJsonAsync($"/api/rounds/{id}/reopen", new { ministry = "BHOS", pillars = new[] { 2 }, deadline = T("2027-03-26T17:00:00+01:00") }), HttpStatusCode.BadRequest);
        Assert.Contains("valt op Goede Vrijdag", goodFriday.GetProperty("errors").GetProperty("deadline")[0].GetString());

        var before = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync($"/api/rounds/{id}/reopen", new { ministry = "BHOS", pillars = new[] { 2 }, note = "Graag de cijfers van dit jaar." })).StatusCode);
        var sent = await WaitForSentAsync(id, s => s.Count(x => x.Kind == "Request" && x.Ministry == "BHOS") == 2, "the renewed request");
        var renewed = sent.Last(s => s.Kind == "Request" && s.Ministry == "BHOS");
        var reopened = await Eventually.WaitAsync(() => StatusAsync(id), s => s.GetProperty("phase").GetString() == RoundPhase.Collecting, TimeSpan.FromSeconds(30), "collecting again");
        var newDeadline = reopened.GetProperty("deadline").GetDateTimeOffset();
        // Five working days from today, at 17:00 Dutch time like the round's deadline.
        var calendar = SamplePlans.ImaDefinition().Calendar!.ToWorkingDayCalendar();
        Assert.Equal(AmsterdamTime.At(calendar.AddWorkingDays(AmsterdamTime.DateOf(before), 5), new TimeOnly(17, 0)), newDeadline);
        Assert.Equal((newDeadline, 1, "2", "1"), (renewed.Ics!.Start, renewed.Ics.Sequence, renewed.Args["version"], renewed.Args["revision"]));
        // BZK has delivered everything: no mail about the new deadline.
        Assert.DoesNotContain(sent, s => s.Kind == "DeadlineChanged");

        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync($"/api/rounds/{id}/cancel", new { })).StatusCode);
        await WaitForSentAsync(id, s => s.Count(x => x.Kind == "RoundCancelled") == 2, "two cancellations");
    }

    [Fact]
    public async Task An_elapsed_round_with_a_deadline_on_a_closed_day_starts_with_a_warning_in_its_status()
    {
        var id = NewId("warned");
        var saturday = T("2027-01-16T17:00:00+01:00");
        var schedule = new ScheduleSpec { WorkingDays = false, Reminders = ["P1D"], Escalations = [], CutOff = "P2D", ApprovalTimeout = "P3D", ApprovalReminders = 0, ReopenPeriod = "P5D" };

        var started = await PostJsonAsync("/api/rounds", SampleRounds.Spec(id, saturday, schedule));

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = await Eventually.WaitAsync(() => StatusAsync(id), s => s.GetProperty("phase").GetString() == RoundPhase.Collecting, TimeSpan.FromSeconds(45), "collecting");
        Assert.StartsWith("De deadline zaterdag 16 januari 2027 valt op een zaterdag;", status.GetProperty("deadlineWarning").GetString());
        Assert.Equal("volgende herinnering: vrijdag 15 januari 2027 17:00", status.GetProperty("nextStep").GetProperty("label").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await PostJsonAsync($"/api/rounds/{id}/cancel", new { })).StatusCode);
    }
}
