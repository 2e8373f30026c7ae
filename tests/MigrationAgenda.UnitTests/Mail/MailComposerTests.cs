using MigrationAgenda.Intake;
using MigrationAgenda.Letters;
using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Mail;

public sealed class MailComposerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly ReplyToken _tokens = new(new TokenOptions { SigningKey = "composer-test-key-0123456789-abcdefghijkl" }, new MailOptions());
    private readonly MailComposer _composer;
    private readonly RoundPlan _plan = SamplePlans.Ima();

    public MailComposerTests() => _composer = new MailComposer(_tokens, new MailOptions { ApiBaseUrl = "https://ima.example.nl/" }, new MailTestClock(Now));

    private Participant Szw => _plan.FindParticipant("SZW")!;

    [Fact]
    public void Request_names_the_round_ministry_pillars_with_titles_and_the_Dutch_deadline()
    {
        var mail = _composer.Request(_plan, Szw, 1, [5, 6], SamplePlans.Deadline, note: null);

        Assert.Equal(MailKind.Request, mail.Kind);
        Assert.StartsWith("[ima-2021] ", mail.Subject);
        Assert.Contains("Voortgang Integrale Migratieagenda 2021", mail.Subject);
        Assert.Equal(["integratie@szw.example"], mail.To.Select(c => c.Email));
        Assert.Empty(mail.Cc);
        Assert.Contains("Ministerie van Sociale Zaken en Werkgelegenheid", mail.TextBody);
        Assert.Contains("Pijler 5 – Bevorderen legale migratieroutes", mail.TextBody);
        Assert.Contains("Pijler 6 – Bevorderen integratie en participatie", mail.TextBody);
        Assert.DoesNotContain("Pijler 3", mail.TextBody);
        Assert.Contains("uiterlijk vrijdag 15 januari 2027 17:00", mail.TextBody);
        Assert.Contains("\"Pijler 5\", \"Pijler 6\"", mail.TextBody);
        Assert.Contains(".docx", mail.TextBody);
        Assert.Contains("[^1]: ", mail.TextBody);
        Assert.Contains("Bevorderen legale migratieroutes", mail.HtmlBody);
    }

    [Fact]
    public void Request_reply_to_is_a_valid_token_for_the_ministry_and_version()
    {
        var mail = _composer.Request(_plan, Szw, 2, [6], SamplePlans.Deadline, note: "Graag de cijfers van 2020 bijwerken.");

        var check = _tokens.Validate(mail.ReplyTo, Now);
        Assert.True(check.IsValid, check.English);
        Assert.Equal(new ReplyTokenData("ima-2021", "szw", 2, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), check.Token);
        Assert.EndsWith("@inbound.migratieagenda.example", mail.ReplyTo);
        Assert.Contains("Graag de cijfers van 2020 bijwerken.", mail.TextBody);
        Assert.Contains("versie 2", mail.Subject);
        Assert.DoesNotContain("\"Pijler 6\"", mail.TextBody); // one pillar: no heading needed
        Assert.Equal("ima-2021", mail.CustomArgs["round"]);
        Assert.Equal("SZW", mail.CustomArgs["ministry"]);
        Assert.Equal("Request", mail.CustomArgs["kind"]);
        Assert.Equal("2", mail.CustomArgs["version"]);
    }

    [Fact]
    public void Pillar_titles_and_ministry_names_come_from_the_plan()
    {
        var definition = _plan.Definition with
        {
            Title = "Testrapportage",
            Pillars = _plan.Definition.Pillars.Select(p => p.Number == 5 ? p with { Title = "Een andere titel" } : p).ToList(),
        };
        var plan = _plan with { Definition = definition };
        var participant = Szw with { Name = "Ministerie van Test" };

        var mail = _composer.Request(plan, participant, 1, [5], SamplePlans.Deadline, null);

        Assert.Contains("Pijler 5 – Een andere titel", mail.TextBody);
        Assert.Contains("Ministerie van Test", mail.TextBody);
        Assert.Contains("Testrapportage 2021", mail.Subject);
        Assert.DoesNotContain("Bevorderen legale migratieroutes", mail.TextBody);
    }

    [Fact]
    public void Deadline_is_shown_in_Amsterdam_summer_time()
    {
        var mail = _composer.Request(_plan, Szw, 1, [5], new DateTimeOffset(2027, 7, 15, 16, 0, 0, TimeSpan.Zero), null);

        Assert.Contains("donderdag 15 juli 2027 18:00", mail.TextBody);
    }

    [Fact]
    public void Reminder_carries_a_token_and_the_pillars_still_owed()
    {
        var mail = _composer.Reminder(_plan, Szw, 1, [6], SamplePlans.Deadline);

        Assert.Equal(MailKind.Reminder, mail.Kind);
        Assert.StartsWith("[ima-2021] Herinnering", mail.Subject);
        Assert.True(_tokens.Validate(mail.ReplyTo, Now).IsValid);
        Assert.Contains("Pijler 6 – Bevorderen integratie en participatie", mail.TextBody);
        Assert.DoesNotContain("Pijler 5", mail.TextBody);
        Assert.Contains("vrijdag 15 januari 2027 17:00", mail.TextBody);
        Assert.Equal("Reminder", mail.CustomArgs["kind"]);
    }

    [Fact]
    public void Escalation_goes_to_the_level_contact_with_the_coordinator_in_copy()
    {
        var mail = _composer.Escalation(_plan, Szw, 2, 1, [5, 6], SamplePlans.Deadline);

        Assert.Equal(MailKind.Escalation, mail.Kind);
        Assert.Equal(["directeur@szw.example"], mail.To.Select(c => c.Email));
        Assert.Equal([SamplePlans.Coordinator.Email], mail.Cc.Select(c => c.Email));
        var check = _tokens.Validate(mail.ReplyTo, Now);
        Assert.Equal("szw", check.Token?.Ministry);
        Assert.Contains("te laat", mail.TextBody);
        Assert.Contains("verliep op vrijdag 15 januari 2027 17:00", mail.TextBody);
        Assert.Contains("Pijler 5 – Bevorderen legale migratieroutes", mail.TextBody);
        Assert.Equal("2", mail.CustomArgs["level"]);
        Assert.Equal("SZW", mail.CustomArgs["ministry"]);
    }

    [Fact]
    public void Escalation_beyond_the_last_level_goes_to_the_highest_contact()
    {
        var mail = _composer.Escalation(_plan, Szw, 5, 1, [5], SamplePlans.Deadline);

        Assert.Equal(["directeur@szw.example"], mail.To.Select(c => c.Email));
    }

    [Fact]
    public void Draft_lists_missing_pillars_changes_and_how_to_decide()
    {
        MissingPillar[] missing = [new("BZ", 4, _plan.PillarTitle(4))];
        PillarChange[] changes =
        [
            new(3, _plan.PillarTitle(3), ["Nieuwe alinea over de asielinstroom.", "Tweede nieuwe alinea."], ["Oude alinea die verdween."]),
        ];

        var mail = _composer.DraftForApproval(_plan, 2, missing, changes, "letters/ima-2021/draft-2/letter.docx");

        Assert.Equal(MailKind.DraftForApproval, mail.Kind);
        Assert.Equal([SamplePlans.Approver.Email], mail.To.Select(c => c.Email));
        Assert.Equal([SamplePlans.Coordinator.Email], mail.Cc.Select(c => c.Email));
        Assert.DoesNotContain("reply+", mail.ReplyTo ?? "");
        Assert.Contains("Concept 2", mail.Subject);
        Assert.Contains("Pijler 4 – Tegengaan illegaal verblijf en bevorderen terugkeer: Ministerie van Buitenlandse Zaken", mail.TextBody);
        Assert.Contains("Wijzigingen sinds concept 1", mail.TextBody);
        Assert.Contains("Pijler 3 – Robuust asielbeleid: 2 alinea's toegevoegd, 1 verwijderd", mail.TextBody);
        Assert.Contains("+ \"Nieuwe alinea over de asielinstroom.\"", mail.TextBody);
        Assert.Contains("- \"Oude alinea die verdween.\"", mail.TextBody);
        // Decided by replying: the example reopen names the missing pillar.
        Assert.StartsWith(ReplyToken.ApproverPrefix, mail.ReplyTo);
        Assert.Contains("\"Akkoord\"", mail.TextBody);
        Assert.Contains("Heropenen BZ pijler 4: graag de laatste cijfers toevoegen", mail.TextBody);
        Assert.DoesNotContain("POST ", mail.TextBody);
        Assert.Contains("letters/ima-2021/draft-2/letter.docx", mail.TextBody);
        Assert.Equal("2", mail.CustomArgs["draft"]);
        Assert.Equal("all", mail.CustomArgs["ministry"]);
    }

    [Fact]
    public void First_draft_with_everything_in_says_so()
    {
        var mail = _composer.DraftForApproval(_plan, 1, [], [], "letters/ima-2021/draft-1/letter.docx");

        Assert.Contains("Alle bijdragen zijn binnen.", mail.TextBody);
        Assert.DoesNotContain("Wijzigingen sinds", mail.TextBody);
    }

    [Fact]
    public void Approval_reminder_goes_to_the_approver()
    {
        var mail = _composer.ApprovalReminder(_plan, 1, new DateTimeOffset(2027, 1, 26, 8, 0, 0, TimeSpan.Zero), "letters/ima-2021/draft-1/letter.docx");

        Assert.Equal(MailKind.ApprovalReminder, mail.Kind);
        Assert.Equal([SamplePlans.Approver.Email], mail.To.Select(c => c.Email));
        Assert.Contains("sinds dinsdag 26 januari 2027 09:00", mail.TextBody);
        Assert.Contains("\"Akkoord\"", mail.TextBody);
        Assert.StartsWith(ReplyToken.ApproverPrefix, mail.ReplyTo);
    }

    [Fact]
    public void Final_goes_to_the_coordinator_and_every_first_contact()
    {
        var mail = _composer.Final(_plan, 3, "letters/ima-2021/final/letter.docx");

        Assert.Equal(MailKind.Final, mail.Kind);
        string[] expected = [SamplePlans.Coordinator.Email, .. _plan.Participants.Select(p => p.ContactFor(0).Email)];
        Assert.Equal(expected, mail.To.Select(c => c.Email));
        Assert.Contains("goedgekeurd", mail.Subject);
        Assert.Contains("letters/ima-2021/final/letter.docx", mail.TextBody);
    }

    [Fact]
    public void Quarantine_notice_explains_without_a_token()
    {
        var mail = _composer.QuarantineNotice("iemand@szw.example", "RE: bijdrage", IntakeWording.For(new IntakeReason(IntakeReasonCode.TokenInvalid)), _plan, "SZW");

        Assert.Equal(MailKind.QuarantineNotice, mail.Kind);
        Assert.Equal(["iemand@szw.example"], mail.To.Select(c => c.Email));
        Assert.Equal(SamplePlans.Coordinator.Email, mail.ReplyTo);
        Assert.StartsWith("[ima-2021] ", mail.Subject);
        Assert.Contains("gewijzigd of niet door ons uitgegeven", mail.TextBody);
        Assert.Contains("\"RE: bijdrage\"", mail.TextBody);
        Assert.DoesNotContain("reply+ima", mail.TextBody);
        // One notice per sender, reason and day (MessageIds.QuarantineNotice): the one they get says so.
        Assert.Contains("Berichten die u vandaag om dezelfde reden nog vanaf dit adres stuurt, bewaren we ook; daarover krijgt u geen nieuw bericht.", mail.TextBody);
        Assert.Equal("QuarantineNotice", mail.CustomArgs["kind"]);
    }

    [Fact]
    public void Quarantine_notice_without_a_round_still_has_a_subject_tag()
    {
        var mail = _composer.QuarantineNotice("iemand@elders.example", null, "Geen antwoordadres.", plan: null);

        Assert.StartsWith("[migratieagenda] ", mail.Subject);
        Assert.Null(mail.ReplyTo);
    }

    [Fact]
    public void Html_body_escapes_text()
    {
        var mail = _composer.Request(_plan, Szw, 1, [5], SamplePlans.Deadline, note: "<script>alert(1)</script> & meer");

        Assert.Contains("&lt;script&gt;", mail.HtmlBody);
        Assert.DoesNotContain("<script>", mail.HtmlBody);
    }
}
