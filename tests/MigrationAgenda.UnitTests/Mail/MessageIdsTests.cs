using System.Text.RegularExpressions;
using MigrationAgenda.Mail;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Mail;

/// <summary>The ids the mail ledger sends once: one per message, the same every time it is built, usable as a row key.</summary>
public sealed class MessageIdsTests
{
    private static readonly DateTimeOffset D = SamplePlans.Deadline;

    public static TheoryData<string> Every => new(All());

    private static IEnumerable<string> All() =>
    [
        MessageIds.Request("BHOS", 1), MessageIds.Request("BHOS", 2), MessageIds.Request("SZW", 1),
        MessageIds.Reminder("BHOS", 1, 1), MessageIds.Reminder("BHOS", 1, 2), MessageIds.Reminder("BHOS", 2, 2),
        MessageIds.Escalation("BHOS", 1, 1, D), MessageIds.Escalation("BHOS", 1, 2, D), MessageIds.Escalation("BHOS", 1, 1, D.AddDays(7)),
        MessageIds.Escalation("BHOS", 2, 1, D),
        MessageIds.DraftForApproval(1), MessageIds.DraftForApproval(2), MessageIds.ApprovalReminder(1, 1), MessageIds.ApprovalReminder(1, 2),
        MessageIds.ApprovalReminder(2, 1), MessageIds.Final(2), MessageIds.QuarantineNotice("j.devries@szw.example", "UnknownSender", D),
        MessageIds.DecisionConfirmed(1), MessageIds.DecisionConfirmed(2), MessageIds.DecisionAnswer(new string('a', 64)),
    ];

    [Fact]
    public void Every_message_of_a_round_has_its_own_id()
    {
        var ids = All().ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void An_id_is_built_from_what_the_message_is_never_from_a_clock()
    {
        Assert.Equal(All(), All());
        Assert.Equal("request|BHOS|v1", MessageIds.Request("bhos", 1));
        Assert.Equal("escalation|BZK|v1|l2|20270115T160000Z", MessageIds.Escalation("BZK", 1, 2, D.ToOffset(TimeSpan.FromHours(1))));
    }

    [Fact]
    public void A_quarantine_notice_is_one_per_sender_reason_and_dutch_day_and_names_the_sender_only_by_hash()
    {
        // 22:30 UTC on 14 January is 23:30 in Amsterdam; 23:30 UTC is already the 15th there.
        var evening = new DateTimeOffset(2027, 1, 14, 22, 30, 0, TimeSpan.Zero);
        var id = MessageIds.QuarantineNotice("J.deVries@SZW.example", "UnknownSender", evening);

        Assert.Equal(id, MessageIds.QuarantineNotice(" j.devries@szw.example", "UnknownSender", evening.AddHours(-22)));
        Assert.NotEqual(id, MessageIds.QuarantineNotice("j.devries@szw.example", "UnknownSender", evening.AddHours(1)));
        Assert.NotEqual(id, MessageIds.QuarantineNotice("j.devries@szw.example", "NotOwnedPillar", evening));
        Assert.NotEqual(id, MessageIds.QuarantineNotice("p.jansen@szw.example", "UnknownSender", evening));
        Assert.EndsWith("|UnknownSender|20270114", id);
        Assert.DoesNotContain("devries", id, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void An_id_is_a_valid_table_row_key_and_blob_name_part(string id)
    {
        Assert.Matches(new Regex("^[A-Za-z0-9|.-]+$"), id);
        Assert.True(id.Length < 200);
    }

    [Fact]
    public void A_message_built_without_an_id_gets_one_from_its_content()
    {
        var plan = SamplePlans.Ima();
        var composer = new MailComposer(new ReplyToken(new TokenOptions { SigningKey = WorkflowHost.SigningKey }, new MailOptions()), new MailOptions(), new MailTestClock(D));
        var notice = composer.QuarantineNotice("sender@bhos.example", "Re: Verzoek", "Geen antwoordadres.", plan, "BHOS");

        Assert.Equal(MessageIds.FromContent(notice), MessageIds.FromContent(notice with { }));
        Assert.NotEqual(MessageIds.FromContent(notice), MessageIds.FromContent(notice with { Subject = "anders" }));
        Assert.StartsWith("quarantinenotice|BHOS|sha-", MessageIds.FromContent(notice));
    }
}
