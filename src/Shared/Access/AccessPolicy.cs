using MigrationAgenda.Rounds;

namespace MigrationAgenda.Access;

/// <summary>
/// The one table of who may do what, with the Dutch reason when not. Reading needs only a caller (the hosts refuse
/// a request without one in <see cref="AuthMode.AppService"/>); everything that changes a round or the contacts
/// needs the coordinator role; approving needs the approver role or the round's approver address; a reopen is a
/// review decision too, so coordinators and approvers may both ask for one.
/// </summary>
public static class AccessPolicy
{
    /// <summary>Null when the caller may do <paramref name="what"/> (a Dutch phrase: "een ronde starten"), else why not.</summary>
    public static string? Coordinate(Caller caller, string what) =>
        caller.IsCoordinator
            ? null
            : $"Alleen een coördinator mag {what}. U bent aangemeld als {Who(caller)}, zonder de rol Coördinator; " +
              "vraag de beheerder om die rol (app-rol 'Coordinator' of de instelling Auth:Coordinators).";

    /// <summary>Null when the caller may give this command in this round, else the Dutch reason.</summary>
    public static string? Command(Caller caller, RoundCommandKind kind, RoundPlan plan) => kind switch
    {
        RoundCommandKind.Approve => caller.MayApprove(plan)
            ? null
            : $"Alleen de goedkeurder van ronde '{plan.RoundId}' ({plan.Approver.Email}) of iemand met de rol Goedkeurder mag het concept " +
              $"goedkeuren. U bent aangemeld als {Who(caller)}{(caller.IsCoordinator ? ", als coördinator" : "")}; vraag de goedkeurder om het concept goed te keuren.",
        RoundCommandKind.Reopen => caller.IsCoordinator || caller.MayApprove(plan)
            ? null
            : $"Alleen een coördinator of de goedkeurder van ronde '{plan.RoundId}' mag een pijler heropenen. U bent aangemeld als {Who(caller)}.",
        _ => Coordinate(caller, CommandPhrase(kind)),
    };

    private static string Who(Caller caller) =>
        caller.DisplayName is { Length: > 0 } name && caller.Email is { Length: > 0 } email && !string.Equals(name, email, StringComparison.OrdinalIgnoreCase)
            ? $"{name} ({email})"
            : caller.Email ?? caller.DisplayName ?? caller.Actor;

    private static string CommandPhrase(RoundCommandKind kind) => kind switch
    {
        RoundCommandKind.Extend => "de deadline verlengen",
        RoundCommandKind.Close => "een ronde vervroegd sluiten",
        RoundCommandKind.Cancel => "een ronde annuleren",
        RoundCommandKind.Redraft => "de teksten van de brief wijzigen",
        _ => "deze opdracht geven",
    };
}
