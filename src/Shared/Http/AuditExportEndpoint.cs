using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// GET /api/rounds/{id}/audit?format=csv|json[&amp;delimiter=semicolon]: every audit entry of the round, oldest first,
/// paged through the whole table (the status shows the newest 100), as a download named after the round.
/// </summary>
public sealed class AuditExportEndpoint(RoundStore rounds, AuditLog audit, CallerResolver callers, TimeProvider clock)
{
    public sealed record AuditExport(string RoundId, DateTimeOffset ExportedAt, int Count, IReadOnlyList<AuditExportEntry> Entries);

    public sealed record AuditExportEntry(DateTimeOffset At, string Actor, string ActorLabel, string Action, string Label, string Detail);

    public async Task<IResult> HandleAsync(string roundId, HttpRequest request, CancellationToken cancellationToken)
    {
        if (callers.Resolve(request).Error is { } denied)
            return denied;
        var format = request.Query["format"].FirstOrDefault()?.ToLowerInvariant() ?? "csv";
        if (format is not ("csv" or "json"))
            return Problems.BadRequest($"Onbekend formaat '{format}'. Kies csv of json.");
        var delimiter = request.Query["delimiter"].FirstOrDefault()?.ToLowerInvariant() switch
        {
            null or "" or "comma" or "," => ",",
            "semicolon" or ";" => ";",
            var other => null,
        };
        if (delimiter is null)
            return Problems.BadRequest("Het scheidingsteken is 'comma' (standaard) of 'semicolon' (voor Excel met Nederlandse instellingen).");
        if (await rounds.GetAsync(roundId, cancellationToken) is null)
            return Problems.NotFound($"Er is geen ronde '{roundId}'.");

        var entries = await audit.ListAllAsync(roundId, cancellationToken);
        // Personal data (who did what): no proxy or browser cache keeps a copy.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var name = $"auditlog-{SafeName(roundId)}.{format}";
        if (format == "csv")
            return Results.File(AuditCsv.Write(entries, delimiter), "text/csv; charset=utf-8", name);

        var export = new AuditExport(roundId, clock.GetUtcNow(), entries.Count, entries.Select(e => new AuditExportEntry(
            e.At, e.Actor, e.ActorName ?? AuditActions.ActorLabel(e.Actor), e.Action, AuditActions.Label(e.Action), e.Detail)).ToList());
        return Results.File(JsonSerializer.SerializeToUtf8Bytes(export, JsonDefaults.Options), "application/json; charset=utf-8", name);
    }

    /// <summary>Only letters, digits and dashes reach the file name (round ids are made of those; anything else becomes "_").</summary>
    private static string SafeName(string roundId) =>
        new(roundId.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? char.ToLowerInvariant(c) : '_').Take(64).ToArray());
}
