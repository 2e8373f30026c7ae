using System.Text;
using MigrationAgenda.Letters;
using static MigrationAgenda.UnitTests.Letters.LetterTestData;

namespace MigrationAgenda.UnitTests.Letters;

public sealed class LetterBuilderSmokeTests
{
    [Fact]
    public void Builds_all_three_formats_with_header_and_numbered_pillars()
    {
        var input = Input(Plan(), [Contribution("BHOS", 2, "Tekst over opvang in de regio.[^1]", [Note("1", "Kamerstukken II 2019/20, 28638, nr. 176.")])]);

        var letter = new LetterBuilder().Build(input);

        Assert.Equal(["md", "html", "docx"], letter.Files.Select(f => f.Format));
        var md = Encoding.UTF8.GetString(File(letter, "md").Content);
        Assert.Contains("Datum 11 januari 2021", md);
        Assert.Contains("## 2. Versterken opvang en bescherming voor vluchtelingen en ontheemden in de regio", md);
        Assert.Contains("Tekst over opvang in de regio.[^1]", md);
        Assert.Contains("[^1]: Kamerstukken II 2019/20, 28638, nr. 176.", md);
        Assert.Contains(new UsedContribution("BHOS", 2, 1), letter.Manifest.Used);
    }
}
