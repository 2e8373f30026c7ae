using MigrationAgenda.Intake;
using MigrationAgenda.Letters;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>
/// Last year's text as the .docx a ministry gets to edit: footnotes numbered through the document, each pillar under
/// its "Pijler N – titel" heading, and an unedited copy read back by intake as the same text per pillar.
/// </summary>
public sealed class ContributionDocumentTests
{
    private static readonly LastYearText Text = new("ima-2027",
    [
        new PillarText
        {
            Pillar = 6, Text = "De Wet inburgering loopt.[^1]",
            Footnotes = [new Footnote { Marker = "1", Text = "Kamerstukken II 2026/27, 32 824, nr. 400." }],
        },
        new PillarText
        {
            Pillar = 5, Text = "De regeling is vereenvoudigd.[^b] Zie ook de brief.[^a]\n\n- kennismigranten\n- seizoenswerk",
            Footnotes = [new Footnote { Marker = "[^a]", Text = "Eerste noot." }, new Footnote { Marker = "b", Text = "Tweede noot." }],
        },
    ], [3]);

    private static string Title(int pillar) => pillar == 5 ? "Bevorderen legale migratieroutes" : "Bevorderen integratie en participatie";

    [Fact]
    public void Footnotes_are_numbered_through_the_pillars_in_reading_order()
    {
        var numbered = Text.Numbered();
        Assert.Equal([5, 6], numbered.Select(p => p.Pillar));
        Assert.Equal("De regeling is vereenvoudigd.[^1] Zie ook de brief.[^2]\n\n- kennismigranten\n- seizoenswerk", numbered[0].Text);
        Assert.Equal([("1", "Tweede noot."), ("2", "Eerste noot.")], numbered[0].Footnotes.Select(f => (f.Marker, f.Text)));
        Assert.Equal("De Wet inburgering loopt.[^3]", numbered[1].Text);
        Assert.Equal([("3", "Kamerstukken II 2026/27, 32 824, nr. 400.")], numbered[1].Footnotes.Select(f => (f.Marker, f.Text)));
    }

    [Fact]
    public void An_unedited_copy_reads_back_as_the_same_text_under_the_pillar_headings()
    {
        var numbered = Text.Numbered();
        var bytes = ContributionDocument.Render(numbered, Title, "SZW", "Integrale Migratieagenda 2028: bijdrage van SZW (tekst van vorig jaar)");

        var read = DocxContributionReader.Read(new InboundAttachment("szw.docx", ContributionDocument.ContentType, bytes));
        Assert.Equal(
            "Pijler 5 – Bevorderen legale migratieroutes\n\n" + numbered[0].Text + "\n\nPijler 6 – Bevorderen integratie en participatie\n\n" + numbered[1].Text,
            read.Text);
        Assert.Equal(numbered.SelectMany(p => p.Footnotes).Select(f => (f.Marker, f.Text)), read.Footnotes.Select(f => (f.Marker, f.Text)));
    }
}
