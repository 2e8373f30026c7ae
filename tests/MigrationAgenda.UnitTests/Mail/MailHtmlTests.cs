using MigrationAgenda.Letters;
using MigrationAgenda.Mail;

namespace MigrationAgenda.UnitTests.Mail;

public sealed class MailHtmlTests
{
    private const string Hostile = "Coördinatie <b onmouseover='x'>“vet”</b> & \"citaat\" + 😀";

    [Fact]
    public void Mail_bodies_are_escaped_by_the_letter_s_encoder_and_keep_Dutch_text_readable()
    {
        var html = MailHtml.FromText(Hostile + "\n\n  ingesprongen");

        Assert.Contains("<p>" + HtmlText.Encode(Hostile) + "</p>", html);
        Assert.Contains("Coördinatie &lt;b onmouseover=&#x27;x&#x27;&gt;“vet”&lt;/b&gt; &amp; &quot;citaat&quot;", html);
        Assert.DoesNotContain("<b ", html);
        Assert.Contains("<p>&nbsp; ingesprongen</p>", html);
    }
}
