using MigrationAgenda.Rounds;

namespace MigrationAgenda.Access;

/// <summary>How a caller reached the app.</summary>
public enum CallerKind
{
    /// <summary>Signed in through App Service Authentication.</summary>
    SignedIn,
    /// <summary>Standalone without sign-in.</summary>
    Local,
    /// <summary>A decision that arrived by e-mail (the approver's reply), vouched for by the mail's own checks.</summary>
    Mail,
}

/// <summary>
/// Who is asking, as every command, text change, release, reprocess, start and contacts edit records it.
/// <see cref="Actor"/> is what the audit log keeps (stable, never typed by the caller): the signed-in user's
/// e-mail/UPN in lower case (else "oid:&lt;object id&gt;"), "lokaal", or "mail:&lt;address&gt;";
/// <see cref="DisplayName"/> is what the timeline shows next to it.
/// </summary>
public sealed record Caller
{
    public const string LocalActor = "lokaal";
    public const string MailPrefix = "mail:";
    public const string ObjectIdPrefix = "oid:";

    public required string Actor { get; init; }
    public string? DisplayName { get; init; }
    /// <summary>The e-mail address or user principal name, lower case; what config lists and a round's approver address are compared with.</summary>
    public string? Email { get; init; }
    /// <summary>Every address the caller is known by (UPN, e-mail), lower case; <see cref="Email"/> is the first.</summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];
    /// <summary>The Entra object id, lower case.</summary>
    public string? ObjectId { get; init; }
    public required CallerRoles Roles { get; init; }
    public required CallerKind Kind { get; init; }

    public bool IsCoordinator => Roles.HasFlag(CallerRoles.Coordinator);

    /// <summary>Standalone without sign-in: one person on their own machine, with every role.</summary>
    public static Caller Local { get; } = new()
    {
        Actor = LocalActor, DisplayName = LocalActor, Roles = CallerRoles.Coordinator | CallerRoles.Approver, Kind = CallerKind.Local,
    };

    /// <summary>
    /// A decision by e-mail (approval by reply): the sender's address is the identity, once the mail's own checks
    /// (reply token, SPF/DKIM, the round's approver address) have vouched for it. It carries no configured role: it
    /// may approve a round whose approver address it is (<see cref="AccessPolicy"/>), nothing else.
    /// </summary>
    public static Caller FromMail(string address, string? displayName = null)
    {
        var email = address.Trim().ToLowerInvariant();
        return new Caller
        {
            Actor = MailPrefix + email, DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim(),
            Email = email, Addresses = [email], Roles = CallerRoles.None, Kind = CallerKind.Mail,
        };
    }

    /// <summary>True when this caller is the round's approver by address (the spec's "approver").</summary>
    public bool IsApproverOf(RoundPlan plan) =>
        Addresses.Contains(plan.Approver.Email.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Approves rounds in general (config or app role) or this round in particular (its approver address).</summary>
    public bool MayApprove(RoundPlan plan) => Roles.HasFlag(CallerRoles.Approver) || IsApproverOf(plan);
}
