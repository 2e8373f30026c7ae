using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;
using MigrationAgenda.UnitTests.Mail;

namespace MigrationAgenda.UnitTests.Rounds;

/// <summary>A contact whose mail bounced: who is asked next (RoundProgress) and what that escalation says (MailComposer).</summary>
public sealed class UndeliverableEscalationTests
{
    private static readonly RoundPlan Plan = SamplePlans.Ima();

    [Fact]
    public void A_bounced_request_escalates_to_level_one_and_a_bounced_level_one_to_level_two()
    {
        var round = new RoundProgress(Plan, Plan.CreatedAt);

        Assert.Equal(1, round.EscalationPastUndeliverable("BZK", 0));
        round.EscalatedAtOnce("BZK", 1);
        Assert.Equal(1, round["BZK"].EscalationLevel);
        // The same bounce reported again changes nothing; the escalation contact bouncing moves on to level 2.
        Assert.Null(round.EscalationPastUndeliverable("BZK", 0));
        Assert.Equal(2, round.EscalationPastUndeliverable("BZK", 1));
        round.EscalatedAtOnce("BZK", 2);
        Assert.Null(round.EscalationPastUndeliverable("BZK", 2));
    }

    [Fact]
    public void Nobody_is_escalated_for_a_ministry_that_owes_nothing_or_is_not_in_the_round()
    {
        var round = new RoundProgress(Plan, Plan.CreatedAt);
        round.Receive("SZW", [5, 6]);

        Assert.Null(round.EscalationPastUndeliverable("SZW", 0));
        Assert.Null(round.EscalationPastUndeliverable("XYZ", 0));
    }

    [Fact]
    public void A_ministry_with_a_single_contact_has_nobody_to_escalate_to()
    {
        var plan = Plan with
        {
            Participants = Plan.Participants.Select(p => p.Code == "BZK" ? p with { Contacts = [p.Contacts[0]] } : p).ToList(),
        };
        Assert.Null(new RoundProgress(plan, plan.CreatedAt).EscalationPastUndeliverable("BZK", 0));
    }

    [Fact]
    public void The_scheduled_escalation_skips_a_ministry_already_escalated_that_far()
    {
        var round = new RoundProgress(Plan, Plan.CreatedAt);
        round.EscalatedAtOnce("BZK", 1);

        Assert.DoesNotContain("BZK", round.OwingBelow(1).Select(m => m.Participant.Code));
        Assert.Equal(Plan.Participants.Count - 1, round.OwingBelow(1).Count);
        Assert.Contains("BZK", round.OwingBelow(2).Select(m => m.Participant.Code));
    }

    [Theory]
    [InlineData(-2, "uiterlijk")]
    [InlineData(2, "verliep op")]
    public void The_escalation_names_the_unreachable_contact_and_goes_to_the_next_with_the_coordinator_in_copy(int daysAfterDeadline, string wording)
    {
        var tokens = new ReplyToken(new TokenOptions { SigningKey = "composer-test-key-0123456789-abcdefghijkl" }, new MailOptions());
        var composer = new MailComposer(tokens, new MailOptions(), new MailTestClock(SamplePlans.Deadline.AddDays(daysAfterDeadline)));
        var bzk = Plan.FindParticipant("BZK")!;

        var mail = composer.EscalationPastUndeliverable(Plan, bzk, 1, 0, 1, [6], SamplePlans.Deadline);

        Assert.Equal(MailKind.Escalation, mail.Kind);
        Assert.Equal(["afdelingshoofd@bzk.example"], mail.To.Select(c => c.Email));
        Assert.Equal([SamplePlans.Coordinator.Email], mail.Cc.Select(c => c.Email));
        Assert.Contains("huisvesting@bzk.example", mail.TextBody);
        Assert.Contains("kon niet worden bezorgd", mail.TextBody);
        Assert.Contains(wording, mail.TextBody);
        Assert.DoesNotContain("is te laat", mail.TextBody);
        Assert.Equal(("1", "0", "BZK"), (mail.CustomArgs["level"], mail.CustomArgs["undeliverable"], mail.CustomArgs["ministry"]));
        Assert.StartsWith("reply+", mail.ReplyTo);
    }
}
