using MigrationAgenda.Mail;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.Storage;

/// <summary>
/// The audit log's action names, written once, and the one table of their Dutch labels: the status API sends each
/// entry's label next to its stored action, and the page shows the label. Stored names never change; labels may.
/// </summary>
public static class AuditActions
{
    public const string RoundStarted = "round-started";
    public const string ContributionReceived = "contribution-received";
    public const string TextsChanged = "texts-changed";
    public const string MailQuarantined = "mail-quarantined";
    public const string MailReleased = "mail-released";
    public const string MailRefused = "mail-refused";
    public const string NoteCounted = "note-counted";
    public const string Approved = "approved";
    /// <summary>SendGrid reported a bounce, block or drop (Event Webhook).</summary>
    public const string MailUndeliverable = "mail-undeliverable";
    /// <summary>A recipient marked our mail as spam (Event Webhook).</summary>
    public const string MailSpamReport = "mail-spamreport";
    public const string MailReprocessed = "mail-reprocessed";
    public const string ContactsChanged = "contacts-changed";
    /// <summary>The round's orchestration failed (it can be resumed).</summary>
    public const string RoundFailed = "round-failed";
    /// <summary>A failed round was resumed from its stored state.</summary>
    public const string RoundResumed = "round-resumed";
    /// <summary>Next year's round was started from this (approved) round.</summary>
    public const string NextRoundStarted = "next-round-started";
    /// <summary>This round was started from last year's: which one, and where its contacts came from.</summary>
    public const string RoundContinued = "round-continued";
    /// <summary>The coordinator took last year's text over for a ministry's pillars ("geen wijzigingen").</summary>
    public const string LastYearAdopted = "last-year-adopted";
    /// <summary>A finished round's addresses and mail bodies were removed (the route or the retention run).</summary>
    public const string PersonalDataPurged = "personal-data-purged";

    /// <summary>The actors the code writes (others are addresses or names, shown as they are).</summary>
    public const string System = "system";
    public const string Coordinator = "coordinator";
    public const string Approver = "approver";

    private const string MailPrefix = "mail-";
    private const string PhasePrefix = "phase-";
    private const string CommandPrefix = "command-";

    /// <summary>A message of this kind was sent.</summary>
    public static string Mail(MailKind kind) => MailPrefix + kind.ToString().ToLowerInvariant();

    /// <summary>The round entered this phase.</summary>
    public static string Phase(string phase) => PhasePrefix + phase.ToLowerInvariant();

    /// <summary>The coordinator or approver gave this command.</summary>
    public static string Command(RoundCommandKind kind) => CommandPrefix + kind.ToString().ToLowerInvariant();

    /// <summary>The Dutch label of an action, as the timeline shows it.</summary>
    public static string Label(string action)
    {
        switch (action)
        {
            case RoundStarted: return "ronde gestart";
            case ContributionReceived: return "bijdrage ontvangen";
            case TextsChanged: return "teksten gewijzigd";
            case MailQuarantined: return "mail in quarantaine";
            case MailReleased: return "mail vrijgegeven";
            case MailRefused: return "mail geweigerd";
            case NoteCounted: return "notitie meegeteld als bijdrage";
            case Approved: return "goedgekeurd";
            case MailUndeliverable: return "mail niet bezorgd";
            case MailSpamReport: return "mail als spam gemeld";
            case MailReprocessed: return "mail opnieuw verwerkt";
            case ContactsChanged: return "contacten gewijzigd";
            case RoundFailed: return "ronde vastgelopen";
            case RoundResumed: return "ronde hervat";
            case NextRoundStarted: return "volgende ronde gestart";
            case RoundContinued: return "voortgezet uit vorig jaar";
            case LastYearAdopted: return "tekst van vorig jaar overgenomen";
            case PersonalDataPurged: return "persoonsgegevens verwijderd";
        }
        if (action.StartsWith(MailPrefix, StringComparison.Ordinal) && Enum.TryParse<MailKind>(action[MailPrefix.Length..], ignoreCase: true, out var kind))
            return $"{MailNoun(kind)} verstuurd";
        if (action.StartsWith(PhasePrefix, StringComparison.Ordinal)
            && RoundPhase.All.FirstOrDefault(p => p.Equals(action[PhasePrefix.Length..], StringComparison.OrdinalIgnoreCase)) is { } phase)
            return $"fase {RoundPhase.Dutch(phase).ToLowerInvariant()}";
        if (action.StartsWith(CommandPrefix, StringComparison.Ordinal) && Enum.TryParse<RoundCommandKind>(action[CommandPrefix.Length..], ignoreCase: true, out var command))
            return CommandLabel(command);
        // An action this version does not know (written by a newer one): say so in Dutch rather than show the code.
        return "overige gebeurtenis";
    }

    /// <summary>Who did it, in Dutch: the system's own actors translated, addresses and names as they are.</summary>
    public static string ActorLabel(string actor) => actor switch
    {
        System => "systeem",
        Coordinator => "coördinator",
        Approver => "goedkeurder",
        "api" => "API",
        Access.Caller.LocalActor => "lokaal",
        _ when actor.StartsWith(Access.Caller.MailPrefix, StringComparison.Ordinal) => $"per e-mail ({actor[Access.Caller.MailPrefix.Length..]})",
        _ => actor,
    };

    /// <summary>What a message of this kind is called in Dutch (lower case, for use inside a sentence).</summary>
    public static string MailNoun(MailKind kind) => kind switch
    {
        MailKind.Request => "verzoek",
        MailKind.Reminder => "herinnering",
        MailKind.Escalation => "escalatie",
        MailKind.DraftForApproval => "concept ter goedkeuring",
        MailKind.ApprovalReminder => "herinnering goedkeuring",
        MailKind.Final => "definitieve brief",
        MailKind.QuarantineNotice => "uitleg over quarantaine",
        MailKind.DeadlineChanged => "gewijzigde deadline",
        MailKind.RoundCancelled => "annulering",
        MailKind.DecisionConfirmed => "bevestiging van een besluit",
        MailKind.DecisionNotTaken => "antwoord op een reactie op het concept",
        _ => "bericht",
    };

    private static string CommandLabel(RoundCommandKind kind) => kind switch
    {
        RoundCommandKind.Extend => "deadline verlengd",
        RoundCommandKind.Close => "vervroegd gesloten",
        RoundCommandKind.Cancel => "geannuleerd",
        RoundCommandKind.Approve => "goedgekeurd",
        RoundCommandKind.Reopen => "heropend",
        RoundCommandKind.Redraft => "nieuw concept gevraagd",
        _ => "opdracht gegeven",
    };
}
