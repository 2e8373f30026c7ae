using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MigrationAgenda.Rounds;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Mail;

/// <summary>
/// The one path every outgoing message takes (requests, reminders, escalations, drafts, the final notice and
/// quarantine notices), once per message id: claim the id in the <see cref="MailLedger"/>, send, record the
/// provider's receipt (retried in-process), and write the audit line from that record. A retried activity, a replayed
/// orchestration or a restarted host finds the record and sends nothing. A refused message (bad address) is recorded,
/// audited and does not stop the round; a transient failure gives the claim back and throws, so the activity is
/// retried by the orchestrator's retry policy. A message the provider took but whose record could not be written
/// (storage away longer than <see cref="MailOptions.RecordFor"/>) is remembered by this process, and the retry records
/// it instead of sending it: only a crash of the process in that state sends a message twice.
/// </summary>
public sealed class RoundMailer(
    RoundStore rounds, IMailSender sender, AuditLog audit, MailLedger ledger, IOptions<MailOptions> options, TimeProvider clock, ILogger<RoundMailer> logger)
{
    private readonly ConcurrentDictionary<(string Round, string Id), (LedgerEntry Claimed, MailReceipt Receipt)> _unrecorded = new();

    public async Task<RoundPlan> PlanAsync(string roundId) =>
        (await rounds.GetAsync(roundId, CancellationToken.None))?.Plan
        ?? throw new InvalidOperationException($"Round {roundId} is not stored.");

    /// <summary>Sends one message unless its id was sent before; returns false when the provider refused it for good.</summary>
    public async Task<bool> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var id = mail.MessageId ?? MessageIds.FromContent(mail);
        // SendGrid echoes custom args in its events: the id ties an event to its ledger row.
        mail = mail with { MessageId = id, CustomArgs = new Dictionary<string, string>(mail.CustomArgs) { ["messageId"] = id } };
        var to = string.Join(", ", mail.To.Select(c => c.Email));
        var ministry = mail.Ministry is null ? "" : $" ({mail.Ministry})";
        var wanted = new LedgerEntry
        {
            RoundId = mail.RoundId, MessageId = id, State = MailStates.Claimed, Kind = mail.Kind.ToString(), Ministry = mail.Ministry,
            RecipientHash = MailLedger.RecipientHashOf(mail.To.Concat(mail.Cc).Select(c => c.Email)),
            ClaimedAt = clock.GetUtcNow(), Detail = $"Aan {to}{ministry}: {mail.Subject}",
        };

        if (_unrecorded.TryGetValue((mail.RoundId, id), out var taken))
        {
            // Sent by an earlier attempt in this process, which could not record it: record it now, send nothing.
            var recorded = await RecordAsync(taken.Claimed, MailStates.Sent, taken.Receipt, cancellationToken);
            _unrecorded.TryRemove((mail.RoundId, id), out _);
            await AuditAsync(recorded, cancellationToken);
            return true;
        }

        var claim = await ledger.ClaimAsync(wanted, clock.GetUtcNow(), options.Value.EffectiveClaimTimeout, cancellationToken);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Done:
                // Sent (or refused) before: only the audit line may still be missing; it is written from the record.
                await AuditAsync(claim.Entry, cancellationToken);
                return claim.Entry.State == MailStates.Sent;
            case ClaimOutcome.Busy:
                throw new MailDeliveryException(
                    $"Mail {id} of round {mail.RoundId} is being sent by another attempt since {claim.Entry.ClaimedAt:u}; trying again later.", transient: true);
        }
        if (claim.Entry.Claims > 1)
            logger.LogWarning("Mail {MessageId} of round {Round}: an earlier send claimed it and left no record (claim {Claims}); sending again (at-least-once)",
                id, mail.RoundId, claim.Entry.Claims);

        MailReceipt receipt;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.SendTimeout);
            receipt = await sender.SendAsync(mail, timeout.Token);
        }
        catch (MailDeliveryException e) when (!e.Transient)
        {
            // The provider's answer goes to the log (no addresses there); the audit says in Dutch what was refused.
            logger.LogError("Mail {Kind} for round {Round}{Ministry} was refused: {Reason}", mail.Kind, mail.RoundId, ministry, e.Message);
            var refused = await RecordAsync(claim.Entry with
            {
                Detail = $"De mailprovider weigerde {AuditActions.MailNoun(mail.Kind)} aan {to}{ministry}; de melding staat in het logboek.",
            }, MailStates.Refused, new MailReceipt("refused", ""), cancellationToken);
            await AuditAsync(refused, cancellationToken);
            return false;
        }
        catch (Exception e) when (e is MailDeliveryException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Not taken (5xx, 429, unreachable, no answer in time): the claim goes back so the retry sends at once.
            await ReleaseAsync(claim.Entry);
            if (e is OperationCanceledException)
                throw new MailDeliveryException($"The mail provider did not answer within {options.Value.SendTimeout.TotalSeconds:0} s.", transient: true);
            throw;
        }

        LedgerEntry sent;
        try
        {
            sent = await RecordAsync(claim.Entry, MailStates.Sent, receipt, cancellationToken);
        }
        catch
        {
            _unrecorded[(mail.RoundId, id)] = (claim.Entry, receipt);
            throw;
        }
        await AuditAsync(sent, cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes the provider's answer on the claim, retrying in-process while storage is away: until it is written, a
    /// crash would leave a claim without a record, the one case where a message goes out twice.
    /// </summary>
    private async Task<LedgerEntry> RecordAsync(LedgerEntry claimed, string state, MailReceipt receipt, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + options.Value.RecordFor;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await ledger.RecordAsync(claimed, state, clock.GetUtcNow(), receipt.Channel, receipt.Reference, CancellationToken.None);
            }
            catch (Exception e) when (TransientFault.Is(e) && clock.GetUtcNow() < until)
            {
                logger.LogWarning("Recording mail {MessageId} of round {Round} as {State} failed ({Error}); trying again",
                    claimed.MessageId, claimed.RoundId, state, e.GetType().Name);
                await Task.Delay(delay, clock, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async Task ReleaseAsync(LedgerEntry claimed)
    {
        try
        {
            await ledger.ReleaseAsync(claimed, CancellationToken.None);
        }
        catch (Exception e) when (TransientFault.Is(e))
        {
            // The claim stays; the next attempt takes it over once it is older than the claim timeout.
            logger.LogWarning("Giving back the claim on mail {MessageId} of round {Round} failed ({Error})", claimed.MessageId, claimed.RoundId, e.GetType().Name);
        }
    }

    /// <summary>The audit line of a recorded message, keyed by its id and time: written again, it replaces itself.</summary>
    private Task AuditAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (entry.SentAt is not { } at)
            return Task.CompletedTask;
        var sent = entry.State == MailStates.Sent;
        var action = sent && Enum.TryParse<MailKind>(entry.Kind, out var kind) ? AuditActions.Mail(kind) : AuditActions.MailRefused;
        var detail = sent ? $"{entry.Detail} [{entry.Channel} {entry.Receipt}]" : entry.Detail;
        return audit.WriteOnceAsync(entry.RoundId, "mail|" + entry.MessageId, AuditActions.System, action, detail, at, cancellationToken);
    }
}
