using MigrationAgenda.Intake;
using MigrationAgenda.TestSupport.Intake;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>The line rules one by one: footers, disclaimers, signatures, quotes, covering lines, notes and size.</summary>
public sealed class ReplyRulesTests
{
    private const string Text = "De vijf pilot-LVV’s in Amsterdam, Eindhoven, Groningen, Rotterdam en Utrecht bevinden zich momenteel in de ontwikkelfase.";

    [Theory]
    [InlineData("Verzonden vanaf mijn iPhone")]
    [InlineData("Verstuurd vanaf mijn iPad")]
    [InlineData("Verzonden vanaf mijn Samsung Galaxy-smartphone.")]
    [InlineData("Verzonden vanuit Mail voor Windows")]
    [InlineData("Verzonden met BlackBerry Work (www.blackberry.com)")]
    [InlineData("Sent from my iPhone")]
    [InlineData("Sent from my Galaxy")]
    [InlineData("Sent from Outlook for iOS")]
    [InlineData("Sent from Outlook for Android")]
    [InlineData("Sent from my BlackBerry 10 smartphone.")]
    [InlineData("Sent from my T-Mobile 5G device")]
    [InlineData("Sent via the Samsung Galaxy S23 Ultra, an AT&T 5G smartphone")]
    [InlineData("Sent from Yahoo Mail on Android")]
    [InlineData("Sent with BlackBerry Work (www.blackberry.com)")]
    [InlineData("Get Outlook for iOS<https://aka.ms/o0ukef>")]
    [InlineData("Get Outlook for Android<https://aka.ms/ghei36>")]
    [InlineData("Outlook voor iOS downloaden<https://aka.ms/o0ukef>")]
    [InlineData("Gesendet von meinem iPhone")]
    public void Mobile_footers_are_removed(string footer) =>
        Assert.Equal(Text, ReplyStripper.Strip($"{Text}\n\n{footer}\n"));

    [Theory]
    [InlineData("Verzonden met de post aan alle gemeenten.")]
    [InlineData("Verstuurd via de VNG naar alle wethouders.")]
    [InlineData("Get in touch with the municipalities first.")]
    public void Lines_that_only_start_like_a_footer_stay(string line) =>
        Assert.Equal($"{Text}\n\n{line}", ReplyStripper.Strip($"{Text}\n\n{line}\n"));

    [Theory]
    [InlineData("Dit bericht kan informatie bevatten die niet voor u is bestemd. Indien u niet de geadresseerde bent, verzoeken wij u het bericht te verwijderen.")]
    [InlineData("De informatie in dit e-mailbericht is vertrouwelijk en uitsluitend bestemd voor de geadresseerde.")]
    [InlineData("Aan dit bericht kunnen geen rechten worden ontleend.")]
    [InlineData("Disclaimer: de inhoud van dit bericht is vertrouwelijk.")]
    [InlineData("This e-mail and any attachments are confidential. If you are not the intended recipient, please delete it.")]
    [InlineData("This message may contain information that is not intended for you.")]
    [InlineData("The information contained in this communication is confidential and may be legally privileged.")]
    [InlineData("Please consider the environment before printing this e-mail.")]
    [InlineData("Het is niet toegestaan dit e-mailbericht te verspreiden; bent u niet de geadresseerde, meld dit dan aan de afzender en verwijder het. De afzender is niet aansprakelijk voor de volledige en juiste overbrenging.")]
    public void Disclaimers_are_recognised_by_their_form(string disclaimer) =>
        Assert.Equal(Text, ReplyStripper.Strip($"{Text}\n\nGroet,\nJan\n\n{disclaimer}\n"));

    [Fact]
    public void A_long_rijkshuisstijl_signature_after_a_closing_goes()
    {
        const string signature = "Met vriendelijke groet,\n\nJan de Vries\nSenior beleidsmedewerker arbeidsmigratie\n" +
            ".......................................................................\nMinisterie van Sociale Zaken en Werkgelegenheid\n" +
            "Directie Werk en Inkomen | Arbeidsmigratie en Integratie\nParnassusplein 5 | 2511 VX | Den Haag\nPostbus 90801 | 2509 LV | Den Haag\n" +
            ".......................................................................\nT 070 333 44 44\nM 06 12 34 56 78\nj.devries@szw.example\nwww.rijksoverheid.nl/szw\n" +
            "Aanwezig: ma, di, do\nLet op: ik werk niet op vrijdag.\n";
        Assert.Equal(Text, ReplyStripper.Strip($"{Text}\n\n{signature}"));
    }

