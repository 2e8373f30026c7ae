using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using MigrationAgenda.Intake;
using MigrationAgenda.TestSupport.Intake;
using static MigrationAgenda.TestSupport.Intake.IntakeCorpus;

namespace MigrationAgenda.UnitTests.Intake;

/// <summary>Payloads too large or too binary to check in: built at test time.</summary>
public sealed class GeneratedPayloadTests
{
    private static SendGridPost Post(string text) => new SendGridPost()
        .Field("headers", "From: Jan de Vries <j.devries@szw.example>\r\nMessage-ID: <g@szw.example>\r\n")
        .Field("dkim", "{@szw.example : pass}")
        .Field("to", ReplyTo)
        .Field("from", "Jan de Vries <j.devries@szw.example>")
        .Field("text", text)
        .Field("envelope", $"{{\"to\":[\"{ReplyTo}\"],\"from\":\"j.devries@szw.example\"}}")
        .Field("charsets", "{\"text\":\"UTF-8\"}")
        .Field("SPF", "pass");

    private static async Task<InboundMessage> Parse(byte[] payload) =>
        await new SendGridInboundParser().ParseAsync(new MemoryStream(payload), SendGridPost.ContentType);

    [Fact]
    public async Task A_31_MB_post_is_refused_as_too_large()
    {
        var payload = Post("Pijler 5\r\n\r\n" + new string('x', 31 * 1024 * 1024)).Build();
        var ex = await Assert.ThrowsAsync<InboundParseException>(() => Parse(payload));
        Assert.Equal(InboundParseError.TooLarge, ex.Error);
    }

    [Fact]
    public async Task Docx_attachment_with_Word_footnotes_becomes_sections_with_footnotes()
    {
        var docx = new DocxBuilder()
            .Heading("Pijler 5")
            .Paragraph(P5, footnote: "Kamerstukken II 2019/20, 19637, nr. 2623.")
            .Heading("6. Bevorderen integratie en participatie")
            .Paragraph(P6, footnote: Fn12)
            .Build();
        var payload = Post("Beste Karin,\r\n\r\nZie bijlage.\r\n\r\nGroet,\r\nJan\r\n")
            .File("attachment1", "bijdrage SZW.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx)
            .Field("attachments", "1")
            .Build();

        var result = ContributionExtractor.Extract(await Parse(payload), [5, 6], IntakeTestData.Definition);

        Assert.Equal(ExtractionOutcome.Contribution, result.Outcome);
        Assert.Equal([5, 6], result.Sections.Select(s => s.Pillar));
        Assert.Equal(P5 + "[^1]", result.Sections[0].Text);
        Assert.Equal([("1", "Kamerstukken II 2019/20, 19637, nr. 2623.")], result.Sections[0].Footnotes.Select(f => (f.Marker, f.Text)));
        Assert.Equal(P6 + "[^2]", result.Sections[1].Text);
        Assert.Equal([("2", Fn12)], result.Sections[1].Footnotes.Select(f => (f.Marker, f.Text)));
        Assert.Null(result.Note);
    }

    [Fact]
    public async Task A_zip_bomb_named_docx_is_rejected_as_unreadable()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml").Open().Dispose();
            using var s = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++) s.Write(zeros); // 64 MB of zeros compress to well under 100 KB.
        }
        Assert.True(ms.Length < 1024 * 1024);
        var payload = Post("Zie bijlage.").File("attachment1", "bijdrage.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ms.ToArray()).Build();

        var result = ContributionExtractor.Extract(await Parse(payload), [5, 6], IntakeTestData.Definition);

        Assert.Equal(ExtractionRejection.UnreadableAttachment, result.Rejection);
        Assert.Equal(AttachmentReadError.TooLarge, result.RejectionDetails!.AttachmentError);
        Assert.Equal(["bijdrage.docx"], result.RejectionDetails.FileNames);
    }

    [Theory]
    [InlineData("not a zip", AttachmentReadError.NotAZip)]
    [InlineData("\u00D0\u00CF\u0011\u00E0\u00A1\u00B1\u001A\u00E1old word", AttachmentReadError.OldWordFormat)]
    public async Task Non_docx_content_named_docx_is_rejected_with_a_clear_reason(string content, AttachmentReadError error)
    {
        var payload = Post("Zie bijlage.").File("attachment1", "bijdrage.docx", "application/octet-stream", Encoding.Latin1.GetBytes(content)).Build();
        var result = ContributionExtractor.Extract(await Parse(payload), [5], IntakeTestData.Definition);
        Assert.Equal(ExtractionRejection.UnreadableAttachment, result.Rejection);
        Assert.Equal(error, result.RejectionDetails!.AttachmentError);
    }

    [Fact]
    public async Task A_zip_without_a_word_document_is_not_a_docx()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        using (var w = new StreamWriter(zip.CreateEntry("readme.txt").Open())) w.Write("hallo");
        var payload = Post("Zie bijlage.").File("attachment1", "bijdrage.docx", "application/zip", ms.ToArray()).Build();
        var result = ContributionExtractor.Extract(await Parse(payload), [5], IntakeTestData.Definition);
        Assert.Equal(ExtractionRejection.UnreadableAttachment, result.Rejection);
        Assert.Equal(AttachmentReadError.NotAWordDocument, result.RejectionDetails!.AttachmentError);
    }

    [Fact]
    public void A_bound_form_collection_parses_too()
    {
        var form = new FormCollection(new Dictionary<string, StringValues>
        {
            ["from"] = "Jan de Vries <j.devries@szw.example>",
            ["to"] = ReplyTo,
            ["subject"] = "Re: verzoek\r\nBcc: x@example.org",
            ["text"] = "Pijler 5\r\n\r\n" + P5,
            ["envelope"] = $"{{\"to\":[\"{ReplyTo}\"],\"from\":\"j.devries@szw.example\"}}",
            ["SPF"] = "pass",
        });
        var message = new SendGridInboundParser().Parse(form);
        Assert.Equal("Re: verzoek Bcc: x@example.org", message.Subject);
        Assert.Equal(SenderCheckOutcome.Allowed, SenderCheck.Check(message, ["szw.example"]).Outcome);
        Assert.Equal(P5, ContributionExtractor.Extract(message, [5, 6], IntakeTestData.Definition).Sections.Single().Text);
    }
}
