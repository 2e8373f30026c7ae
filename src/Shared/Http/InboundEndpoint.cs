using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Intake;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// POST /api/inbound/sendgrid (SendGrid Inbound Parse) and the quarantine routes: authenticate, read the bounded
/// body, hand it to Intake, map the result to HTTP. SendGrid drops on 4xx and retries on 5xx for 72 h: everything
/// accepted or quarantined is 200, only transient storage/engine faults are 503.
/// </summary>
public sealed class InboundEndpoint(
    InboundStore inbound,
    InboundProcessor processor,
    QuarantineRelease release,
    InboundReprocessor reprocessor,
    CallerResolver callers,
    IOptions<InboundOptions> options,
    ILogger<InboundEndpoint> logger,
    InboundTiming timing)
{
    private InboundOptions Options => options.Value;

    public async Task<IResult> ReceiveAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        if (!Authenticated(request))
            return Results.Problem("De aanroep is niet geauthenticeerd.", statusCode: StatusCodes.Status401Unauthorized, title: "Niet geauthenticeerd");

        var max = Options.MaxRequestBytes;
        if (request.ContentLength > max)
            return TooLarge(max);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = max + 1;

        byte[] payload;
        using var steps = timing.Request();
        var start = InboundTiming.Start();
        try
        {
            payload = await ReadBoundedAsync(request.Body, max, cancellationToken);
        }
        catch (PayloadTooLargeException)
        {
            return TooLarge(max);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(max);
        }

        timing.Step("read", start);
        var answer = await GuardAsync(async () => Answer(await processor.ReceiveAsync(payload, request.ContentType, client, cancellationToken)));
        timing.Step("total", start);
        return answer;
    }

    public Task<IResult> ListQuarantineAsync(HttpRequest request, CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        if (callers.Resolve(request).Error is { } denied)
            return denied;
        var list = await inbound.ListQuarantinedAsync(500, cancellationToken);
        return Results.Json(list.Select(r => new
        {
            id = r.Id, receivedAt = r.ReceivedAt, reason = r.Reason, reasonCode = r.ReasonCode, roundId = r.RoundId, ministry = r.Ministry,
            from = r.From, subject = r.Subject, archiveBlob = r.ArchiveBlob,
        }), JsonDefaults.Options);
    });

    /// <summary>The coordinator vouches for a quarantined message: its text becomes that ministry's contribution for that pillar.</summary>
    public async Task<IResult> ReleaseAsync(string id, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (caller, denied) = callers.Coordinator(request, "een bericht uit quarantaine vrijgeven");
        if (denied is not null)
            return denied;
        var (body, error) = await JsonBody.ReadAsync<ReleaseRequest>(request, cancellationToken);
        if (error is not null)
            return error;
        return await GuardAsync(async () =>
        {
            var result = await release.ReleaseAsync(id, body!, caller!, client, cancellationToken);
            return result.Refusal is { } refusal
                ? Problems.Refused(refusal)
                : Results.Json(new { outcome = InboundOutcomes.Released, versions = result.Versions }, JsonDefaults.Options);
        });
    }

    /// <summary>Runs the pipeline again on the archived payload (after a fault, or after the round was fixed).</summary>
    public async Task<IResult> ReprocessAsync(string id, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (caller, denied) = callers.Coordinator(request, "een bericht opnieuw laten verwerken");
        if (denied is not null)
            return denied;
        // No data, but a state-changing request like any other: JSON ({} or empty) and not from another website.
        var (_, error) = await JsonBody.ReadAsync<object>(request, cancellationToken);
        if (error is not null)
            return error;
        return await GuardAsync(async () =>
        {
            var reprocessed = await reprocessor.ReprocessAsync(id, caller!, client, cancellationToken);
            return reprocessed.Refusal is { } refusal ? Problems.Refused(refusal) : Answer(reprocessed.Result!);
        });
    }

    private static IResult Answer(InboundResult result) => result.Outcome == InboundOutcomes.Accepted
        ? Results.Json(new { outcome = result.Outcome, id = result.Id, duplicate = result.Duplicate, versions = result.Versions }, JsonDefaults.Options)
        : Results.Json(new
        {
            outcome = result.Outcome, id = result.Id, reason = result.Reason, reasonCode = result.ReasonCode?.ToString(),
            roundId = result.RoundId, ministry = result.Ministry,
        }, JsonDefaults.Options);

    /// <summary>A refused coordinator action on received mail (release, reprocess, count, adopt): 404, 400 naming the field, or 409.</summary>
    private async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (TransientFault.Is(e))
        {
            logger.LogWarning(e, "Transient fault while handling inbound mail");
            return Problems.Unavailable("Opslag of werkstroom is tijdelijk niet bereikbaar; probeer het later opnieuw.");
        }
    }

    private bool Authenticated(HttpRequest request)
    {
        var o = Options;
        if (!o.AuthenticationRequired)
            return true;
        var secrets = new[] { o.SharedSecret, o.BasicAuthPassword }.Where(s => !string.IsNullOrEmpty(s)).ToList();
        var given = new List<string>();
        if (request.Query.TryGetValue("secret", out var q) && q.Count == 1 && q[0] is { } qs)
            given.Add(qs);
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var auth)
            && string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) && auth.Parameter is { } param)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(param));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon >= 0)
                {
                    var user = decoded[..colon];
                    if (string.IsNullOrEmpty(o.BasicAuthUser) || Equal(user, o.BasicAuthUser))
                        given.Add(decoded[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
            }
        }
        var ok = false;
        foreach (var g in given)
            foreach (var s in secrets)
                ok |= Equal(g, s!);
        return ok;
    }

    // Hashing first makes the comparison constant-time in the length too.
    private static bool Equal(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));

    private static IResult TooLarge(long max) =>
        Results.Problem(IntakeWording.For(IntakeReason.ForTooLargePost(max)), statusCode: StatusCodes.Status413PayloadTooLarge, title: "Te groot");

    private static async Task<byte[]> ReadBoundedAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (ms.Length + read > max)
                throw new PayloadTooLargeException();
            ms.Write(buffer, 0, read);
        }
        return ms.ToArray();
    }

    private sealed class PayloadTooLargeException : Exception;
}