    [Theory]
    [InlineData("Groet, Jan")]
    [InlineData("Groeten,\nFatima")]
    [InlineData("Hartelijke groet,\nEls Visser")]
    [InlineData("Met vriendelijke groet\nJan de Vries")]
    [InlineData("Kind regards,\nPieter Bakker\nMinistry of Foreign Affairs")]
    [InlineData("Best,\nPieter")]
    [InlineData("Mvg,\nJan")]
    [InlineData("-Jan")]
    [InlineData("- Jan de Vries")]
    [InlineData("–Pieter")]
    public void Closings_and_name_lines_at_the_end_go(string signature) =>
        Assert.Equal(Text, ReplyStripper.Strip($"{Text}\n\n{signature}\n"));

    [Theory]
    [InlineData("Jan", "Jan de Vries")]
    [InlineData("Jan de Vries", "Jan de Vries")]
    [InlineData("JdV", "Jan de Vries")]
    [InlineData("J.d.V.", "Vries, Jan de")]
    [InlineData("P.B.", "Pieter Bakker (BZ)")]
    [InlineData("Fatima", "Fatima El Amrani")]
    public void The_senders_name_alone_on_the_last_line_is_a_sign_off(string line, string sender)
    {
        Assert.Equal(Text, ReplyStripper.Strip($"{Text}\n\n{line}\n", sender));
        Assert.Equal($"{Text}\n\n{line}", ReplyStripper.Strip($"{Text}\n\n{line}\n", "Els Visser"));
    }

    [Fact]
    public void A_closing_followed_by_prose_or_a_heading_is_not_a_signature()
    {
        var prose = $"{Text}\n\nMet vriendelijke groet,\n\nDaarna volgt nog een lange alinea die echt bij de bijdrage hoort en niet tot een handtekening behoort, omdat zij veel langer is dan een naamregel.";
        Assert.Equal(prose, ReplyStripper.Strip(prose));
        var heading = $"{Text}\n\nGroet,\nJan\n\nPijler 6\n\nVolgt.";
        Assert.Equal(heading, ReplyStripper.Strip(heading, "Jan de Vries"));
        var oneWord = $"Pijler 6\n\nOngewijzigd";
        Assert.Equal(oneWord, ReplyStripper.Strip(oneWord, "Jan de Vries"));
    }

    [Fact]
    public void Thanks_that_are_the_whole_message_stay()
    {
        Assert.Equal("Bedankt!", ReplyStripper.Strip("Bedankt!\n\nJan de Vries\nSZW\n"));
        Assert.Equal("", ReplyStripper.Strip("Met vriendelijke groet,\n\nJan de Vries\nSZW\n"));
    }

    [Fact]
    public void Bottom_posted_and_inline_answers_keep_every_unquoted_line()
    {
        const string mail = "Op ma 4 jan. 2027 om 09:00 schreef Coördinatie <migratieagenda@jenv.example>:\n> Graag pijler 5.\n\nPijler 5\n\nEerste antwoord.\n\n> En pijler 6.\n\nPijler 6\n\nTweede antwoord.\n\n> Met vriendelijke groet,\n> Coördinatie\n\nGroet,\nJan";
        Assert.Equal("Pijler 5\n\nEerste antwoord.\n\nPijler 6\n\nTweede antwoord.", ReplyStripper.Strip(mail));
    }

    [Theory]
    [InlineData("Op 4 jan 2027, om 09:00, heeft Coördinatie Migratieagenda geschreven:")]
    [InlineData("Op 4 jan. 2027 om 09:00 heeft Coördinatie <c@jenv.example> het volgende geschreven:")]
    [InlineData("Op ma 4 jan. 2027 om 09:00 schreef Coördinatie <c@jenv.example>:")]
    [InlineData("On Mon, Jan 4, 2027 at 9:00 AM Coördinatie <c@jenv.example> wrote:")]
    [InlineData("On 4 Jan 2027, at 09:00, Coördinatie <c@jenv.example> wrote:")]
    [InlineData("Jan de Vries schreef op 4-1-2027 09:00:")]
    public void Attributions_of_every_client_go_with_their_quote(string attribution) =>
        Assert.Equal(Text, ReplyStripper.Strip($"{Text}\n\n{attribution}\n\n> Beste collega,\n> Pijler 5\n"));

