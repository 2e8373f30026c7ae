using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Mail;

/// <summary>What one Event Webhook post came to: events stored now, events seen before, events without an id.</summary>
public sealed record MailEventResult(int Stored, int Duplicates, int Skipped);

/// <summary>
/// Acts on SendGrid's delivery events, each once: stores it (<see cref="MailEventStore"/>), tells the operator
/// (<see cref="TelemetryNames.MailBounced"/>, <see cref="TelemetryNames.MailDelayed"/>), writes the round's history, and
/// for a request, reminder or escalation that bounced, was blocked or dropped while the round is collecting, raises
/// <see cref="RoundEvents.MailUndeliverable"/> so the round escalates to the ministry's next contact at once.
/// </summary>
public sealed class MailEventProcessor(
    MailEventStore store,
    RoundStore rounds,
    AuditLog audit,
    IOperatorEvents operatorEvents,
    AddressHasher addresses,
    TimeProvider clock,
    ILogger<MailEventProcessor> logger)
{
    public async Task<MailEventResult> ProcessAsync(IReadOnlyList<MailEvent> events, int skipped, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var (stored, duplicates) = (0, 0);
        foreach (var e in events)
        {
            var (created, row) = await store.AddAsync(e, clock.GetUtcNow(), cancellationToken);
            if (!created && row.Handled)
            {
                duplicates++;
                continue;
            }
            // A row stored by an earlier post whose handling broke off is finished now, from its stored copy.
            await HandleAsync(created ? e : row.Event, client, cancellationToken);
            await store.MarkHandledAsync(e, cancellationToken);
            if (created)
                stored++;
            else
                duplicates++;
        }
        return new MailEventResult(stored, duplicates, skipped);
    }

    private async Task HandleAsync(MailEvent e, DurableTaskClient client, CancellationToken cancellationToken)
    {
        using var roundScope = logger.BeginRoundScope(e.RoundId);
        logger.LogInformation("Mail event {Event} ({Type}) for {Round}/{Ministry} {Kind} to {Recipient} ({SendGridMessageId})",
            e.Event, e.BounceType, e.RoundId ?? "-", e.Ministry ?? "-", e.Kind?.ToString() ?? "-", addresses.Hash(e.Email), e.SendGridMessageId);
        if (e.IsUndeliverable)
            await UndeliverableAsync(e, client, cancellationToken);
        else if (e.Event == MailEvent.Deferred)
            operatorEvents.Track(TelemetryNames.MailDelayed, Properties(e, (TelemetryNames.Properties.DelayMinutes, DelayMinutes(e))));
        else if (e.Event == MailEvent.SpamReport && e.RoundId is not null && await rounds.GetAsync(e.RoundId, cancellationToken) is not null)
            await audit.WriteAsync(e.RoundId, AuditActions.System, AuditActions.MailSpamReport,
                $"{Noun(e)} aan {e.Email}{For(e)} is door de ontvanger als spam gemeld.", clock.GetUtcNow(), cancellationToken);
    }

    private async Task UndeliverableAsync(MailEvent e, DurableTaskClient client, CancellationToken cancellationToken)
    {
        operatorEvents.Track(TelemetryNames.MailBounced, Properties(e, (TelemetryNames.Properties.BounceType, e.BounceType)));
        if (e.RoundId is null)
            return;
        var round = await RoundState.LoadAsync(client, rounds, e.RoundId, cancellationToken);
        if (round.Record is null)
            return;
        var escalate = e.ChasesAContact && round.Phase == RoundPhase.Collecting && round.IsRunning && round.Plan!.FindParticipant(e.Ministry!) is not null;
        await audit.WriteAsync(e.RoundId, AuditActions.System, AuditActions.MailUndeliverable,
            $"{Noun(e)} aan {e.Email}{For(e)} kon niet worden bezorgd ({Dutch(e.BounceType)}){(string.IsNullOrWhiteSpace(e.Reason) ? "" : $": {e.Reason}")}."
            + (escalate ? " De volgende contactpersoon van het ministerie krijgt nu een escalatie." : ""),
            clock.GetUtcNow(), cancellationToken);
        if (escalate)
            await client.RaiseEventAsync(e.RoundId, RoundEvents.MailUndeliverable, new MailUndeliverable
            {
                Ministry = round.Plan!.FindParticipant(e.Ministry!)!.Code, Level = e.ContactLevel, BounceType = e.BounceType, At = e.At,
            }, cancellationToken);
    }

    /// <summary>Whole minutes from handing the mail to SendGrid (its sent_at custom arg) to the event; 0 when unknown.</summary>
    public static string DelayMinutes(MailEvent e) =>
        (e.SentAt is { } sent && e.At > sent ? (long)(e.At - sent).TotalMinutes : 0).ToString(CultureInfo.InvariantCulture);

    /// <summary>The Dutch word for SendGrid's event, as history and page show it.</summary>
    public static string Dutch(string bounceType) => bounceType switch
    {
        MailEvent.Bounce => "geweigerd door de ontvangende server",
        MailEvent.Blocked => "geblokkeerd door de ontvangende server",
        MailEvent.Dropped => "niet verstuurd door SendGrid: het adres was eerder onbestelbaar of staat op een blokkadelijst",
        MailEvent.Deferred => "vertraagd, SendGrid probeert het opnieuw",
        MailEvent.SpamReport => "als spam gemeld",
        _ => bounceType,
    };

    private static Dictionary<string, string> Properties(MailEvent e, (string Key, string Value) extra) => new()
    {
        [TelemetryNames.Properties.RoundId] = e.RoundId ?? "",
        [TelemetryNames.Properties.Ministry] = e.Ministry ?? "",
        [TelemetryNames.Properties.Kind] = e.Kind?.ToString() ?? "",
        [TelemetryNames.Properties.SendGridMessageId] = e.SendGridMessageId ?? "",
        [extra.Key] = extra.Value,
    };

    private static string Noun(MailEvent e)
    {
        var noun = e.Kind is { } kind ? AuditActions.MailNoun(kind) : "bericht";
        return char.ToUpperInvariant(noun[0]) + noun[1..];
    }

    private static string For(MailEvent e) => e.Ministry is null ? "" : $" ({e.Ministry}{(e.Kind == MailKind.Escalation ? $", niveau {e.ContactLevel}" : "")})";
}
