using System.Text.RegularExpressions;
using MigrationAgenda.Intake;
using MigrationAgenda.Mail;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>The one Dutch wording table: every code has a text, and what reaches people is Dutch, whatever the checks log.</summary>
public sealed partial class IntakeWordingTests
{
    private static readonly MigrationAgenda.Rounds.ReportDefinition Definition = SamplePlans.ImaDefinition();

    /// <summary>English words the checks use in their log texts today; none may reach the page, the API or a mail.</summary>
    [GeneratedRegex(@"\b(the|is not|not|only|pillars?|message|attachments?|owed?|headings?|neither|found|which|does|allowed|sender|received|signature|expired|missing|appears|more than once)\b", RegexOptions.IgnoreCase)]
    private static partial Regex English();

    private static void AssertDutch(string text)
    {
        Assert.False(string.IsNullOrWhiteSpace(text));
        var match = English().Match(text);
        Assert.False(match.Success, $"English '{match.Value}' in: {text}");
    }

    [Theory]
    [InlineData("The message only has text for pillar(s) 6, which this ministry does not owe (owed: 2).")]
    [InlineData("The body has text but no pillar headings, and pillars 5, 6 are owed: start each part with a heading such as \"Pijler 5\".")]
    [InlineData("Pillar 5 appears more than once in the message.")]
    [InlineData("No contribution text found after removing the quoted request and signature.")]
    [InlineData("iemand@elders.example is not on the ministry's list of allowed senders.")]
    [InlineData("Neither SPF (result 'fail' for 'attacker.example') nor DKIM (no signature) passed for szw.example.")]
    [InlineData("Attachment 'bijdrage.docx': not a .docx (the file is not a zip package).")]
    public void The_english_detector_catches_the_log_texts_the_checks_write(string english) =>
        Assert.Matches(English(), english);

    /// <summary>Each code with the details its check gives it.</summary>
    public static TheoryData<IntakeReasonCode> Codes() => new(Enum.GetValues<IntakeReasonCode>());

    private static IntakeReason Sample(IntakeReasonCode code) => new(code)
    {
        RoundId = "ima-2027", Ministry = "SZW", Phase = "Approved", Sender = "iemand@szw.example",
        Authentication = new SenderAuthentication { Spf = "softfail", SpfDomain = "szw.example", Dkim = [new DkimVerdict("szw.example", "fail")] },
        Pillars = [4], Owed = [5, 6], Files = ["cijfers.pdf"], ParseError = InboundParseError.NotMultipart,
        SpamScore = 9.5, SpamThreshold = 5.0, MaxBytes = 31457280,
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_its_own_dutch_text(IntakeReasonCode code)
    {
        var text = IntakeWording.For(Sample(code));
        AssertDutch(text);
        Assert.NotEqual("Het bericht is niet verwerkt.", text); // the fallback for a code the table forgot
        var others = Enum.GetValues<IntakeReasonCode>().Where(c => c != code).Select(c => IntakeWording.For(Sample(c)));
        Assert.DoesNotContain(text, others);
    }

    [Fact]
    public void Details_are_worded_in_dutch()
    {
        Assert.Equal("Spamscore 9,5 is hoger dan 5,0.", IntakeWording.For(Sample(IntakeReasonCode.Spam)));
        Assert.Contains("afgerond (goedgekeurd)", IntakeWording.For(Sample(IntakeReasonCode.RoundFinished)));
        Assert.Contains("groter dan 30 MB", IntakeWording.For(Sample(IntakeReasonCode.TooLarge) with { ParseError = null }));
        Assert.Contains("groter dan 2.000 bytes", IntakeWording.For(IntakeReason.ForTooLargePost(2000)));
        Assert.Contains("multipart/form-data", IntakeWording.For(Sample(IntakeReasonCode.UnreadableMessage)));
        Assert.Contains("SPF: softfail voor szw.example; DKIM: szw.example fail", IntakeWording.For(Sample(IntakeReasonCode.AuthenticationFailed)));
        Assert.Contains("iemand@szw.example staat niet op de lijst van toegestane afzenders van SZW", IntakeWording.For(Sample(IntakeReasonCode.UnknownSender)));
    }

    [Theory]
    [InlineData(InboundParseError.NotMultipart, IntakeReasonCode.UnreadableMessage)]
    [InlineData(InboundParseError.MissingFrom, IntakeReasonCode.UnreadableMessage)]
    [InlineData(InboundParseError.TooLarge, IntakeReasonCode.TooLarge)]
    [InlineData(InboundParseError.TooManyAttachments, IntakeReasonCode.TooLarge)]
    [InlineData(InboundParseError.AttachmentTooLarge, IntakeReasonCode.TooLarge)]
    public void Parse_errors_map_to_codes_and_every_one_is_worded(InboundParseError error, IntakeReasonCode code)
    {
        var reason = IntakeReason.ForParseError(new InboundParseException(error, "English log text"));
        Assert.Equal(code, reason.Code);
        Assert.DoesNotContain("English log text", IntakeWording.For(reason));
        foreach (var any in Enum.GetValues<InboundParseError>())
            AssertDutch(IntakeWording.For(IntakeReason.ForParseError(new InboundParseException(any, "x"))));
    }

    [Fact]
    public void Reply_token_failures_map_to_codes()
    {
        var tokens = new ReplyToken(new TokenOptions { SigningKey = "wording-test-key-0123456789-abcdefghijklm", Lifetime = TimeSpan.FromDays(30) },
            new MailOptions { InboundDomain = "in.example" });
        var now = new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);
        var token = tokens.Issue("ima-2027", "SZW", 1, now);

        Assert.Equal(IntakeReasonCode.TokenMissing, IntakeReason.ForToken(null).Code);
        Assert.Equal(IntakeReasonCode.TokenMalformed, IntakeReason.ForToken(tokens.Validate("reply+ima-2027.szw@in.example", now)).Code);
        Assert.Equal(IntakeReasonCode.TokenInvalid, IntakeReason.ForToken(tokens.Validate(token[..^1] + (token[^1] == 'a' ? 'b' : 'a'), now)).Code);
        var expired = IntakeReason.ForToken(tokens.Validate(token, now.AddDays(40)));
        Assert.Equal(IntakeReasonCode.TokenExpired, expired.Code);
        Assert.Equal("ima-2027", expired.RoundId);
    }