    [Theory]
    [InlineData("________________________________\nVan: C <c@jenv.example>\nVerzonden: maandag 4 januari 2027 09:00\nAan: Jan\nOnderwerp: Verzoek")]
    [InlineData("-----------------------------\nFrom: C <c@jenv.example>\nSent: Monday, January 4, 2027 9:00 AM\nTo: Jan\nSubject: Request")]
    [InlineData("Onderwerp: Verzoek\nVan: C <c@jenv.example>\nDatum: 4 januari 2027\nAan: Jan")]
    [InlineData("Subject: Request\nDate: Mon, 4 Jan 2027 09:00\nFrom: C <c@jenv.example>\nTo: Pieter Bakker <p@bz.example>;\n Dirk Smits <d@bz.example>")]
    [InlineData("-----Oorspronkelijk bericht-----\nVan: c@jenv.example")]
    [InlineData("-------- Original message --------\nFrom: C <c@jenv.example>")]
    public void Header_blocks_in_any_order_cut_with_their_rule(string history) =>
        Assert.Equal(Text, ReplyStripper.Strip($"{Text}\n\n{history}\n\nPijler 5\nGeef een korte stand van zaken.\n"));

    [Fact]
    public void Aan_in_a_sentence_is_no_header_block() =>
        Assert.Equal($"{Text}\n\nAan: de gemeenten\nOnderwerp: huisvesting", ReplyStripper.Strip($"{Text}\n\nAan: de gemeenten\nOnderwerp: huisvesting\n"));

    [Fact]
    public void Mailing_list_footers_go()
    {
        Assert.Equal(Text, ReplyStripper.Strip($"{Text}\n\n--\nYou received this message because you are subscribed to the Google Groups \"ima\" group.\nTo unsubscribe from this group, send an email to ima+unsubscribe@googlegroups.com.\n"));
        Assert.Equal(Text, ReplyStripper.Strip($"{Text}\n\n--\nJe hebt dit bericht ontvangen omdat je bent geabonneerd op de groep 'ima' van Google Groepen.\n"));
        Assert.Equal(Text, ReplyStripper.Strip($"{Text}\n_______________________________________________\nIMA mailing list\nIMA@lists.example\nhttps://lists.example/mailman/listinfo/ima\n"));
    }

    [Fact]
    public void Outlook_and_owa_html_markers_become_the_history_rule()
    {
        const string owa = "<div>Tekst.</div><div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\"><div id=\"divRplyFwdMsg\"><b>From:</b> C<br><b>Sent:</b> x<br><b>To:</b> y<br><b>Subject:</b> z</div><div>Oud.</div>";
        Assert.StartsWith("Tekst.\n\n" + HtmlToText.HistoryRule, HtmlToText.Convert(owa), StringComparison.Ordinal);
        Assert.Equal("Tekst.", ReplyStripper.Strip(HtmlToText.Convert(owa)));
        const string desktop = "<p class=MsoNormal>Tekst.</p><div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p class=MsoNormal><b>Van:</b> C<br><b>Verzonden:</b> x<br><b>Aan:</b> y<br><b>Onderwerp:</b> z</p></div><p class=MsoNormal>Oud.</p>";
        Assert.Equal("Tekst.", ReplyStripper.Strip(HtmlToText.Convert(desktop)));
        Assert.Equal("Tekst.", ReplyStripper.Strip(HtmlToText.Convert("<div>Tekst.</div><div>-- </div><div class=\"gmail_signature\">Jan<br>SZW</div>")));
    }

    [Fact]
    public void Html_lists_keep_their_numbers_and_nesting() =>
        Assert.Equal("Stappen:\n\n1. een\n  - a\n  - b\n2. twee",
            HtmlToText.Convert("<p>Stappen:</p><ol><li>een<ul><li>a</li><li>b</li></ul></li><li>twee</li></ol>"));

    [Theory]
    [InlineData("Beste Jan,")]
    [InlineData("Hallo,")]
    [InlineData("Hoi allen!")]
    [InlineData("Dear colleagues,")]
    [InlineData("Goedemorgen Karin,")]
    [InlineData("Pieter,")]
    [InlineData("Hierbij onze bijdrage.")]
    [InlineData("Hierbij de bijdrage van SZW.")]
    [InlineData("Zie hieronder onze tekst.")]
    [InlineData("Bijgaand de tekst van Sanne.")]
    [InlineData("Please find our contribution below.")]
    [InlineData("Attached is our input for pillars 5 and 6.")]
    [InlineData("Dank voor je bericht.")]
    [InlineData("Zie bijlage.")]
    public void Greetings_and_covering_phrases_are_dropped(string line) =>
        Assert.Equal(Text, CoveringLines.Drop($"{line}\n\n{Text}"));

