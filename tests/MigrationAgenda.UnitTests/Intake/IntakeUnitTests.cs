using MigrationAgenda.Intake;

namespace MigrationAgenda.UnitTests.Intake;

public sealed class IntakeUnitTests
{
    private static InboundMessage From(string address, string? spf = "pass", string? dkim = null, string? envelopeFrom = null) => new()
    {
        Mode = InboundMode.Parsed,
        From = new InboundAddress(address),
        EnvelopeFrom = envelopeFrom ?? address,
        Spf = spf,
        Dkim = dkim ?? "none",
    };

    [Theory]
    [InlineData("a@szw.example", "szw.example", true)]
    [InlineData("A@SZW.Example", "szw.example", true)]
    [InlineData("a@mail.szw.example", "szw.example", false)]
    [InlineData("a@mail.szw.example", ".szw.example", true)]
    [InlineData("a@szw.example", ".szw.example", false)]
    [InlineData("a@szw.example.evil.example", "szw.example", false)]
    [InlineData("a@evilszw.example", ".szw.example", false)]
    [InlineData("jan@szw.example", "jan@szw.example", true)]
    [InlineData("piet@szw.example", "jan@szw.example", false)]
    public void Allow_list_matches_addresses_domains_and_explicit_subdomains(string address, string entry, bool allowed) =>
        Assert.Equal(allowed, SenderCheck.IsOnAllowList(address, [entry]));

    [Fact]
    public void Dkim_of_a_parent_domain_vouches_for_a_subdomain_sender()
    {
        var result = SenderCheck.Check(From("a@mail.bz.example", spf: "none", dkim: "{@bz.example : pass}"), [".bz.example"]);
        Assert.Equal(SenderCheckOutcome.Allowed, result.Outcome);
        Assert.True(result.DkimAligned);
    }

    [Fact]
    public void SendGrid_dkim_field_with_several_signatures_is_parsed()
    {
        var verdicts = SenderAuthentication.ParseSendGridDkim("{@a.nl : pass, @b.nl : fail}");
        Assert.Equal([("a.nl", true), ("b.nl", false)], verdicts.Select(v => (v.Domain, v.Passed)));
    }

    [Fact]
    public void Html_to_text_keeps_structure_and_drops_everything_invisible()
    {
        var text = HtmlToText.Convert("<p>Eén &amp; twee&nbsp;drie<br>nieuwe regel</p><!-- x --><script>evil()</script><style>p{}</style><ul><li>een</li><li>twee</li></ul><h2>Kop</h2><p>Slot &ndash; einde</p>");
        Assert.Equal("Eén & twee\u00A0drie\nnieuwe regel\n\n- een\n- twee\n\nKop\n\nSlot – einde", text);
    }

    [Fact]
    public void Stripper_keeps_groet_inside_a_paragraph_and_text_after_a_closing_line()
    {
        const string text = "Wij sturen de groet van de minister mee.\n\nMet vriendelijke groet,\n\nDaarna volgt nog een lange alinea die echt bij de bijdrage hoort en niet tot een handtekening behoort, omdat zij veel langer is dan een naamregel.";
        Assert.Equal(text, ReplyStripper.Strip(text));
    }

    [Fact]
    public void Stripper_removes_attribution_only_with_time_or_address()
    {
        Assert.Equal("Op 3 juli 2020 schreef de Kamer:\n\nDe motie is aangenomen.", ReplyStripper.Strip("Op 3 juli 2020 schreef de Kamer:\n\nDe motie is aangenomen."));
        Assert.Equal("Tekst.", ReplyStripper.Strip("Tekst.\n\nOp 3 jan. 2027 om 10:12 schreef Jan <jan@bz.example>:\n> oud"));
    }

    [Fact]
    public void Footnote_definitions_are_removed_and_continuations_joined()
    {
        var parsed = FootnoteParser.Parse("Tekst[^a] en meer[^2].\n\n[^a]: Eerste noot\n  die doorloopt.\n[^2]: Tweede.");
        Assert.Equal("Tekst[^a] en meer[^2].", parsed.Text);
        Assert.Equal([("a", "Eerste noot die doorloopt."), ("2", "Tweede.")], parsed.Definitions.Select(d => (d.Marker, d.Text)));
    }

    [Theory]
    [InlineData("Pijler 5 is dit jaar vertraagd door COVID-19.")]
    [InlineData("5. Wij hebben dit jaar veel bereikt op dit gebied en dat is mooi.")]
    public void Sentences_that_start_like_a_heading_are_not_headings(string line)
    {
        var result = PillarSectionSplitter.Split(line + "\n\nMeer tekst.", [5, 6], IntakeTestData.Definition);
        Assert.Equal(SplitOutcome.Ambiguous, result.Outcome);
    }
}
