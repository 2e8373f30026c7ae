using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.IntegrationTests.Intake;

/// <summary>
/// The approver decides by answering the draft's mail (issue 14, item 1), through the real webhook, engine, Azurite and
/// SendGrid client (to the fake SendGrid): "Akkoord" from the approver approves that draft once, "Heropenen SZW pijler
/// 5: …" reopens; a reply from another address, without SPF or DKIM, on an older draft or after the round was approved
/// decides nothing and is kept as a note with its reason. A decision is confirmed by mail; a retried post decides once.
/// </summary>
[Collection("Azurite")]
public sealed class ApprovalByReplyWebhookTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "approval-secret";
    private const string Page = "https://ima.example.nl";
    private SendGridWebhookHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await SendGridWebhookHosts.StartAsync(azurite, Secret, new Dictionary<string, string?> { ["Mail:PageBaseUrl"] = Page });

    public Task DisposeAsync() => _hosts.DisposeAsync().AsTask();

    [Fact]
    public async Task Akkoord_from_the_approver_approves_the_draft_once_keeps_the_rest_as_a_note_and_is_confirmed()
    {
        var round = await InReviewAsync();
        var address = await DraftAddressAsync(round, 1);
        var post = ApproverReplies.Outlook(address, "Akkoord\n\nMooi stuk. Volgend jaar graag de tabel bij pijler 5 als bijlage.\n\nMet vriendelijke groet,\n\nDG Migratie");

        var answer = await _hosts.Driver.PostOkAsync(post);
        Assert.Equal(("decision", "ApprovalDecided"), (answer.GetProperty("outcome").GetString(), answer.GetProperty("reasonCode").GetString()));
        Assert.Equal("Besluit van de goedkeurder per e-mail: akkoord op concept 1; de brief wordt definitief.", answer.GetProperty("reason").GetString());
        await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Approved, draft: 1);

        // SendGrid posts the same message again: the same answer, no second decision, no second confirmation.
        var again = await _hosts.Driver.PostOkAsync(post);
        Assert.Equal(("decision", "ApprovalDecided"), (again.GetProperty("outcome").GetString(), again.GetProperty("reasonCode").GetString()));

        var final = await Eventually.WaitAsync(() => Task.FromResult(Sent(round, nameof(MailKind.Final))), m => m.Count > 0, WebhookDriver.Patience, "the final notice");
        Assert.Single(final);
        var confirmation = Assert.Single(Sent(round, nameof(MailKind.DecisionConfirmed)));
        Assert.Equal([ApproverReplies.Approver], To(confirmation));
        Assert.Equal(MessageIds.DecisionConfirmed(1), confirmation.MessageId);
        Assert.Contains("Akkoord verwerkt: concept 1", confirmation.Json.GetProperty("subject").GetString());
        var text = PlainText(confirmation);
        Assert.Contains("Uw akkoord op concept 1", text);
        Assert.Contains("De rest van uw bericht staat als notitie bij de ronde", text);
        Assert.Contains($"{Page}/app/rondes/{round}", text);

        var approvals = (await Audit(round)).Where(a => a.Action == AuditActions.Command(RoundCommandKind.Approve)).ToList();
        var approval = Assert.Single(approvals);
        Assert.Equal("mail:dg@jenv.example", approval.Actor);
        Assert.Equal("Concept 1 wordt de definitieve brief.", approval.Detail);

        var view = await _hosts.Driver.ViewAsync(round);
        var note = Assert.Single(view.GetProperty("notes").EnumerateArray());
        Assert.Equal(("approval", 1, "ApprovalComment"), (note.GetProperty("kind").GetString(), note.GetProperty("draft").GetInt32(), note.GetProperty("reasonCode").GetString()));
        Assert.Equal("Mooi stuk. Volgend jaar graag de tabel bij pijler 5 als bijlage.", note.GetProperty("text").GetString());
        Assert.Contains(view.GetProperty("messages").EnumerateArray(), m => m.GetProperty("outcome").GetString() == "decision");
    }

    [Fact]
    public async Task The_same_Akkoord_posted_three_times_at_once_decides_once()
    {
        var round = await InReviewAsync();
        var post = ApproverReplies.Gmail(await DraftAddressAsync(round, 1), "Akkoord.\n\nVerzonden vanaf mijn iPhone");

        // Concurrent duplicates (SendGrid's retry racing the first post): each is a decision or a 503 that SendGrid posts again.
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _hosts.Driver.PostAsync(post)));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"webhook answered {(int)r.StatusCode}"));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var ok in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
            Assert.Equal("decision", (await WebhookDriver.JsonAsync(ok)).GetProperty("outcome").GetString());
        var retried = await _hosts.Driver.PostOkAsync(post);
        Assert.Equal(("decision", "ApprovalDecided"), (retried.GetProperty("outcome").GetString(), retried.GetProperty("reasonCode").GetString()));

        await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Approved, draft: 1);
        await Eventually.WaitAsync(() => Task.FromResult(Sent(round, nameof(MailKind.Final))), m => m.Count > 0, WebhookDriver.Patience, "the final notice");
        Assert.Single(Sent(round, nameof(MailKind.DecisionConfirmed)));
        Assert.Single(await Audit(round), a => a.Action == AuditActions.Command(RoundCommandKind.Approve));
        // Nothing below "Akkoord." but the phone's footer: no note.
        Assert.Empty((await _hosts.Driver.ViewAsync(round)).GetProperty("notes").EnumerateArray());
    }

    [Fact]
    public async Task A_reply_from_another_address_without_SPF_or_DKIM_or_without_a_decision_leaves_a_note_and_the_draft_in_review()
    {
        var round = await InReviewAsync();
        var address = await DraftAddressAsync(round, 1);

        // The coordinator answers the draft (it was in Cc): a note, answered with the reason; SPF passes for jenv.example.
        var other = await _hosts.Driver.PostOkAsync(ApproverReplies.Outlook(address, "Akkoord", from: "coordinator@jenv.example", fromName: "Coördinator IMA"));
        Assert.Equal(("note", "ApprovalOtherSender"), (other.GetProperty("outcome").GetString(), other.GetProperty("reasonCode").GetString()));
        Assert.Contains("alleen de goedkeurder van ronde", other.GetProperty("reason").GetString());

        // The approver's address, but neither SPF nor DKIM vouches for it: a note, and nothing goes back to a From that may be forged.
        var forged = await _hosts.Driver.PostOkAsync(ApproverReplies.Gmail(address, "Akkoord, Jan", authenticated: false));
        Assert.Equal(("note", "ApprovalAuthenticationFailed"), (forged.GetProperty("outcome").GetString(), forged.GetProperty("reasonCode").GetString()));

        // The approver writes something that is no decision: a note for the coordinator.
        var question = await _hosts.Driver.PostOkAsync(ApproverReplies.Gmail(address, "Wat mij betreft prima, maar ik wil eerst even met SZW bellen over de cijfers.\n\nJan"));
        Assert.Equal(("note", "ApprovalNote"), (question.GetProperty("outcome").GetString(), question.GetProperty("reasonCode").GetString()));

        var status = await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Reviewing, draft: 1);
        Assert.Equal(1, status.Draft);
        Assert.DoesNotContain(await Audit(round), a => a.Action == AuditActions.Command(RoundCommandKind.Approve));
        var notes = (await _hosts.Driver.ViewAsync(round)).GetProperty("notes").EnumerateArray().ToList();
        Assert.Equal(["ApprovalAuthenticationFailed", "ApprovalNote", "ApprovalOtherSender"], notes.Select(n => n.GetProperty("reasonCode").GetString()).Order());
        Assert.All(notes, n => Assert.Equal(("approval", 1), (n.GetProperty("kind").GetString(), n.GetProperty("draft").GetInt32())));
        Assert.Equal("Wat mij betreft prima, maar ik wil eerst even met SZW bellen over de cijfers.\n\nJan", notes.Single(n => n.GetProperty("reasonCode").GetString() == "ApprovalNote").GetProperty("text").GetString());

        // Answers: one to the coordinator (not taken, with the reason), one to the approver's note; none to the unauthenticated one.
        var answers = await Eventually.WaitAsync(() => Task.FromResult(Sent(round, nameof(MailKind.DecisionNotTaken))), m => m.Count >= 2,
            WebhookDriver.Patience, "the two answers");
        Assert.Equal(2, answers.Count);
        var toCoordinator = Assert.Single(answers, m => To(m).SequenceEqual(["coordinator@jenv.example"]));
        Assert.Contains("Reden: Niet als besluit verwerkt", PlainText(toCoordinator));
        var toApprover = Assert.Single(answers, m => To(m).SequenceEqual([ApproverReplies.Approver]));
        Assert.Contains("als notitie doorgegeven aan de coördinator", PlainText(toApprover));
        Assert.Empty(Sent(round, nameof(MailKind.DecisionConfirmed)));
    }

    [Fact]
    public async Task Akkoord_on_an_older_draft_or_after_the_round_was_approved_decides_nothing_and_leaves_a_note()
    {
        var round = await InReviewAsync();
        var first = await DraftAddressAsync(round, 1);

        // SZW corrects its text while draft 1 is in review: draft 2 goes out.
        await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(await _hosts.Driver.ReplyAddressAsync(round, "SZW"), "officer@szw.example", "Pijler 5\n\n" + IntakeCorpus.P5b));
        await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Reviewing, draft: 2);
        var second = await DraftAddressAsync(round, 2);
        Assert.NotEqual(first, second);

        var late = await _hosts.Driver.PostOkAsync(ApproverReplies.Outlook(first, "Akkoord"));
        Assert.Equal(("note", "ApprovalOlderDraft"), (late.GetProperty("outcome").GetString(), late.GetProperty("reasonCode").GetString()));
        Assert.Contains("dit antwoord hoort bij concept 1, maar inmiddels is concept 2 verstuurd", late.GetProperty("reason").GetString());
        Assert.Equal(2, (await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Reviewing, draft: 2)).Draft);

        // Approved on the page; an "Akkoord" by mail afterwards is a note.
        Assert.Equal(HttpStatusCode.Accepted, (await _hosts.Driver.Http.PostAsync($"/api/rounds/{round}/approve", JsonBodies.Empty())).StatusCode);
        await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Approved, draft: 2);
        var afterwards = await _hosts.Driver.PostOkAsync(ApproverReplies.Gmail(second, "akkoord, Jan"));
        Assert.Equal(("note", "ApprovalRoundFinished"), (afterwards.GetProperty("outcome").GetString(), afterwards.GetProperty("reasonCode").GetString()));

        var approvals = (await Audit(round)).Where(a => a.Action == AuditActions.Command(RoundCommandKind.Approve)).ToList();
        Assert.Equal(["lokaal"], approvals.Select(a => a.Actor));
        var notes = (await _hosts.Driver.ViewAsync(round)).GetProperty("notes").EnumerateArray().ToList();
        Assert.Equal([(1, "ApprovalOlderDraft"), (2, "ApprovalRoundFinished")],
            notes.Select(n => (n.GetProperty("draft").GetInt32(), n.GetProperty("reasonCode").GetString()!)).Order());
        Assert.Empty(Sent(round, nameof(MailKind.DecisionConfirmed)));
    }

    [Fact]
    public async Task Heropenen_reopens_the_named_pillar_with_the_note_and_a_second_reply_on_that_draft_is_a_note()
    {
        var round = await InReviewAsync();
        var address = await DraftAddressAsync(round, 1);

        // A ministry that is not in the round: nothing reopened, the note says which are.
        var wrong = await _hosts.Driver.PostOkAsync(ApproverReplies.Gmail(address, "Heropenen BZ pijler 4: graag de terugkeercijfers"));
        Assert.Equal(("note", "ApprovalReopenInvalid"), (wrong.GetProperty("outcome").GetString(), wrong.GetProperty("reasonCode").GetString()));
        Assert.Contains("'BZ' is geen ministerie van deze ronde (wel: ", wrong.GetProperty("reason").GetString());

        var reopen = await _hosts.Driver.PostOkAsync(ApproverReplies.Outlook(address, "Heropenen SZW pijler 5: graag de cijfers over 2020 toevoegen\n\nGroet,\nJan"));
        Assert.Equal(("decision", "ApprovalDecided"), (reopen.GetProperty("outcome").GetString(), reopen.GetProperty("reasonCode").GetString()));
        await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Collecting);

        // SZW is asked again for pillar 5, with the approver's note; the approver gets the confirmation.
        var request = await Eventually.WaitAsync(() => Task.FromResult(Sent(round, nameof(MailKind.Request)).Where(m => m.CustomArg("ministry") == "SZW" && m.CustomArg("version") == "2").ToList()),
            m => m.Count > 0, WebhookDriver.Patience, "the new request to SZW");
        Assert.Contains("graag de cijfers over 2020 toevoegen", PlainText(Assert.Single(request)));
        Assert.Equal("5", request[0].CustomArg("pillars"));
        var confirmation = Assert.Single(await Eventually.WaitAsync(() => Task.FromResult(Sent(round, nameof(MailKind.DecisionConfirmed))), m => m.Count > 0,
            WebhookDriver.Patience, "the confirmation"));
        Assert.StartsWith("[", confirmation.Json.GetProperty("subject").GetString());
        Assert.Contains("Heropend: SZW pijler 5", confirmation.Json.GetProperty("subject").GetString());
        Assert.Equal([ApproverReplies.Approver], To(confirmation));

        var reopened = Assert.Single(await Audit(round), a => a.Action == AuditActions.Command(RoundCommandKind.Reopen));
        Assert.Equal("mail:dg@jenv.example", reopened.Actor);
        Assert.Equal("Heropend voor SZW, pijler(s) 5 (concept 1): graag de cijfers over 2020 toevoegen", reopened.Detail);

        // The same draft answered again (an "Akkoord" sent from the phone as well): decided already, a note.
        var twice = await _hosts.Driver.PostOkAsync(ApproverReplies.Gmail(address, "Akkoord"));
        Assert.Equal(("note", "ApprovalAlreadyDecided"), (twice.GetProperty("outcome").GetString(), twice.GetProperty("reasonCode").GetString()));
        Assert.Contains("over concept 1 is al besloten (heropend)", twice.GetProperty("reason").GetString());
        Assert.Equal(RoundPhase.Collecting, (await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Collecting)).Phase);
    }

    /// <summary>A round of SZW (pillar 5) and BZK (pillar 6) whose texts are in: draft 1 in review.</summary>
    private async Task<string> InReviewAsync()
    {
        var round = await _hosts.Driver.StartRoundAsync(SampleRounds.Ministry("SZW", 5), SampleRounds.Ministry("BZK", 6));
        await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(await _hosts.Driver.ReplyAddressAsync(round, "SZW"), "officer@szw.example", "Pijler 5\n\n" + IntakeCorpus.P5));
        await _hosts.Driver.PostOkAsync(WebhookDriver.Reply(await _hosts.Driver.ReplyAddressAsync(round, "BZK"), "officer@bzk.example", "Pijler 6\n\n" + IntakeCorpus.P6));
        await _hosts.Driver.WaitForPhaseAsync(round, RoundPhase.Reviewing, draft: 1);
        return round;
    }

    /// <summary>The Reply-To of draft <paramref name="draft"/>'s mail to the approver, as it reached SendGrid.</summary>
    private async Task<string> DraftAddressAsync(string round, int draft)
    {
        var mails = await Eventually.WaitAsync(() => Task.FromResult(Sent(round, nameof(MailKind.DraftForApproval)).Where(m => m.CustomArg("draft") == $"{draft}").ToList()),
            m => m.Count > 0, WebhookDriver.Patience, $"draft {draft} sent");
        var mail = Assert.Single(mails);
        Assert.Equal([SampleRounds.Approver.Email], To(mail));
        var replyTo = mail.Json.GetProperty("reply_to").GetProperty("email").GetString()!;
        Assert.StartsWith(ReplyToken.ApproverPrefix, replyTo);
        Assert.Contains($"{Page}/app/rondes/{round}", PlainText(mail));
        return replyTo;
    }

    private List<ReceivedMail> Sent(string round, string kind) =>
        _hosts.SendGrid.Received.Where(m => m.Delivered && m.Round == round && m.CustomArg("kind") == kind).ToList();

    private static List<string> To(ReceivedMail mail) =>
        mail.Json.GetProperty("personalizations")[0].GetProperty("to").EnumerateArray().Select(e => e.GetProperty("email").GetString()!).ToList();

    private static string PlainText(ReceivedMail mail) =>
        mail.Json.GetProperty("content").EnumerateArray().First(c => c.GetProperty("type").GetString() == "text/plain").GetProperty("value").GetString()!;

    private Task<IReadOnlyList<AuditEntry>> Audit(string round) =>
        _hosts.Workflow.Services.GetRequiredService<AuditLog>().ListAsync(round, 100, CancellationToken.None);
}