    [Theory]
    [InlineData("Hieronder vallen ook de LVV’s.")]
    [InlineData("Graag wijs ik op de nieuwe illegalenschatting.")]
    [InlineData("Hierbij is van belang dat de tekst van de motie leidend is.")]
    [InlineData("Dag van de migrant is op 18 december.")]
    [InlineData("Zie bijlage; pijler 6 volgt later deze week.")]
    [InlineData("Zie bijlage. De cijfers zijn voorlopig.")]
    [InlineData("Nederland heeft in 2020 23.000 aanvragen ontvangen.")]
    public void A_first_line_of_real_text_stays(string line) =>
        Assert.Equal($"{line}\n\n{Text}", CoveringLines.Drop($"{line}\n\n{Text}"));

    [Theory]
    [InlineData("Dank, wij leveren vrijdag aan.", NoteReason.Acknowledgement)]
    [InlineData("Goed ontvangen, de tekst volgt volgende week.", NoteReason.Acknowledgement)]
    [InlineData("Thanks, will send our input by Friday.", NoteReason.Acknowledgement)]
    [InlineData("Geen wijzigingen ten opzichte van vorig jaar.", NoteReason.NoChanges)]
    [InlineData("No changes to last year's text.", NoteReason.NoChanges)]
    [InlineData("Ik ben de verkeerde persoon, Piet Jansen doet dit.", NoteReason.Conversation)]
    [InlineData("Kun je me bellen over de cijfers in pijler 5?", NoteReason.Conversation)]
    [InlineData("De handreiking is in december aan alle gemeenten verstuurd.", NoteReason.Short)]
    public void Short_replies_are_notes_with_their_reason(string text, NoteReason reason) =>
        Assert.Equal(reason, ReplyClassifier.Classify(text));

    [Fact]
    public void The_note_rule_counts_words()
    {
        string Words(int n, string word = "woord") => string.Join(' ', Enumerable.Repeat(word, n)) + ".";
        Assert.Equal(NoteReason.Short, ReplyClassifier.Classify(Words(19)));
        Assert.Null(ReplyClassifier.Classify(Words(20)));
        Assert.Equal(NoteReason.Conversation, ReplyClassifier.Classify("Ik ben " + Words(37)));
        Assert.Null(ReplyClassifier.Classify("Ik ben " + Words(38)));
        Assert.Equal(NoteReason.Conversation, ReplyClassifier.Classify(Words(78) + " Klopt dat?"));
        Assert.Equal(NoteReason.Acknowledgement, ReplyClassifier.Classify("Dank! " + Words(70)));
        Assert.Null(ReplyClassifier.Classify("Dank! " + Words(80)));
        Assert.Equal(3, ReplyClassifier.Words("Tekst[^1] met[^note] noten."));
    }

    [Fact]
    public void A_short_paragraph_of_letter_prose_is_the_pillars_text()
    {
        const string prose = "De leden van de Landelijke Regietafel Migratie en Integratie hebben een pakket aan ondersteuningsmaatregelen in de vorm van een handreiking uitgewerkt.";
        var message = new InboundMessage { Mode = InboundMode.Parsed, From = new InboundAddress("e.visser@bzk.example", "Els Visser"), TextBody = $"Excuses voor de vertraging.\n\n{prose}\n\n-- \nBZK\n" };
        var result = ContributionExtractor.Extract(message, [6], IntakeTestData.Definition);
        Assert.Equal(prose, result.Sections.Single().Text);
        Assert.Null(result.Note);
    }

    [Fact]
    public void A_two_mb_reply_is_rejected_as_too_large_with_its_size_not_thrown()
    {
        var big = "Pijler 5\n\n" + string.Join("\n\n", Enumerable.Repeat(Text, 2 * 1024 * 1024 / Text.Length));
        var message = new InboundMessage { Mode = InboundMode.Parsed, From = new InboundAddress("j.devries@szw.example"), TextBody = big };
        var result = ContributionExtractor.Extract(message, [5, 6], IntakeTestData.Definition);
        Assert.Equal(ExtractionRejection.TooLarge, result.Rejection);
        Assert.Equal([5], result.RejectionDetails!.Pillars);
        Assert.Equal(ExtractionLimits.DefaultMaxSectionChars, result.RejectionDetails.Limit);
        Assert.True(result.RejectionDetails.Size > 2_000_000, $"size {result.RejectionDetails.Size}");

        var allowed = ContributionExtractor.Extract(message, [5, 6], IntakeTestData.Definition, ExtractionLimits.Default with { MaxSectionChars = 3_000_000 });
        Assert.Equal(ExtractionOutcome.Contribution, allowed.Outcome);
        Assert.Equal(result.RejectionDetails.Size, allowed.Sections.Single().Text.Length);
    }

