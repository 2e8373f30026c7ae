using MigrationAgenda.Letters;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Mail;

/// <summary>
/// Deciding by replying, as the mails put it: the draft and its reminders carry the approver's signed reply address
/// for that draft, say in Dutch how to answer and link to the round's page; the answers intake sends back.
/// </summary>
public sealed class ApprovalMailTests
{
    private static readonly DateTimeOffset Now = new(2027, 2, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly ReplyToken _tokens = new(new TokenOptions { SigningKey = "approval-mail-key-0123456789-abcdefghijk" }, new MailOptions());
    private readonly RoundPlan _plan = SamplePlans.Ima();

    private MailComposer Composer(string? pageBaseUrl = "https://ima.example.nl/") =>
        new(_tokens, new MailOptions { PageBaseUrl = pageBaseUrl }, new MailTestClock(Now));

    [Fact]
    public void The_draft_replies_to_a_signed_address_for_this_round_draft_and_approver()
    {
        var mail = Composer().DraftForApproval(_plan, 3, [], [], "letters/ima-2021/draft-3/letter.docx");

        Assert.StartsWith("besluit+", mail.ReplyTo);
        Assert.EndsWith("@inbound.migratieagenda.example", mail.ReplyTo);
        var check = _tokens.ValidateApprover(mail.ReplyTo, Now.AddDays(2));
        Assert.True(check.IsValid, check.English);
        Assert.Equal(("ima-2021", 3), (check.Token!.RoundId, check.Token.Draft));
        Assert.True(_tokens.IsIssuedTo(check.Token, SamplePlans.Approver.Email.ToUpperInvariant()));
        Assert.False(_tokens.IsIssuedTo(check.Token, SamplePlans.Coordinator.Email));
        // A ministry's token check does not take it, nor the other way round.
        Assert.False(_tokens.Validate(mail.ReplyTo, Now).IsValid);
        Assert.False(_tokens.ValidateApprover(_tokens.ReplyAddress("ima-2021", "SZW", 1, Now), Now).IsValid);
    }

    [Fact]
    public void An_altered_approver_address_is_refused()
    {
        var address = Composer().DraftForApproval(_plan, 1, [], [], "x").ReplyTo!;
        var altered = address.Replace("ima-2021.1.", "ima-2021.2.", StringComparison.Ordinal);

        Assert.NotEqual(address, altered);
        Assert.Equal(ReplyTokenFailure.BadSignature, _tokens.ValidateApprover(altered, Now).Failure);
    }

    [Fact]
    public void The_draft_says_in_Dutch_how_to_answer_and_links_to_the_round()
    {
        MissingPillar[] missing = [new("SZW", 5, _plan.PillarTitle(5))];

        var text = Composer().DraftForApproval(_plan, 2, missing, [], "letters/ima-2021/draft-2/letter.docx").TextBody;

        Assert.Contains("beantwoord deze e-mail met 'Beantwoorden' en zet uw besluit op de eerste regel", text);
        Assert.Contains("Goedkeuren: \"Akkoord\"", text);
        Assert.Contains("Heropenen SZW pijler 5: graag de laatste cijfers toevoegen", text);
        Assert.Contains("SZW (5, 6)", text);
        Assert.Contains("notitie bij de coördinator", text);
        Assert.Contains($"alleen vanaf {SamplePlans.Approver.Email} en alleen zolang concept 2 ter goedkeuring ligt", text);
        Assert.Contains("https://ima.example.nl/app/rondes/ima-2021", text);
    }

    [Fact]
    public void The_approval_reminder_says_the_same_and_replies_to_the_same_draft()
    {
        var mail = Composer().ApprovalReminder(_plan, 2, Now.AddDays(-3), "letters/ima-2021/draft-2/letter.docx");

        Assert.Contains("Goedkeuren: \"Akkoord\"", mail.TextBody);
        Assert.Contains("Heropenen ", mail.TextBody);
        Assert.Contains("https://ima.example.nl/app/rondes/ima-2021", mail.TextBody);
        Assert.Equal(2, _tokens.ValidateApprover(mail.ReplyTo, Now).Token!.Draft);
    }

    [Theory]
    [InlineData("ima.example.nl", "https://ima.example.nl/app/rondes/ima-2021")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/app/rondes/ima-2021")]
    [InlineData("https://func-ima.azurewebsites.net/", "https://func-ima.azurewebsites.net/app/rondes/ima-2021")]
    public void The_page_link_is_absolute(string setting, string expected) =>
        Assert.Equal(expected, Composer(setting).RoundPageUrl("ima-2021"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/app")]
    [InlineData("ftp://ima.example.nl")]
    public void Without_an_absolute_page_address_the_mail_says_where_the_round_is_and_gives_no_relative_link(string? setting)
    {
        var text = Composer(setting).DraftForApproval(_plan, 1, [], [], "x").TextBody;

        Assert.Null(Composer(setting).RoundPageUrl("ima-2021"));
        Assert.Contains("kies onder 'Rondes' de ronde ima-2021", text);
        Assert.DoesNotContain("/app/rondes", text);
    }

    [Fact]
    public void The_confirmation_of_an_approval_goes_to_the_approver_and_answers_go_to_the_coordinator()
    {
        var mail = Composer().DecisionConfirmed(_plan, 2, new DecisionSummary());

        Assert.Equal(MailKind.DecisionConfirmed, mail.Kind);
        Assert.Equal([SamplePlans.Approver.Email], mail.To.Select(c => c.Email));
        Assert.Equal(SamplePlans.Coordinator.Email, mail.ReplyTo);
        Assert.StartsWith("[ima-2021] Akkoord verwerkt: concept 2", mail.Subject);
        Assert.Contains("Uw akkoord op concept 2", mail.TextBody);
        Assert.Contains("https://ima.example.nl/app/rondes/ima-2021", mail.TextBody);
        Assert.Equal("2", mail.CustomArgs["draft"]);
        Assert.Equal(LoopHeaders.SuppressAll, mail.Headers[LoopHeaders.AutoResponseSuppress]);
    }

    [Fact]
    public void The_confirmation_of_a_reopen_names_the_pillars_and_the_note_for_the_ministry()
    {
        var mail = Composer().DecisionConfirmed(_plan, 1, new DecisionSummary("SZW", [5], "graag de cijfers over 2020 toevoegen"));

        Assert.Contains("Heropend: SZW pijler 5", mail.Subject);
        Assert.Contains("krijgt een nieuw verzoek met uw toelichting:\n  \"graag de cijfers over 2020 toevoegen\"", mail.TextBody);
        Assert.Contains("nieuw concept ter goedkeuring", mail.TextBody);
    }

    [Fact]
    public void A_reply_not_taken_as_a_decision_is_answered_with_its_reason()
    {
        var mail = Composer().DecisionNotTaken(_plan, "dg@jenv.example", "RE: Concept 1", 1, "Inmiddels is concept 2 verstuurd.", note: false);

        Assert.Equal(MailKind.DecisionNotTaken, mail.Kind);
        Assert.Equal(["dg@jenv.example"], mail.To.Select(c => c.Email));
        Assert.Contains("niet als besluit verwerkt", mail.Subject);
        Assert.Contains("Reden: Inmiddels is concept 2 verstuurd.", mail.TextBody);
        Assert.Contains(SamplePlans.Coordinator.Email, mail.TextBody);
    }
}
