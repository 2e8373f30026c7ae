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
        MessageIds.ApprovalReminder(2, 1), MessageIds.Final(2), MessageIds.QuarantineNotice(new string('a', 64)),
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
