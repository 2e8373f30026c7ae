using Azure;
using MigrationAgenda.Intake;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>The reason codes of what intake records instead of a contribution, and their Dutch wording.</summary>
public sealed class OutcomeReasonTests
{
    private static readonly DateOnly Monday = new(2027, 1, 18);

    [Theory]
    [InlineData(ReturnDateMeaning.AwayThrough, "afwezig tot en met maandag 18 januari 2027")]
    [InlineData(ReturnDateMeaning.AwayUntil, "afwezig tot maandag 18 januari 2027")]
    [InlineData(ReturnDateMeaning.BackOn, "afwezig, vanaf maandag 18 januari 2027 weer aanwezig")]
    public void An_absence_reads_as_the_reply_named_its_date(ReturnDateMeaning meaning, string expected)
    {
        var automatic = new AutomaticMail(AutomaticMailKind.OutOfOffice, AutomaticMailSignals.AutoSubmitted, new ReturnDate(Monday, meaning));
        var reason = IntakeReason.ForAutomatic(automatic);
        Assert.Equal(IntakeReasonCode.OutOfOffice, reason.Code);
        Assert.Equal(expected, IntakeWording.AutomaticLabel(reason.Code, reason.ReturnDate));
        Assert.Equal($"Afwezigheidsbericht: {expected}. Geen bijdrage; herinneringen en escalaties gaan door. Schakel zo nodig een vervanger in.",
            IntakeWording.For(reason));
    }

    [Fact]
    public void Automatic_kinds_map_to_their_own_codes_and_labels()
    {
        var noDate = IntakeReason.ForAutomatic(new AutomaticMail(AutomaticMailKind.OutOfOffice, AutomaticMailSignals.Subject, null));
        Assert.Equal("afwezig, zonder terugkeerdatum", IntakeWording.AutomaticLabel(noDate.Code, null));
        var bounce = IntakeReason.ForAutomatic(new AutomaticMail(AutomaticMailKind.DeliveryFailure, AutomaticMailSignals.Report, null));
        Assert.Equal(IntakeReasonCode.DeliveryFailure, bounce.Code);
        Assert.StartsWith("Onbestelbaar", IntakeWording.For(bounce), StringComparison.Ordinal);
        var other = IntakeReason.ForAutomatic(new AutomaticMail(AutomaticMailKind.OtherAutoReply, AutomaticMailSignals.AutoReplyHeader, null));
        Assert.Equal((IntakeReasonCode.AutomaticReply, "automatisch antwoord"), (other.Code, IntakeWording.AutomaticLabel(other.Code, null)));
    }

    [Theory]
    [InlineData(NoteReason.Short, IntakeReasonCode.NoteShort)]
    [InlineData(NoteReason.Acknowledgement, IntakeReasonCode.NoteAcknowledgement)]
    [InlineData(NoteReason.Conversation, IntakeReasonCode.NoteQuestion)]
    [InlineData(NoteReason.NoChanges, IntakeReasonCode.NoChanges)]
    [InlineData(NoteReason.Covering, IntakeReasonCode.CoveringNote)]
    public void Each_note_reason_has_its_code(NoteReason noteReason, IntakeReasonCode code)
    {
        var reason = IntakeReason.ForNote(new ReplyNote("tekst", noteReason), [5, 6]);
        Assert.Equal(code, reason.Code);
        // Only "geen wijzigingen" names the pillars it is about.
        Assert.Equal(noteReason == NoteReason.NoChanges ? [5, 6] : [], reason.Pillars);
        Assert.Contains("notitie", IntakeWording.For(reason), StringComparison.Ordinal);
    }

    [Fact]
    public void Geen_wijzigingen_and_a_forward_are_worded_with_their_details()
    {
        Assert.StartsWith("Geen wijzigingen ten opzichte van vorig jaar voor pijler 4, bewaard als notitie.",
            IntakeWording.For(IntakeReason.ForNote(new ReplyNote("No changes.", NoteReason.NoChanges), [4])), StringComparison.Ordinal);
        Assert.Equal("Begeleidende tekst bij een doorgestuurde bijdrage, bewaard als notitie.",
            IntakeWording.For(IntakeReason.ForNote(new ReplyNote("Ter info.", NoteReason.Covering), [], forwarded: true)));
    }

    [Fact]
    public void A_text_too_large_says_te_groot_with_its_size_and_the_limit()
    {
        var extraction = new ExtractionResult
        {
            Rejection = ExtractionRejection.TooLarge,
            RejectionDetails = new ExtractionRejectionDetails { Pillars = [2], Size = 2_097_152, Limit = 400_000 },
        };
        var reason = IntakeReason.ForExtraction(extraction, [2], "BHOS");
        Assert.Equal(IntakeReasonCode.TooLarge, reason.Code);
        Assert.Equal("De tekst voor pijler 2 is te groot: 2.097.152 tekens, terwijl een pijler met voetnoten hoogstens 400.000 tekens mag zijn. Stuur een kortere tekst.",
            IntakeWording.For(reason));
    }

    [Fact]
    public void A_refusal_by_storage_names_what_storage_said()
    {
        var reason = IntakeReason.ForStorage(new RequestFailedException(404, "The table specified does not exist.", "TableNotFound", null));
        Assert.Equal((IntakeReasonCode.StorageRefused, 404, "TableNotFound"), (reason.Code, reason.StorageStatus, reason.StorageError));
        Assert.StartsWith("Het bericht kon niet worden opgeslagen: de opslag weigerde het (404 TableNotFound).", IntakeWording.For(reason), StringComparison.Ordinal);
    }
}