    [Fact]
    public void Sender_refusals_are_worded_from_the_check_not_from_its_log_text()
    {
        var offList = SenderCheck.Check(Message("iemand@elders.example", spf: "pass"), ["szw.example"]);
        var reason = IntakeReason.ForSender(offList, "SZW");
        Assert.Equal(IntakeReasonCode.UnknownSender, reason.Code);
        Assert.Contains("iemand@elders.example", IntakeWording.For(reason));

        var spoofed = SenderCheck.Check(Message("iemand@szw.example", spf: "fail", envelopeFrom: "bounce@attacker.example"), ["szw.example"]);
        var unauthenticated = IntakeReason.ForSender(spoofed, "SZW");
        Assert.Equal(IntakeReasonCode.AuthenticationFailed, unauthenticated.Code);
        var text = IntakeWording.For(unauthenticated);
        AssertDutch(text);
        Assert.Contains("szw.example", text);
        Assert.Contains("SPF: fail voor attacker.example", text);
        Assert.Contains("DKIM: geen handtekening", text);
    }

    [Fact]
    public void A_reply_with_only_a_pillar_not_asked_is_worded_with_both_pillar_lists()
    {
        var extraction = ContributionExtractor.Extract(Message("a@bhos.example", text: "Pijler 6\n\nTekst over integratie en participatie."), [2], Definition);
        Assert.Equal(ExtractionRejection.NotOwed, extraction.Rejection);
        var text = IntakeWording.For(IntakeReason.ForExtraction(extraction, [2], "BHOS"));
        Assert.Equal(IntakeReasonCode.NotOwnedPillar, IntakeReason.ForExtraction(extraction, [2], "BHOS").Code);
        AssertDutch(text);
        Assert.Equal("Het bericht bevat alleen tekst voor pijler 6, die nu niet van BHOS wordt gevraagd. Gevraagd is: pijler 2.", text);
        if (extraction.RejectionReason is { Length: > 0 } log)
            Assert.DoesNotContain(log, text);
    }

    [Fact]
    public void An_ambiguous_reply_is_worded_with_the_pillars_asked()
    {
        var extraction = ContributionExtractor.Extract(Message("a@szw.example", text:
            "In 2020 is de pilot met circulaire migratie verlengd en zijn de afspraken met twee herkomstlanden over "
            + "arbeidsmigratie in de zorg uitgewerkt tot een gezamenlijk programma.\n\n"
            + "De inburgering van statushouders is in alle gemeenten voortgezet, met extra aandacht voor taalonderwijs "
            + "op de werkvloer en begeleiding naar betaald werk."), [5, 6], Definition);
        Assert.Equal(ExtractionRejection.Ambiguous, extraction.Rejection);
        var reason = IntakeReason.ForExtraction(extraction, [5, 6], "SZW");
        Assert.Equal(IntakeReasonCode.AmbiguousPillar, reason.Code);
        var text = IntakeWording.For(reason);
        AssertDutch(text);
        Assert.Contains("Gevraagd zijn pijlers 5 en 6", text);
        Assert.Contains("\"Pijler 5\"", text);
    }

    [Fact]
    public void A_reply_without_text_names_the_attachments_that_were_not_read()
    {
        var pdf = new InboundAttachment("cijfers.pdf", "application/pdf", "%PDF-1.4 fake"u8.ToArray());
        var extraction = ContributionExtractor.Extract(Message("a@szw.example", text: "", attachments: [pdf]), [5], Definition);
        Assert.Equal(ExtractionRejection.Empty, extraction.Rejection);
        var reason = IntakeReason.ForExtraction(extraction, [5], "SZW");
        Assert.Equal(IntakeReasonCode.NoText, reason.Code);
        var text = IntakeWording.For(reason);
        AssertDutch(text);
        Assert.Contains("Niet gelezen bijlage: cijfers.pdf.", text);
    }

    [Theory]
    [InlineData("bijdrage.docx", "niet veilig worden gelezen: het is beschadigd")]
    [InlineData("bijdrage.doc", "oude Word-bestanden (.doc)")]
    public void An_unreadable_attachment_is_named(string file, string expected)
    {
        var junk = new InboundAttachment(file, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3, 4]);
        var extraction = ContributionExtractor.Extract(Message("a@szw.example", text: "Zie bijlage.", attachments: [junk]), [5], Definition);
        Assert.Equal(ExtractionRejection.UnreadableAttachment, extraction.Rejection);
        var text = IntakeWording.For(IntakeReason.ForExtraction(extraction, [5], "SZW"));
        AssertDutch(text);
        Assert.Contains($"De bijlage '{file}'", text);
        Assert.Contains(expected, text);
    }

    private static InboundMessage Message(string from, string text = "", string spf = "pass", string? envelopeFrom = null, IReadOnlyList<InboundAttachment>? attachments = null) => new()
    {
        Mode = InboundMode.Parsed,
        From = new InboundAddress(from),
        EnvelopeFrom = envelopeFrom ?? from,
        Spf = spf,
        Dkim = "none",
        TextBody = text,
        Attachments = attachments ?? [],
    };
}
