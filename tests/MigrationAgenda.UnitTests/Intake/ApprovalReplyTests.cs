using MigrationAgenda.Intake;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>
/// The approver's answer to a draft, read from its first line as Outlook, Gmail and phones send it: "Akkoord" (any
/// case, punctuation or a name after it) approves, "Heropenen SZW pijler 5: …" reopens, anything else is a note.
/// </summary>
public sealed class ApprovalReplyTests
{
    // The quoted draft as Outlook desktop (NL) puts it under the answer.
    private const string OutlookQuote = "\n\nVan: Migratieagenda <migratieagenda@noreply.example>\nVerzonden: dinsdag 2 februari 2027 09:00\n"
        + "Aan: DG Migratie <dg@jenv.example>\nOnderwerp: [ima-2027] Concept 1 van Voortgang Integrale Migratieagenda 2027 ter goedkeuring\n\n"
        + "Beste DG Migratie,\n\nConcept 1 van de brief staat klaar.\nZo besluit u: beantwoord deze e-mail met 'Beantwoorden' en zet uw besluit op de eerste regel.\n";

    // Gmail's attribution line and '>' quoting.
    private const string GmailQuote = "\n\nOp di 2 feb 2027 om 09:00 schreef Migratieagenda <migratieagenda@noreply.example>:\n\n"
        + "> Beste DG Migratie,\n>\n> Concept 1 van de brief staat klaar.\n> Goedkeuren: \"Akkoord\".\n";

