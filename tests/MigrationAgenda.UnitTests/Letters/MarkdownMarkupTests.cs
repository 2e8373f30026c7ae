using Markdig;
using MigrationAgenda.Letters;
using static MigrationAgenda.UnitTests.Letters.LetterTestData;
using static MigrationAgenda.UnitTests.Letters.RenderedText;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>
/// Markup in a reply reaches the Markdown letter as text, as it does the HTML and DOCX letters: a CommonMark renderer
/// (Markdig, raw HTML allowed as by default) turns the .md into HTML without a single element from the reply.
/// </summary>
public sealed class MarkdownMarkupTests
{
    // A <script> that arrived entity-escaped in an HTML mail is decoded to these characters by intake.
    private const string Script = "<script>alert('ima')</script>";
    private const string EntityText = "&lt;b&gt; blijft &amp;lt;b&amp;gt;";

    private static (string Md, string Html) Render(string text, string note)
    {
        var letter = new LetterBuilder().Build(Input(Plan(), [Contribution("BHOS", 2, text, [Note("1", note)])]));
        return (Utf8(File(letter, "md").Content), Utf8(File(letter, "html").Content));
    }

    [Fact]
    public void A_script_from_a_reply_is_entities_in_the_md_and_text_when_rendered()
    {
        var (md, html) = Render($"Voor {Script} na [^1]\n\n<div onclick=\"x()\">blok</div>\n\n> <img src=x onerror=y>", $"noot {Script}");

        Assert.DoesNotContain('<', md);
        Assert.Contains("&lt;script&gt;alert('ima')&lt;/script&gt;", md);
        // The same characters as the HTML letter writes for the same text.
        Assert.Contains("&lt;script&gt;alert(&#x27;ima&#x27;)&lt;/script&gt;", html);

        var rendered = Markdown.ToHtml(md, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        Assert.DoesNotContain("<script", rendered, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div onclick", rendered, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", rendered, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<blockquote", rendered, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert('ima')&lt;/script&gt;", rendered);
        Assert.Contains(Script, Markdown.ToPlainText(md));
    }

    [Fact]
    public void Entity_text_in_a_reply_stays_the_literal_text_it_was()
    {
        var (md, _) = Render($"Zoals {EntityText} & ook J&V.", "n");

        Assert.Contains("&amp;lt;b&amp;gt; blijft &amp;amp;lt;b&amp;amp;gt; &amp; ook J&amp;V.", md);
        Assert.Contains($"Zoals {EntityText} & ook J&V.", Markdown.ToPlainText(md));
        Assert.Contains($"Zoals {EntityText} & ook J&V.", MarkdownDisplayed(md));
    }

    [Fact]
    public void A_greater_than_sign_at_a_line_start_is_not_a_quote()
    {
        var (md, _) = Render("> geen citaat\n\n1 < 2 en 3 > 2", "n");

        var rendered = Markdown.ToHtml(md);
        Assert.DoesNotContain("<blockquote", rendered, StringComparison.Ordinal);
        Assert.Contains("&gt; geen citaat", rendered);
        Assert.Contains("1 &lt; 2 en 3 &gt; 2", rendered);
    }
}
