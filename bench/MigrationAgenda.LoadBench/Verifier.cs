using System.Text.Json;
using Azure.Data.Tables;
using MigrationAgenda.Intake;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.LoadBench;

/// <summary>
/// After the run: every accepted reply stored exactly once (one version carrying its marker, no other versions),
/// every quarantined one recorded as quarantined and stored nowhere, every post's Inbound row with its outcome,
/// and the round still collecting with the pillar of every ministry that was sent an accepted reply received (the
/// events reached it).
/// With the fake SendGrid, also: every stranger who wrote was sent one notice (two if the run crossed midnight in
/// Amsterdam), and none twice.
/// A fast run that loses or doubles mail fails here.
/// </summary>
public sealed class Verifier(StorageClients storage, HttpClient http, BenchRound round, FakeSendGridServer? sendGrid)
{
    /// <param name="postingFrom">When the first post could have gone out: with now, the Dutch days a notice can name.</param>
    public async Task<IReadOnlyList<(bool Ok, string Check)>> VerifyAsync(IReadOnlyCollection<BenchPost> posts, DateTimeOffset postingFrom,
        CancellationToken cancellationToken)
    {
        var checks = new List<(bool, string)>();
        var accepted = posts.Where(p => p.Accepted).ToList();
        var quarantined = posts.Where(p => !p.Accepted).ToList();

        var versions = await new ContributionStore(storage).ListAsync(round.RoundId, cancellationToken);
        var byMarker = versions.GroupBy(v => MarkerIn(v.Text)).ToDictionary(g => g.Key ?? "", g => g.Count());
        var missing = accepted.Count(p => !byMarker.ContainsKey(p.Marker));
        var doubled = accepted.Count(p => byMarker.TryGetValue(p.Marker, out var n) && n > 1);
        var leaked = quarantined.Count(p => byMarker.ContainsKey(p.Marker));
        checks.Add((versions.Count == accepted.Count && missing == 0 && doubled == 0,
            $"Contributions: {versions.Count} versions for {accepted.Count} accepted replies ({missing} missing, {doubled} stored more than once)"));
        checks.Add((versions.Select(v => v.MessageId).Distinct().Count() == versions.Count && versions.All(v => !string.IsNullOrEmpty(v.MessageId)),
            "Contributions: every version has its own Message-ID"));
        checks.Add((leaked == 0, $"Contributions: {leaked} of {quarantined.Count} quarantined replies stored as a contribution"));

        var outcomes = new Dictionary<string, string>();
        await foreach (var e in storage.Table(StorageClients.InboundTable).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey", "Outcome"], cancellationToken: cancellationToken))
            if (!e.PartitionKey.StartsWith("ceiling", StringComparison.Ordinal))
                outcomes[e.RowKey] = e.GetString("Outcome") ?? "";
        var wrongAccepted = accepted.Count(p => outcomes.GetValueOrDefault(p.Id) != InboundOutcomes.Accepted);
        var wrongQuarantined = quarantined.Count(p => outcomes.GetValueOrDefault(p.Id) != InboundOutcomes.Quarantined);
        checks.Add((wrongAccepted == 0, $"Inbound: {accepted.Count - wrongAccepted} of {accepted.Count} accepted replies recorded 'accepted'"));
        checks.Add((wrongQuarantined == 0, $"Inbound: {quarantined.Count - wrongQuarantined} of {quarantined.Count} quarantined replies recorded 'quarantined'"));
        if (sendGrid is not null)
        {
            // A notice's id is one per sender, reason and Dutch day: a run across midnight may tell a stranger twice.
            var deliveries = sendGrid.DeliveriesPerMessageId();
            var strangers = quarantined.Select(p => p.From).Distinct().ToList();
            var expected = strangers.ToDictionary(s => s, s => new[] { postingFrom, DateTimeOffset.UtcNow }
                .Select(at => $"{round.RoundId}/{MessageIds.QuarantineNotice(s, nameof(IntakeReasonCode.UnknownSender), at)}").Distinct().ToList());
            var told = strangers.Count(s => expected[s].Any(deliveries.ContainsKey) && expected[s].All(id => deliveries.GetValueOrDefault(id) is 0 or 1));
            var notices = sendGrid.Received.Count(m => m.Delivered && m.CustomArg("kind") == nameof(MailKind.QuarantineNotice));
            var others = notices - expected.Values.SelectMany(ids => ids).Sum(id => deliveries.GetValueOrDefault(id));
            checks.Add((told == strangers.Count && others == 0,
                $"Notices: {told} of {strangers.Count} strangers ({quarantined.Count} quarantined replies) sent one notice through SendGrid, none twice; {others} other notices"));
        }

        // The events reach the orchestration asynchronously: give it a bounded while to catch up.
        var answered = accepted.Select(p => p.Ministry).Distinct().ToList();
        var until = DateTime.UtcNow.AddSeconds(60);
        JsonElement status;
        List<string> notReceived;
        while (true)
        {
            status = JsonDocument.Parse(await http.GetStringAsync($"/api/rounds/{round.RoundId}", cancellationToken)).RootElement;
            notReceived = answered.Where(m => !Received(status, m)).Select(m => m.Code).ToList();
            if (notReceived.Count == 0 || DateTime.UtcNow > until)
                break;
            await Task.Delay(500, cancellationToken);
        }
        var phase = status.GetProperty("phase").GetString();
        var runtime = status.GetProperty("runtimeStatus").GetString();
        checks.Add((runtime == "Running" && phase == "Collecting", $"Round: {runtime}, {phase} (nothing fired, nothing assembled)"));
        checks.Add((notReceived.Count == 0, notReceived.Count == 0
            ? $"Round status: all {answered.Count} ministries that were sent an accepted reply show it received"
            : $"Round status: not received after 60 s: {string.Join(", ", notReceived)}"));
        return checks;
    }

    private static string? MarkerIn(string text)
    {
        var i = text.IndexOf("(meting ", StringComparison.Ordinal);
        var end = i < 0 ? -1 : text.IndexOf(')', i);
        return end < 0 ? null : text[(i + 8)..end];
    }

    private static bool Received(JsonElement status, BenchMinistry m) =>
        status.GetProperty("ministries").EnumerateArray().Where(x => x.GetProperty("ministry").GetString() == m.Code)
            .SelectMany(x => x.GetProperty("pillars").EnumerateArray())
            .Any(p => p.GetProperty("pillar").GetInt32() == m.Pillar && p.GetProperty("state").GetString() == "received");
}
