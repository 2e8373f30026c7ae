using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Intake;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// POST /api/inbound/sendgrid (SendGrid Inbound Parse) and the quarantine routes. SendGrid drops on 4xx and retries
/// on 5xx for 72 h: everything accepted or quarantined is 200, only transient storage/engine faults are 503.
/// </summary>
public sealed class InboundEndpoint(
    InboundStore inbound,
    InboundProcessor processor,
    RoundStore rounds,
    ContributionRecorder recorder,
    AuditLog audit,
    IOptions<InboundOptions> options,
    TimeProvider clock,
    ILogger<InboundEndpoint> logger)
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

        return await GuardAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var id = InboundStore.Sha256(payload);
            var blob = await inbound.ArchiveAsync(payload, id, request.ContentType, now, cancellationToken);
            await inbound.MarkReceivedAsync(id, blob, now, cancellationToken);
            var result = await processor.ProcessAsync(payload, id, request.ContentType, blob, now, client, cancellationToken);
            return Answer(result);
        });
    }

    public Task<IResult> ListQuarantineAsync(CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        var list = await inbound.ListQuarantinedAsync(500, cancellationToken);
        return Results.Json(list.Select(r => new
        {
            id = r.Id, receivedAt = r.ReceivedAt, reason = r.Reason, roundId = r.RoundId, ministry = r.Ministry,
            from = r.From, subject = r.Subject, archiveBlob = r.ArchiveBlob,
        }), JsonDefaults.Options);
    });

    public sealed record ReleaseBody
    {
        public string? RoundId { get; init; }
        public string? Ministry { get; init; }
        public int? Pillar { get; init; }
    }

    /// <summary>The coordinator vouches for a quarantined message: its text becomes that ministry's contribution for that pillar.</summary>
    public async Task<IResult> ReleaseAsync(string id, HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync<ReleaseBody>(request, cancellationToken);
        if (error is not null)
            return error;
        return await GuardAsync(async () =>
        {
            var record = await inbound.GetAsync(id, cancellationToken);
            if (record is null)
                return Problems.NotFound($"Er is geen ontvangen bericht '{id}'.");
            if (record.Outcome != InboundOutcomes.Quarantined)
                return Problems.Conflict($"Bericht '{id}' staat niet in quarantaine ({record.Outcome}).");
            var roundId = body!.RoundId ?? record.RoundId;
            if (string.IsNullOrWhiteSpace(roundId))
                return Problems.Invalid(new Dictionary<string, string[]> { ["roundId"] = ["Verplicht: de uitvraag waarvoor het bericht geldt."] });
            var round = await rounds.GetAsync(roundId, cancellationToken);
            var instance = round is null ? null : await client.GetInstanceAsync(roundId, getInputsAndOutputs: true, cancellationToken);
            if (round is null || instance is null)
                return Problems.NotFound($"Er is geen ronde '{roundId}'.");
            var status = RoundStatusReader.CustomStatus(instance);
            if (!instance.IsRunning || RoundPhase.IsFinished(status?.Phase ?? round.Phase))
                return Problems.Conflict($"Ronde '{roundId}' is afgerond; bijdragen worden niet meer aangenomen.");
            var participant = (body.Ministry ?? record.Ministry) is { } code ? round.Plan.FindParticipant(code) : null;
            if (participant is null)
                return Problems.Invalid(new Dictionary<string, string[]> { ["ministry"] = [$"Verplicht: één van {string.Join(", ", round.Plan.Participants.Select(p => p.Code))}."] });
            if (body.Pillar is not { } pillar || !participant.Pillars.Contains(pillar))
                return Problems.Invalid(new Dictionary<string, string[]> { ["pillar"] = [$"{participant.Code} schrijft pijler {string.Join(", ", participant.Pillars)}."] });

            var archived = await inbound.ReadArchiveAsync(record.ArchiveBlob, cancellationToken);
            if (archived is null)
                return Problems.Conflict($"Het archief van bericht '{id}' ontbreekt ({record.ArchiveBlob}).");
            InboundMessage message;
            try
            {
                message = await processor.Parser.ParseAsync(new MemoryStream(archived.Value.Payload), archived.Value.ContentType, cancellationToken);
            }
            catch (InboundParseException e)
            {
                return Problems.Conflict($"Het bericht is onleesbaar ({e.Error}); vrijgeven kan niet.");
            }

            var extraction = ContributionExtractor.Extract(message, [pillar], round.Plan.Definition);
            var section = extraction.Sections.FirstOrDefault(s => s.Pillar == pillar) ?? extraction.Sections.FirstOrDefault();
            var text = section?.Text ?? (message.TextBody is { Length: > 0 } t ? t.Trim() : HtmlToText.Convert(message.HtmlBody).Trim());
            if (string.IsNullOrWhiteSpace(text))
                return Problems.Conflict("Het bericht bevat geen tekst om als bijdrage vast te leggen.");
            if (text.Length > ContributionStore.MaxTextLength)
                text = text[..ContributionStore.MaxTextLength];
            var sections = new[] { new PillarText { Pillar = pillar, Text = text, Footnotes = section?.Footnotes ?? [] } };
            var progress = status?.Ministries.FirstOrDefault(m => string.Equals(m.Ministry, participant.Code, StringComparison.OrdinalIgnoreCase));
            var now = clock.GetUtcNow();
            var result = await recorder.RecordAsync(client, new Submission
            {
                RoundId = round.Plan.RoundId,
                Ministry = participant.Code,
                SubmissionKey = $"release:{id}:{pillar}",
                Sections = sections,
                Sender = message.From.Address,
                Source = "mail",
                ReceivedAt = now,
                RequestVersion = progress?.RequestVersion ?? 1,
                MessageId = message.MessageId,
                ArchiveBlob = record.ArchiveBlob,
            }, cancellationToken);
            await inbound.MarkReleasedAsync(record, pillar, round.Plan.RoundId, participant.Code, now, cancellationToken);
            await audit.WriteAsync(round.Plan.RoundId, "coordinator", "mail-released",
                $"{participant.Code}: bericht {id[..12]} uit quarantaine vrijgegeven als pijler {pillar}.", now, cancellationToken);
            return Results.Json(new { outcome = InboundOutcomes.Released, versions = result.Versions }, JsonDefaults.Options);
        });
    }

    /// <summary>Runs the pipeline again on the archived payload (after a fault, or after the round was fixed).</summary>
    public Task<IResult> ReprocessAsync(string id, DurableTaskClient client, CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        var record = await inbound.GetAsync(id, cancellationToken);
        if (record is null)
            return Problems.NotFound($"Er is geen ontvangen bericht '{id}'.");
        if (record.Outcome == InboundOutcomes.Released)
            return Problems.Conflict($"Bericht '{id}' is al vrijgegeven.");
        var archived = await inbound.ReadArchiveAsync(record.ArchiveBlob, cancellationToken);
        if (archived is null)
            return Problems.Conflict($"Het archief van bericht '{id}' ontbreekt ({record.ArchiveBlob}).");
        var result = await processor.ProcessAsync(archived.Value.Payload, id, archived.Value.ContentType, record.ArchiveBlob, record.ReceivedAt, client, cancellationToken);
        return Answer(result);
    });

    private static IResult Answer(InboundResult result) => result.Outcome == InboundOutcomes.Accepted
        ? Results.Json(new { outcome = result.Outcome, id = result.Id, duplicate = result.Duplicate, versions = result.Versions }, JsonDefaults.Options)
        : Results.Json(new { outcome = result.Outcome, id = result.Id, reason = result.Reason, roundId = result.RoundId, ministry = result.Ministry }, JsonDefaults.Options);

    private async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (IsTransient(e))
        {
            logger.LogWarning(e, "Transient fault while handling inbound mail");
            return Problems.Unavailable("Opslag of werkstroom is tijdelijk niet bereikbaar; probeer het later opnieuw.");
        }
    }

    /// <summary>Storage 5xx, network trouble or an unreachable engine: worth a retry. 4xx and bugs are not.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        RequestFailedException r => r.Status >= 500 || r.Status == 0 || r.Status == 408 || r.Status == 429,
        HttpRequestException or SocketException or TimeoutException or IOException => true,
        AggregateException a => a.InnerExceptions.Any(IsTransient),
        _ when e.GetType().Name == "RpcException" => true,
        _ => e.InnerException is { } inner && IsTransient(inner),
    };

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
        Results.Problem($"Het bericht is groter dan {max} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Te groot");

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
