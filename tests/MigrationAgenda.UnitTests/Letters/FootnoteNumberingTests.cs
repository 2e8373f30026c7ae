using System.Text;
using MigrationAgenda.Letters;
using static MigrationAgenda.UnitTests.Letters.LetterTestData;

namespace MigrationAgenda.UnitTests.Letters;

public sealed class FootnoteNumberingTests
{
    private static Letter Assemble(params MigrationAgenda.Intake.StoredContribution[] contributions) =>
        new LetterAssembler().Assemble(Input(Plan(), contributions)).Letter;

    private static LetterAssembly AssembleWithManifest(params MigrationAgenda.Intake.StoredContribution[] contributions) =>
        new LetterAssembler().Assemble(Input(Plan(), contributions));

    [Fact]
    public void Two_ministries_using_the_same_markers_get_distinct_numbers_in_order_of_appearance()
    {
        // Pillar 1 (BHOS leads) comes before pillar 5 (SZW); within a contribution [^2] is used before [^1].
        var letter = Assemble(
            Contribution("SZW", 5, "SZW eerst[^2] en dan[^1].", [Note("1", "SZW een"), Note("2", "SZW twee")]),
            Contribution("BHOS", 1, "BHOS een[^1].\n\nBHOS twee[^2], nog eens een[^1].", [Note("1", "BHOS een"), Note("2", "BHOS twee")]));

        // The default Aanleiding has no footnotes, so BHOS's are 1 and 2, SZW's 3 and 4.
        Assert.Equal(
            [(1, "BHOS een"), (2, "BHOS twee"), (3, "SZW twee"), (4, "SZW een")],
            letter.Footnotes.Select(f => (f.Number, f.Text)));
        var bhos = letter.Sections.Single(s => s.Pillar == 1).Paragraphs.Where(p => p.Ministry == "BHOS").ToList();
        Assert.Equal([1, 2, 1], bhos.SelectMany(p => p.Inlines).OfType<LetterFootnoteRef>().Select(r => r.Number));
        var szw = letter.Sections.Single(s => s.Pillar == 5).Paragraphs.Where(p => p.Ministry == "SZW").ToList();
        Assert.Equal([3, 4], szw.SelectMany(p => p.Inlines).OfType<LetterFootnoteRef>().Select(r => r.Number));
    }

    [Fact]
    public void Coordinator_footnotes_number_before_the_pillars_and_after_each_other()
    {
        var texts = new MigrationAgenda.Rounds.CoordinatorTexts
        {
            Aanleiding = "Aanleiding[^1].\n\n[^1]: Kamerstukken II 2018/19, 35000 VI, nr. 59, gewijzigd onder nr. 78.",
            TenSlotte = "Tot slot[^1].\n[^1]: Slotnoot.",
        };
        var letter = new LetterAssembler().Assemble(Input(Plan(texts), [Contribution("BHOS", 2, "Regio[^1].", [Note("1", "Regionoot")])])).Letter;
        Assert.Equal(
            [(1, "Kamerstukken II 2018/19, 35000 VI, nr. 59, gewijzigd onder nr. 78."), (2, "Regionoot"), (3, "Slotnoot.")],
            letter.Footnotes.Select(f => (f.Number, f.Text)));
        Assert.Equal(["Aanleiding."], letter.Sections[0].Paragraphs.Select(p => p.PlainText()));
    }

    [Fact]
    public void A_marker_without_text_keeps_its_number_with_a_visible_gap_and_a_warning()
    {
        var result = AssembleWithManifest(Contribution("BHOS", 2, "Een[^1] en twee[^2].", [Note("1", "Noot een")]));
        Assert.Equal(
            [(1, "Noot een", false), (2, LetterFootnote.MissingText, true)],
            result.Letter.Footnotes.Select(f => (f.Number, f.Text, f.TextMissing)));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("BHOS, pijler 2", warning);
        Assert.Contains("[^2]", warning);

        var built = new LetterBuilder().Build(Input(Plan(), [Contribution("BHOS", 2, "Een[^1] en twee[^2].", [Note("1", "Noot een")])]));
        Assert.Contains("[^2]: \\[voetnoottekst ontbreekt\\]", Encoding.UTF8.GetString(File(built, "md").Content));
        Assert.Equal(result.Warnings, built.Manifest.Warnings);
    }

    [Fact]
    public void An_unreferenced_footnote_is_kept_at_the_end_of_its_contribution_with_a_warning()
    {
        var result = AssembleWithManifest(
            Contribution("BHOS", 1, "Eerste alinea[^a].\n\nLaatste alinea.", [Note("a", "Gebruikt"), Note("b", "Vergeten noot")]),
            Contribution("SZW", 5, "Later[^1].", [Note("1", "Later")]));

        Assert.Equal([(1, "Gebruikt"), (2, "Vergeten noot"), (3, "Later")], result.Letter.Footnotes.Select(f => (f.Number, f.Text)));
        var last = result.Letter.Sections.Single(s => s.Pillar == 1).Paragraphs.Last(p => p.Ministry == "BHOS");
        Assert.Equal("Laatste alinea.", last.PlainText());
        Assert.IsType<LetterFootnoteRef>(last.Inlines[^1]);
        Assert.Equal(2, ((LetterFootnoteRef)last.Inlines[^1]).Number);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("[^b]", warning);
        Assert.Contains("voetnoot 2", warning);
    }

    [Fact]
    public void Bracket_text_that_is_not_a_marker_stays_literal()
    {
        var letter = Assemble(Contribution("BHOS", 2, "Zie [^ niet] en [^] en [noot] en [^" + new string('x', 40) + "].", []));
        var paragraph = letter.Sections.Single(s => s.Pillar == 2).Paragraphs.Single(p => p.Ministry == "BHOS");
        Assert.Equal("Zie [^ niet] en [^] en [noot] en [^" + new string('x', 40) + "].", paragraph.PlainText());
        Assert.Empty(letter.Footnotes);
    }

    [Fact]
    public void Hard_wrapped_lines_join_into_one_paragraph_and_blank_lines_separate_paragraphs()
    {
        var letter = Assemble(Contribution("BHOS", 2, "Eerste regel\r\ntweede regel.\r\n\r\n   \r\nNieuwe\talinea.\u0001", []));
        Assert.Equal(
            ["Eerste regel tweede regel.", "Nieuwe alinea.\uFFFD"],
            letter.Sections.Single(s => s.Pillar == 2).Paragraphs.Where(p => p.Ministry == "BHOS").Select(p => p.PlainText()));
    }
}
