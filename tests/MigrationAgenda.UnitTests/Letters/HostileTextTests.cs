using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using MigrationAgenda.Letters;
using static MigrationAgenda.UnitTests.Letters.LetterTestData;
using static MigrationAgenda.UnitTests.Letters.RenderedText;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>Whatever a contributor writes comes out as text: never markup, links, images or script.</summary>
public sealed class HostileTextTests
{
    private static readonly string[] Attacks =
    [
        "<script>alert(1)</script>",
        "</p><img src=x onerror=alert(1)>",
        "[klik](javascript:alert(1))",
        "![x](http://evil)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "&lt;script&gt;",
        "# kop",
        "`code` *nadruk* _ook_ ~~weg~~ | a | b |",
    ];

    private static AssembledLetter Build()
    {
        var text = string.Join("\n\n", Attacks) + "[^1]";
        var contribution = Contribution("BHOS", 2, text, [Note("1", "<b>vet</b> [link](javascript:alert(2)) ![i](http://evil/i.png)")]);
        var texts = new MigrationAgenda.Rounds.CoordinatorTexts { Aanleiding = "<iframe src=\"http://evil\"></iframe> [a](http://evil)" };
        return new LetterBuilder().Build(Input(Plan(texts, reference: "<b>ref</b>"), [contribution]));
    }

    [Fact]
    public void Html_encodes_every_contribution_text()
    {
        var html = Utf8(File(Build(), "html").Content);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://evil\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("&amp;lt;script&amp;gt;", html);

        // Displayed, the attacks read as the literal text that was sent.
        var shown = HtmlDisplayed(html);
        foreach (var attack in Attacks)
            Assert.Contains(attack, shown);
        // No external resource of our own either.
        Assert.DoesNotMatch(@"<[a-zA-Z][^>]*\s(src|href|on\w+)\s*=\s*[""']?(x|javascript|http)", html);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"nl\">", html);
    }

    [Fact]
    public void Markdown_escapes_links_images_html_and_block_syntax()
    {
        var md = Utf8(File(Build(), "md").Content);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", md);
        Assert.Contains("&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;", md);
        Assert.Contains("\\[klik\\](javascript:alert(1))", md);
        Assert.Contains("\\!\\[x\\](http://evil)", md);
        Assert.Contains("&amp;lt;script&amp;gt;", md);
        Assert.Contains("\n\\# kop\n", md);
        Assert.Contains("\\`code\\` \\*nadruk\\* \\_ook\\_ \\~\\~weg\\~\\~ \\| a \\| b \\|", md);
        Assert.Contains("[^1]: &lt;b&gt;vet&lt;/b&gt; \\[link\\](javascript:alert(2)) \\!\\[i\\](http://evil/i.png)", md);
        Assert.Contains("&lt;iframe", md);
        Assert.DoesNotContain("](javascript", md.Replace("\\](javascript", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // Markup from a reply is entities, as in the HTML letter: not one '<' in the file.
        Assert.DoesNotContain('<', md);

        var shown = MarkdownDisplayed(md);
        foreach (var attack in Attacks)
            Assert.Contains(attack, shown);
    }

    [Fact]
    public void Docx_keeps_attacks_as_literal_text()
    {
        var docx = File(Build(), "docx").Content;
        var paragraphs = DocxParagraphs(docx);
        foreach (var attack in Attacks)
            Assert.Contains(paragraphs, p => p.StartsWith(attack, StringComparison.Ordinal));
        Assert.Contains(DocxFootnotes(docx), f => f.Text == "<b>vet</b> [link](javascript:alert(2)) ![i](http://evil/i.png)");

        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Empty(document.MainDocumentPart!.HyperlinkRelationships);
        Assert.Empty(document.MainDocumentPart.ImageParts);
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_cannot_break_the_xml()
    {
        var text = "Nul\u0000teken, bel\u0007, half \uD800 surrogaat, emoji 😀 en \uFFFF.";
        var letter = new LetterBuilder().Build(Input(Plan(), [Contribution("BHOS", 2, text, [Note("1", "x\u001Fy")])]));
        var paragraphs = DocxParagraphs(File(letter, "docx").Content);
        // The footnote is not referenced, so it is appended to the paragraph as "[^1]".
        Assert.Contains("Nul\uFFFDteken, bel\uFFFD, half \uFFFD surrogaat, emoji 😀 en \uFFFD.[^1]", paragraphs);
        Assert.Contains(DocxFootnotes(File(letter, "docx").Content), f => f.Text == "x\uFFFDy");
        Assert.Contains("Nul\uFFFDteken", Utf8(File(letter, "html").Content));
    }

    /// <summary>
    /// "1. …" and "- …" lines are lists since contributions carry Word's lists that way: the list is ours, the item's
    /// text stays literal text in every format.
    /// </summary>
    [Fact]
    public void A_list_line_becomes_a_list_item_whose_text_stays_literal()
    {
        const string item = "<script>alert(1)</script> [a](javascript:b) 1. nog een";
        var letter = new LetterBuilder().Build(Input(Plan(), [Contribution("BHOS", 2, $"1. {item}\n- **vet** <b>x</b>")]));

        var md = Utf8(File(letter, "md").Content);
        Assert.Contains("\n1. &lt;script&gt;alert(1)&lt;/script&gt; \\[a\\](javascript:b) 1. nog een\n- \\*\\*vet\\*\\* &lt;b&gt;x&lt;/b&gt;\n", md);

        var html = Utf8(File(letter, "html").Content);
        Assert.Contains("<ol>\n<li>&lt;script&gt;alert(1)&lt;/script&gt; [a](javascript:b) 1. nog een</li>\n</ol>\n<ul>\n<li>**vet** &lt;b&gt;x&lt;/b&gt;</li>\n</ul>", html);

        var docx = File(letter, "docx").Content;
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var items = document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
            .Where(p => p.ParagraphProperties?.NumberingProperties is not null).Select(ParagraphText).ToList();
        Assert.Equal([item, "**vet** <b>x</b>"], items);
        Assert.Empty(new OpenXmlValidator().Validate(document));
    }
}
