using Microsoft.DurableTask.Client;
using MigrationAgenda.Access;
using MigrationAgenda.Intake;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Rounds;

/// <summary>
/// The one path a decision takes to its round, whoever gives it: the HTTP command route (page and scripts) and the
/// approver's reply by mail. It checks the caller may give it (<see cref="AccessPolicy"/>), stamps the caller as the
/// command's actor (never what a caller typed), raises the RoundCommand event and writes the audit entry. Whether the
/// command fits the round's phase is the caller's check before this (the HTTP route answers 409, the mail path
/// keeps a note).
/// </summary>
public sealed class RoundCommandSender(AuditLog audit, TimeProvider clock, ContributionEventBatcher contributions)
{
    /// <summary>Null when sent; else the Dutch reason the caller may not (nothing was sent).</summary>
    public async Task<string?> SendAsync(DurableTaskClient client, RoundPlan plan, RoundCommand command, Caller caller, CancellationToken cancellationToken)
    {
        if (AccessPolicy.Command(caller, command.Kind, plan) is { } refusal)
            return refusal;
        var stamped = command with { By = caller.Actor, ByName = caller.DisplayName };
        // Replies accepted before the click reach the round before it (they are told in the background, spaced).
        await contributions.DrainAsync(plan.RoundId);
        await client.RaiseEventAsync(plan.RoundId, RoundEvents.Command, stamped, cancellationToken);
        await audit.WriteAsync(plan.RoundId, caller, AuditActions.Command(command.Kind), Describe(stamped), clock.GetUtcNow(), cancellationToken);
        return null;
    }

    /// <summary>The audit entry's detail, in Dutch.</summary>
    public static string Describe(RoundCommand c) => c.Kind switch
    {
        RoundCommandKind.Extend => $"Deadline verlengd tot {c.Deadline:u}.",
        RoundCommandKind.Reopen => $"Heropend voor {c.Ministry}, pijler(s) {string.Join(", ", c.Pillars ?? [])}{(c.Draft is { } d ? $" (concept {d})" : "")}{(c.Note is null ? "" : $": {c.Note}")}",
        RoundCommandKind.Close => "De ronde wordt nu gesloten; het concept wordt samengesteld met wat binnen is.",
        RoundCommandKind.Approve => c.Draft is { } draft ? $"Concept {draft} wordt de definitieve brief." : "Het concept wordt de definitieve brief.",
        RoundCommandKind.Cancel => "De ronde wordt geannuleerd.",
        _ => AuditActions.Label(AuditActions.Command(c.Kind)),
    };
}
