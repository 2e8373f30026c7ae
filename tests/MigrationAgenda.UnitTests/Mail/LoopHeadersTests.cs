using System.Text.Json;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Mail;

/// <summary>The loop-prevention headers on every message the composer makes, and how both senders carry them.</summary>
public sealed class LoopHeadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly MailComposer _composer = new(
        new ReplyToken(new TokenOptions { SigningKey = "loop-headers-key-0123456789-abcdefghijkl" }, new MailOptions()), new MailOptions(), new MailTestClock(Now));
    private readonly RoundPlan _plan = SamplePlans.Ima();

    /// <summary>One message of every kind, as the round's activities and intake compose them.</summary>
    private IEnumerable<OutgoingMail> EveryKind()
    {
        var szw = _plan.FindParticipant("SZW")!;
        yield return _composer.Request(_plan, szw, 1, [5, 6], SamplePlans.Deadline);
        yield return _composer.Reminder(_plan, szw, 1, [5, 6], SamplePlans.Deadline);
        yield return _composer.Escalation(_plan, szw, 1, 1, [5, 6], SamplePlans.Deadline);
        yield return _composer.DraftForApproval(_plan, 1, [], [], "letters/ima-2021/draft-1");
        yield return _composer.ApprovalReminder(_plan, 1, Now, "letters/ima-2021/draft-1");
        yield return _composer.Final(_plan, 1, "letters/ima-2021/final");
        yield return _composer.QuarantineNotice("j.devries@szw.example", "Re: Verzoek", "Reden.", _plan, "SZW");
        yield return _composer.QuarantineNotice("iemand@elders.example", null, "Reden.", null);
        yield return _composer.DeadlineChanged(_plan, szw, 1, [5, 6], SamplePlans.Deadline.AddDays(7), SamplePlans.Deadline, 1);
        yield return _composer.RoundCancelled(_plan, szw, SamplePlans.Deadline, 2);
    }

    [Fact]
    public void Every_message_is_auto_generated_and_only_notices_that_answer_or_close_suppress_auto_replies()
    {
        var mails = EveryKind().ToList();
        Assert.Equal(Enum.GetValues<MailKind>().Order(), mails.Select(m => m.Kind).Distinct().Order());
        foreach (var mail in mails)
        {
            Assert.Equal("auto-generated", mail.Headers["Auto-Submitted"]);
            var suppressed = mail.Kind is MailKind.QuarantineNotice or MailKind.Final or MailKind.RoundCancelled;
            Assert.Equal(suppressed, mail.Headers.TryGetValue("X-Auto-Response-Suppress", out var value));
            if (suppressed)
                Assert.Equal("All", value);
            Assert.Equal(suppressed ? 2 : 1, mail.Headers.Count);
        }
    }

    [Fact]
    public void Requests_reminders_escalations_and_moved_deadlines_let_out_of_office_replies_through()
    {
        foreach (var kind in new[] { MailKind.Request, MailKind.Reminder, MailKind.Escalation, MailKind.DeadlineChanged })
        {
            Assert.False(LoopHeaders.SuppressesAutoReplies(kind));
            Assert.DoesNotContain(LoopHeaders.AutoResponseSuppress, LoopHeaders.For(kind).Keys);
        }
    }

    [Fact]
    public void SendGrid_gets_them_as_the_message_level_headers_object()
    {
        var mail = _composer.QuarantineNotice("j.devries@szw.example", "Re: Verzoek", "Reden.", _plan, "SZW");
        var json = JsonDocument.Parse(SendGridMailSender.ToMessage(mail, new MailOptions()).Serialize()).RootElement;
        var headers = json.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(new Dictionary<string, string?> { ["Auto-Submitted"] = "auto-generated", ["X-Auto-Response-Suppress"] = "All" }, headers);
        Assert.False(json.GetProperty("personalizations")[0].TryGetProperty("headers", out _));
    }

    [Fact]
    public void The_outbox_keeps_them()
    {
        var mail = _composer.Final(_plan, 2, "letters/ima-2021/final");
        var (back, _) = OutboxFormat.Deserialize(BinaryData.FromBytes(OutboxFormat.Serialize(mail, Now)));
        Assert.Equal(mail.Headers, back.Headers);
    }
}
