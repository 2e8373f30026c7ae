namespace MigrationAgenda.Access;

/// <summary>
/// What a caller may do. Coordinators run rounds (start, extend, close, cancel, reopen, texts, release, reprocess,
/// contacts, contributions by API); approvers approve (and reopen) a draft. Reading needs a caller, no role.
/// </summary>
[Flags]
public enum CallerRoles
{
    None = 0,
    Coordinator = 1,
    Approver = 2,
}