    [Theory]
    [InlineData("Akkoord")]
    [InlineData("akkoord")]
    [InlineData("AKKOORD")]
    [InlineData("Akkoord.")]
    [InlineData("Akkoord!")]
    [InlineData("akkoord, Jan")]
    [InlineData("Akkoord, J. de Vries")]
    [InlineData("Akkoord – Jan van der Berg")]
    [InlineData("Akkoord, groet Jan")]
    [InlineData("Akkoord, met vriendelijke groet, Marieke")]
    [InlineData("Akkoord. Dank!")]
    [InlineData("**Akkoord**")]
    [InlineData("\"Akkoord\"")]
    public void Akkoord_on_the_first_line_approves(string firstLine)
    {
        var reply = ApprovalReply.Read(firstLine + OutlookQuote);

        Assert.Equal(ApprovalReplyKind.Approve, reply.Kind);
        Assert.Null(reply.Note);
        Assert.DoesNotContain("Concept 1 van de brief", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Akkoord?")]
    [InlineData("Akkoord, maar pijler 5 moet korter")]
    [InlineData("Akkoord mits SZW de cijfers nog aanvult")]
    [InlineData("Niet akkoord")]
    [InlineData("Nog niet akkoord, ik lees het vanavond")]
    [InlineData("Akkoordverklaring volgt morgen")]
    [InlineData("Akkoord, behalve pijler 3")]
    [InlineData("Approved")]
    [InlineData("OK")]
    [InlineData("Ik ben akkoord")]
    [InlineData("Akkoord wat mij betreft als de coördinator de laatste alinea schrapt")]
    public void Anything_else_on_the_first_line_is_a_note(string firstLine)
    {
        var reply = ApprovalReply.Read(firstLine + GmailQuote);

        Assert.Equal(ApprovalReplyKind.Note, reply.Kind);
        Assert.Equal(firstLine, reply.Text);
        Assert.Null(reply.DecisionLine);
    }

    [Fact]
    public void A_greeting_before_the_decision_is_passed_over_and_the_lines_below_Akkoord_are_kept_for_the_coordinator()
    {
        var reply = ApprovalReply.Read("Beste Karin,\n\nAkkoord.\n\nWel graag in de volgende ronde pijler 3 korter.\n\nMet vriendelijke groet,\nJan de Vries\nDirecteur-Generaal Migratie" + OutlookQuote);

        Assert.Equal(ApprovalReplyKind.Approve, reply.Kind);
        Assert.Equal("Akkoord.", reply.DecisionLine);
        Assert.Equal("Wel graag in de volgende ronde pijler 3 korter.", reply.Note);
    }

    [Fact]
    public void A_phone_reply_reads_the_same_as_a_desktop_one()
    {
        var reply = ApprovalReply.Read("Akkoord\n\nVerzonden vanaf mijn iPhone" + GmailQuote);

        Assert.Equal(ApprovalReplyKind.Approve, reply.Kind);
        Assert.Null(reply.Note);
    }

    [Theory]
    [InlineData("Heropenen SZW pijler 5: graag de cijfers over 2020 toevoegen", "SZW", new[] { 5 }, "graag de cijfers over 2020 toevoegen")]
    [InlineData("heropenen szw pijler 5: graag de cijfers over 2020 toevoegen", "SZW", new[] { 5 }, "graag de cijfers over 2020 toevoegen")]
    [InlineData("Heropenen SZW pijlers 5 en 6 - graag actualiseren", "SZW", new[] { 5, 6 }, "graag actualiseren")]
    [InlineData("Heropenen SZW pijler 5, 6: graag actualiseren", "SZW", new[] { 5, 6 }, "graag actualiseren")]
    [InlineData("Heropenen SZW 5: de tabel ontbreekt", "SZW", new[] { 5 }, "de tabel ontbreekt")]
    [InlineData("Heropenen pijler 4 van BZ: graag de terugkeercijfers", "BZ", new[] { 4 }, "graag de terugkeercijfers")]
    [InlineData("Heropenen: BZK pijler 6 – de passage over huisvesting is verouderd", "BZK", new[] { 6 }, "de passage over huisvesting is verouderd")]
    public void Heropenen_names_the_ministry_the_pillars_and_a_note(string line, string ministry, int[] pillars, string note)
    {
        var reply = ApprovalReply.Read(line + OutlookQuote);

        Assert.Equal(ApprovalReplyKind.Reopen, reply.Kind);
        Assert.Null(reply.Problem);
        Assert.Equal(ministry, reply.Ministry);
        Assert.Equal(pillars, reply.Pillars);
        Assert.Equal(note, reply.Note);
    }

    [Fact]
    public void The_lines_below_Heropenen_are_part_of_the_note_for_the_ministry()
    {
        var reply = ApprovalReply.Read("Heropenen SZW pijler 5: graag de cijfers over 2020 toevoegen.\nEn de bron bij voetnoot 2 graag controleren.\n\nGroet,\nJan" + GmailQuote);

        Assert.Equal(ApprovalReplyKind.Reopen, reply.Kind);
        Assert.Equal("graag de cijfers over 2020 toevoegen.\n\nEn de bron bij voetnoot 2 graag controleren.", reply.Note);
    }

    [Theory]
    [InlineData("Heropenen pijler 5: graag aanvullen", ReopenProblem.NoMinistry)]
    [InlineData("Heropenen SZW pijler: graag aanvullen", ReopenProblem.NoPillarNumber)]
    public void A_Heropenen_without_ministry_or_pillar_number_says_what_is_missing(string line, ReopenProblem problem)
    {
        var reply = ApprovalReply.Read(line);

        Assert.Equal(ApprovalReplyKind.Reopen, reply.Kind);
        Assert.Equal(problem, reply.Problem);
    }

    [Fact]
    public void Heropenen_with_a_ministry_and_no_pillar_word_takes_all_its_pillars()
    {
        var reply = ApprovalReply.Read("Heropenen SZW: de hele bijdrage graag herzien");

        Assert.Equal(ApprovalReplyKind.Reopen, reply.Kind);
        Assert.Null(reply.Problem);
        Assert.Equal("SZW", reply.Ministry);
        Assert.Empty(reply.Pillars);
        Assert.Equal("de hele bijdrage graag herzien", reply.Note);
    }

    [Fact]
    public void An_Outlook_HTML_reply_without_a_plain_part_is_read_from_its_HTML()
    {
        // Outlook desktop's HTML answer: WordSection1, the answer in a MsoNormal paragraph, the draft under a border div.
        const string html = """
            <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
            <style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;} --></style></head>
            <body lang="NL" link="#0563C1" vlink="#954F72"><div class="WordSection1">
            <p class="MsoNormal">Akkoord, Jan<o:p></o:p></p>
            <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
            <div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
            <p class="MsoNormal"><b>Van:</b> Migratieagenda &lt;migratieagenda@noreply.example&gt; <br><b>Verzonden:</b> dinsdag 2 februari 2027 09:00<br>
            <b>Aan:</b> DG Migratie &lt;dg@jenv.example&gt;<br><b>Onderwerp:</b> [ima-2027] Concept 1 ter goedkeuring<o:p></o:p></p></div>
            <p class="MsoNormal">Beste DG Migratie,<o:p></o:p></p><p class="MsoNormal">Heropenen SZW pijler 5: voorbeeld uit de instructie<o:p></o:p></p>
            </div></body></html>
            """;
        var message = new InboundMessage
        {
            Mode = InboundMode.Parsed, From = new InboundAddress("dg@jenv.example", "Jan de Vries"), HtmlBody = html,
            Subject = "RE: [ima-2027] Concept 1 ter goedkeuring",
        };

        var reply = ApprovalReply.Read(message);

        Assert.Equal(ApprovalReplyKind.Approve, reply.Kind);
        Assert.Null(reply.Note);
    }

    [Fact]
    public void An_Outlook_HTML_reopen_keeps_its_note_and_loses_the_quoted_draft()
    {
        const string html = """
            <html><body><div class="WordSection1">
            <p class="MsoNormal">Heropenen BZK pijler 6: graag de cijfers van het COA over 2026 toevoegen.<o:p></o:p></p>
            <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
            <div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
            <p class="MsoNormal"><b>Van:</b> Migratieagenda &lt;migratieagenda@noreply.example&gt;<br><b>Verzonden:</b> dinsdag 2 februari 2027 09:00<br>
            <b>Aan:</b> DG Migratie &lt;dg@jenv.example&gt;<br><b>Onderwerp:</b> Concept 1 ter goedkeuring<o:p></o:p></p></div>
            <p class="MsoNormal">Concept 1 van de brief staat klaar.<o:p></o:p></p></div></body></html>
            """;
        var message = new InboundMessage { Mode = InboundMode.Parsed, From = new InboundAddress("dg@jenv.example"), HtmlBody = html };

        var reply = ApprovalReply.Read(message);

        Assert.Equal(ApprovalReplyKind.Reopen, reply.Kind);
        Assert.Equal(("BZK", 6), (reply.Ministry, Assert.Single(reply.Pillars)));
        Assert.Equal("graag de cijfers van het COA over 2026 toevoegen.", reply.Note);
        Assert.DoesNotContain("Concept 1", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_plain_part_wins_over_the_HTML_part()
    {
        var message = new InboundMessage
        {
            Mode = InboundMode.Parsed, From = new InboundAddress("dg@jenv.example"),
            TextBody = "Akkoord\r\n\r\n-----Oorspronkelijk bericht-----\r\nVan: Migratieagenda\r\nHeropenen SZW pijler 5: voorbeeld\r\n",
            HtmlBody = "<p>Iets anders</p>",
        };

        Assert.Equal(ApprovalReplyKind.Approve, ApprovalReply.Read(message).Kind);
    }

    [Fact]
    public void An_empty_reply_is_a_note()
    {
        var reply = ApprovalReply.Read(OutlookQuote.TrimStart());

        Assert.Equal(ApprovalReplyKind.Note, reply.Kind);
    }
}
