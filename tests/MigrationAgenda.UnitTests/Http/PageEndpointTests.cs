using MigrationAgenda.Http;

namespace MigrationAgenda.UnitTests.Http;

public sealed class PageEndpointTests
{
    [Theory]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("app.js", "text/javascript; charset=utf-8")]
    [InlineData("modules/round.js", "text/javascript; charset=utf-8")]
    [InlineData("app.css", "text/css; charset=utf-8")]
    [InlineData("data.json", "application/json; charset=utf-8")]
    [InlineData("logo.svg", "image/svg+xml")]
    [InlineData("logo.png", "image/png")]
    [InlineData("favicon.ico", "image/x-icon")]
    [InlineData("notes.unknown-extension", "application/octet-stream")]
    public void Files_get_their_media_type_from_their_extension_and_text_is_utf8(string path, string expected) =>
        Assert.Equal(expected, PageEndpoint.ContentType(path));

    [Fact]
    public void Every_embedded_page_file_has_a_known_media_type() =>
        Assert.All(PageEndpoint.FileNames, name => Assert.NotEqual("application/octet-stream", PageEndpoint.ContentType(name)));
}
