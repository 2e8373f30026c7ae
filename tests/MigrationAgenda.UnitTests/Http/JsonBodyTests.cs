using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MigrationAgenda.Http;

namespace MigrationAgenda.UnitTests.Http;

/// <summary>
/// The rules every state-changing request's body passes (<see cref="JsonBody"/>): the exact JSON media type, same-origin
/// by Sec-Fetch-Site and Origin, the size limit however the body comes, and an empty JSON body as {}.
/// </summary>
public sealed class JsonBodyTests
{
    private sealed record Body
    {
        public string? Note { get; init; }
    }

    private static HttpRequest Request(string? contentType, string body = "", IDictionary<string, string>? headers = null, string host = "ima.example.nl",
        string? origins = null, Stream? stream = null)
    {
        var services = new ServiceCollection().AddLogging().AddOptions();
        services.Configure<HttpOptions>(o => o.Origins = origins);
        var context = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        context.Request.Method = "POST";
        context.Request.Host = new HostString(host);
        context.Request.ContentType = contentType;
        context.Request.Body = stream ?? new MemoryStream(Encoding.UTF8.GetBytes(body));
        foreach (var (k, v) in headers ?? new Dictionary<string, string>())
            context.Request.Headers[k] = v;
        return context.Request;
    }

    private static async Task<int> StatusAsync(IResult result)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
            Response = { Body = new MemoryStream() },
        };
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Equal("application/problem+json", context.Response.ContentType);
        Assert.NotEmpty(JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!);
        return context.Response.StatusCode;
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON;charset=\"UTF-8\"")]
    public async Task Json_with_at_most_a_utf8_charset_is_read(string contentType)
    {
        var (value, error) = await JsonBody.ReadAsync<Body>(Request(contentType, """{"note":"x"}"""), CancellationToken.None);
        Assert.Null(error);
        Assert.Equal("x", value!.Note);
    }

    [Theory]
    [InlineData("text/plain; x=json")]
    [InlineData("text/plain;charset=UTF-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=----x")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; x=y")]
    [InlineData("application/jsonp")]
    [InlineData("application/problem+json")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Every_other_content_type_is_415(string? contentType)
    {
        var (value, error) = await JsonBody.ReadAsync<Body>(Request(contentType, """{"note":"x"}"""), CancellationToken.None);
        Assert.Null(value);
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, await StatusAsync(error!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n")]
    [InlineData("{}")]
    public async Task An_empty_json_body_is_an_empty_object(string body)
    {
        var (value, error) = await JsonBody.ReadAsync<Body>(Request("application/json", body), CancellationToken.None);
        Assert.Null(error);
        Assert.Null(value!.Note);
    }

    [Fact]
    public async Task Json_null_and_broken_json_are_400()
    {
        Assert.Equal(400, await StatusAsync((await JsonBody.ReadAsync<Body>(Request("application/json", "null"), CancellationToken.None)).Error!));
        Assert.Equal(400, await StatusAsync((await JsonBody.ReadAsync<Body>(Request("application/json", "{\"note\":"), CancellationToken.None)).Error!));
    }

    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    [InlineData("something-new")]
    public async Task A_browser_saying_the_request_comes_from_another_site_is_403(string fetchSite)
    {
        var request = Request("application/json", "{}", new Dictionary<string, string> { ["Sec-Fetch-Site"] = fetchSite });
        Assert.Equal(403, await StatusAsync((await JsonBody.ReadAsync<Body>(request, CancellationToken.None)).Error!));
    }

    [Theory]
    [InlineData("same-origin")]
    [InlineData("none")]
    public async Task Same_origin_and_user_typed_requests_pass(string fetchSite)
    {
        var request = Request("application/json", "{}", new Dictionary<string, string> { ["Sec-Fetch-Site"] = fetchSite, ["Origin"] = "https://ima.example.nl" });
        Assert.Null((await JsonBody.ReadAsync<Body>(request, CancellationToken.None)).Error);
    }

    [Theory]
    [InlineData("https://evil.example", "ima.example.nl", null, null, false)]
    [InlineData("null", "ima.example.nl", null, null, false)]
    [InlineData("https://ima.example.nl.evil.example", "ima.example.nl", null, null, false)]
    [InlineData("https://ima.example.nl", "ima.example.nl", null, null, true)]
    [InlineData("https://ima.example.nl", "ima.example.nl:443", null, null, true)]
    [InlineData("http://127.0.0.1:5000", "127.0.0.1:5000", null, null, true)]
    [InlineData("http://127.0.0.1:5001", "127.0.0.1:5000", null, null, false)]
    // Behind a proxy that rewrites Host: its X-Forwarded-Host, or the configured origins, name the app.
    [InlineData("https://ima.example.nl", "127.0.0.1:7071", "ima.example.nl", null, true)]
    [InlineData("https://evil.example", "127.0.0.1:7071", "ima.example.nl", null, false)]
    [InlineData("https://ima.example.nl", "127.0.0.1:7071", null, "https://other.example, https://ima.example.nl", true)]
    [InlineData("https://evil.example", "127.0.0.1:7071", null, "https://ima.example.nl", false)]
    public async Task Origin_must_be_the_apps_own(string origin, string host, string? forwardedHost, string? origins, bool passes)
    {
        var headers = new Dictionary<string, string> { ["Origin"] = origin };
        if (forwardedHost is not null)
            headers["X-Forwarded-Host"] = forwardedHost;
        var (_, error) = await JsonBody.ReadAsync<Body>(Request("application/json", "{}", headers, host, origins), CancellationToken.None);
        if (passes)
            Assert.Null(error);
        else
            Assert.Equal(403, await StatusAsync(error!));
    }

    [Fact]
    public async Task Scripts_without_browser_headers_pass()
    {
        Assert.Null((await JsonBody.ReadAsync<Body>(Request("application/json", "{}"), CancellationToken.None)).Error);
    }

    [Fact]
    public async Task The_cross_site_check_comes_before_the_content_type_check()
    {
        // A form post from another site is refused as cross-site (403), not merely as the wrong format.
        var form = Request("application/x-www-form-urlencoded", "", new Dictionary<string, string> { ["Origin"] = "https://evil.example", ["Sec-Fetch-Site"] = "cross-site" });
        Assert.Equal(403, await StatusAsync((await JsonBody.ReadAsync<Body>(form, CancellationToken.None)).Error!));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_without_a_content_length()
    {
        var big = new MemoryStream(Encoding.UTF8.GetBytes("{\"note\":\"" + new string('x', (int)JsonBody.MaxBytes) + "\"}"));
        var request = Request("application/json", stream: big);
        Assert.Null(request.ContentLength);
        Assert.Equal(413, await StatusAsync((await JsonBody.ReadAsync<Body>(request, CancellationToken.None)).Error!));
    }

    [Fact]
    public async Task A_body_announced_over_the_limit_is_413_before_reading()
    {
        var request = Request("application/json", "{}");
        request.ContentLength = JsonBody.MaxBytes + 1;
        Assert.Equal(413, await StatusAsync((await JsonBody.ReadAsync<Body>(request, CancellationToken.None)).Error!));
    }
}
