using MigrationAgenda.Letters;
using MigrationAgenda.Rounds;
using static MigrationAgenda.UnitTests.Letters.LetterTestData;
using static MigrationAgenda.UnitTests.Letters.RenderedText;

namespace MigrationAgenda.UnitTests.Letters;

public sealed class MissingAndChangesTests
{
    private const string Placeholder = "[Ontbreekt: bijdrage van SZW voor pijler 5 (Bevorderen legale migratieroutes)]";

    [Fact]
    public void A_missing_pillar_is_a_visible_placeholder_in_every_format_and_in_the_manifest()
    {
        var plan = Plan(only: ["JenV", "SZW"]);
        var letter = new LetterBuilder().Build(Input(plan, [Contribution("JenV", 5, "Tekst van JenV.")]));

        Assert.Contains(new MissingPillar("SZW", 5, "Bevorderen legale migratieroutes"), letter.Manifest.Missing);
        Assert.Contains(Placeholder, MarkdownDisplayed(Utf8(File(letter, "md").Content)));
        Assert.Contains(Placeholder, HtmlDisplayed(Utf8(File(letter, "html").Content)));
        Assert.Contains("<p class=\"placeholder\">", Utf8(File(letter, "html").Content));
        var docx = DocxParagraphs(File(letter, "docx").Content);
        Assert.Contains(Placeholder, docx);

        // SZW leads pillar 5: its placeholder comes before JenV's text.
        Assert.Equal([Placeholder, "Tekst van JenV."], letter.Manifest.Paragraphs[5]);
    }

    [Fact]
    public void Only_pillars_that_a_participant_owes_appear()
    {
        var letter = new LetterAssembler().Assemble(Input(Plan(only: ["BZK"]), [Contribution("BZK", 6, "Huisvesting."), Contribution("BHOS", 2, "Niet gevraagd.")]));
        var pillars = letter.Letter.Sections.Where(s => s.Kind == LetterSectionKind.Pillar).Select(s => s.Heading).ToList();
        Assert.Equal(["6. Bevorderen integratie en participatie"], pillars);
        Assert.Contains(letter.Warnings, w => w.Contains("BHOS, pijler 2", StringComparison.Ordinal));
        Assert.Equal([new UsedContribution("BZK", 6, 1)], letter.Used);
    }

    [Fact]
    public void Text_from_a_ministry_not_asked_for_the_pillar_is_included_after_the_others_with_a_warning()
    {
        var letter = new LetterBuilder().Build(Input(Plan(only: ["SZW", "BZK"]), [Contribution("BZK", 5, "Ongevraagd."), Contribution("SZW", 5, "Gevraagd.")]));
        Assert.Equal(["Gevraagd.", "Ongevraagd."], letter.Manifest.Paragraphs[5]);
        Assert.Contains(letter.Manifest.Warnings, w => w.StartsWith("BZK, pijler 5:", StringComparison.Ordinal));
        Assert.Contains(new UsedContribution("BZK", 5, 1), letter.Manifest.Used);
    }

    [Fact]
    public void The_newest_version_of_a_contribution_is_used()
    {
        var letter = new LetterBuilder().Build(Input(Plan(only: ["BZK"]), [Contribution("BZK", 6, "Oud.", version: 1), Contribution("BZK", 6, "Nieuw.", version: 2)]));
        Assert.Equal([new UsedContribution("BZK", 6, 2)], letter.Manifest.Used);
        Assert.Equal(["Nieuw."], letter.Manifest.Paragraphs[6]);
    }

    [Fact]
    public void Default_aanleiding_names_the_participating_co_signers()
    {
        var letter = new LetterAssembler().Assemble(Input(Plan(), [])).Letter;
        var aanleiding = letter.Sections[0];
        Assert.Equal("Aanleiding", aanleiding.Heading);
        Assert.Contains(
            "mede namens de minister van Buitenlandse Zaken, de minister voor Buitenlandse Handel en Ontwikkelingssamenwerking, de minister van Sociale Zaken en Werkgelegenheid en de minister van Binnenlandse Zaken en Koninkrijksrelaties.",
            aanleiding.Paragraphs.Single().PlainText());
        Assert.Equal("Ten slotte", letter.Sections[^1].Heading);
        Assert.DoesNotContain(letter.Sections, s => s.Kind is LetterSectionKind.Context or LetterSectionKind.Overkoepelend);

        var two = new LetterAssembler().Assemble(Input(Plan(only: ["JenV", "SZW"]), [])).Letter;
        Assert.EndsWith("mede namens de minister van Sociale Zaken en Werkgelegenheid.", two.Sections[0].Paragraphs.Single().PlainText());
    }

    [Fact]
    public void Changes_list_added_and_removed_paragraphs_per_pillar_against_the_previous_draft()
    {
        var plan = Plan(only: ["JenV", "SZW"]);
        var first = new LetterBuilder().Build(Input(plan, [Contribution("JenV", 5, "Blijft staan.\n\nWordt herschreven.")]));
        Assert.Empty(first.Manifest.Changes);

        var second = new LetterBuilder().Build(Input(plan,
            [Contribution("JenV", 5, "Blijft staan.\n\nIs herschreven.", version: 2), Contribution("SZW", 5, "Eindelijk binnen."), Contribution("SZW", 6, "Integratie.")],
            previous: first.Manifest, draft: 2));

        var change5 = second.Manifest.Changes.Single(c => c.Pillar == 5);
        Assert.Equal("Bevorderen legale migratieroutes", change5.Title);
        Assert.Equal(["Eindelijk binnen.", "Is herschreven."], change5.Added);
        Assert.Equal([Placeholder, "Wordt herschreven."], change5.Removed);
        var change6 = second.Manifest.Changes.Single(c => c.Pillar == 6);
        Assert.Equal(["Integratie."], change6.Added);
        Assert.Equal(["[Ontbreekt: bijdrage van SZW voor pijler 6 (Bevorderen integratie en participatie)]"], change6.Removed);
        Assert.DoesNotContain(second.Manifest.Changes, c => c.Pillar is 1 or 3 or 4);
        Assert.Equal(2, second.Manifest.DraftNumber);
    }

    [Fact]
    public void Date_is_written_in_dutch()
    {
        Assert.Equal("11 januari 2021", LetterAssembler.FormatDate(new DateOnly(2021, 1, 11)));
        Assert.Equal("3 maart 2022", LetterAssembler.FormatDate(new DateOnly(2022, 3, 3)));
    }
}