    [Fact]
    public void Footnotes_count_towards_the_size()
    {
        var message = new InboundMessage { Mode = InboundMode.Parsed, From = new InboundAddress("j.devries@szw.example"), TextBody = $"Pijler 5\n\n{Text}[^1]\n\n[^1]: {new string('x', 500)}" };
        var result = ContributionExtractor.Extract(message, [5], IntakeTestData.Definition, ExtractionLimits.Default with { MaxSectionChars = 600 });
        Assert.Equal(ExtractionRejection.TooLarge, result.Rejection);
        Assert.Equal(Text.Length + 4 + 500, result.RejectionDetails!.Size);
    }

    [Fact]
    public void A_forward_of_our_own_request_is_read_as_history_only_when_we_say_who_we_are()
    {
        var text = "Mirjam, kun jij dit oppakken?\n\n---------- Forwarded message ---------\nFrom: Coördinatie <migratieagenda@jenv.example>\nDate: Mon, 4 Jan 2027\nSubject: Verzoek\nTo: Jan\n\n\nBeste collega,\n\nPijler 5\n\nGeef een korte stand van zaken voor de brief van dit jaar.";
        var message = new InboundMessage { Mode = InboundMode.Parsed, From = new InboundAddress("j.devries@szw.example"), Subject = "Fwd: Verzoek", TextBody = text };
        var ours = ContributionExtractor.Extract(message, [5], IntakeTestData.Definition, ExtractionLimits.Default with { RequestSenders = ["jenv.example"] });
        Assert.Equal(ExtractionOutcome.Note, ours.Outcome);
        Assert.Equal("Mirjam, kun jij dit oppakken?", ours.Note!.Text);
        var unknown = ContributionExtractor.Extract(message, [5], IntakeTestData.Definition);
        Assert.True(unknown.Forwarded);
    }

    [Fact]
    public void A_word_attachment_with_only_a_table_is_that_pillars_text_however_short()
    {
        var docx = new DocxBuilder().Table(["Pijler", "Stand"], ["5", "Op schema"]).Build();
        var message = new InboundMessage
        {
            Mode = InboundMode.Parsed,
            From = new InboundAddress("j.devries@szw.example"),
            TextBody = "Zie bijlage.",
            Attachments = [new InboundAttachment("stand.docx", "application/octet-stream", docx)],
        };
        var result = ContributionExtractor.Extract(message, [5], IntakeTestData.Definition);
        Assert.Equal("| Pijler | Stand |\n| --- | --- |\n| 5 | Op schema |", result.Sections.Single().Text);
        Assert.Null(result.Note);
    }

    [Fact]
    public void Releasing_a_note_or_an_ambiguous_reply_takes_the_stripped_text_with_its_footnotes()
    {
        InboundMessage Mail(string text) => new() { Mode = InboundMode.Parsed, From = new InboundAddress("j.devries@szw.example", "Jan de Vries"), TextBody = text };
        const string quote = "\n\nOp ma 4 jan. 2027 om 09:00 schreef C <c@jenv.example>:\n> Graag uw bijdrage.\n";

        var note = ContributionExtractor.Extract(Mail("Beste Karin,\n\nDe cijfers volgen vrijdag.[^1]\n\n[^1]: CBS, voorlopig.\n\nGroet,\nJan" + quote), [5, 6], IntakeTestData.Definition);
        Assert.Equal(ExtractionOutcome.Note, note.Outcome);
        var released = note.AsContribution(6)!;
        Assert.Equal((6, "De cijfers volgen vrijdag.[^1]"), (released.Pillar, released.Text));
        Assert.Equal([("1", "CBS, voorlopig.")], released.Footnotes.Select(f => (f.Marker, f.Text)));

        var ambiguous = ContributionExtractor.Extract(Mail($"{Text} {Text}\n\n{Text} {Text}\n\nGroet,\nJan" + quote), [5, 6], IntakeTestData.Definition);
        Assert.Equal(ExtractionRejection.Ambiguous, ambiguous.Rejection);
        Assert.Equal($"{Text} {Text}\n\n{Text} {Text}", ambiguous.AsContribution(5)!.Text);

        var automatic = ContributionExtractor.Extract(Mail("Ik ben afwezig.") with { Subject = "Automatisch antwoord: Verzoek" }, [5], IntakeTestData.Definition);
        Assert.Null(automatic.AsContribution(5));
    }
}
