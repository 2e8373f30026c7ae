using MigrationAgenda.Rounds;

namespace MigrationAgenda.TestSupport;

/// <summary>Round specs on the shipped IMA definition with test contacts and short schedules.</summary>
public static class SampleRounds
{
    public static readonly Contact Approver = new() { Email = "dg@jenv.example", Name = "DG Migratie" };
    public static readonly Contact Coordinator = new() { Email = "coordinator@jenv.example", Name = "Coördinator IMA" };

    public static MinistrySpec Ministry(string code, params int[] pillars) => new()
    {
        Code = code,
        Pillars = pillars.Length == 0 ? null : pillars,
        Contacts =
        [
            new Contact { Level = 0, Email = $"officer@{code.ToLowerInvariant()}.example", Name = $"Beleidsmedewerker {code}" },
            new Contact { Level = 1, Email = $"head@{code.ToLowerInvariant()}.example", Name = $"Afdelingshoofd {code}" },
            new Contact { Level = 2, Email = $"director@{code.ToLowerInvariant()}.example", Name = $"Directeur {code}" },
        ],
        AllowedSenders = [$"{code.ToLowerInvariant()}.example"],
    };

    /// <summary>BHOS writes pillar 2 and BZK pillar 6, unless other ministries are given.</summary>
    public static RoundSpec Spec(string roundId, DateTimeOffset deadline, ScheduleSpec? schedule = null, params MinistrySpec[] ministries) => new()
    {
        RoundId = roundId,
        Year = 2027,
        DefinitionName = "ima",
        Deadline = deadline,
        Schedule = schedule ?? new ScheduleSpec
        {
            Reminders = [], Escalations = [], CutOff = "PT1M", ApprovalTimeout = "PT1M", ApprovalReminders = 0, ReopenPeriod = "PT1M",
        },
        Ministries = ministries.Length > 0 ? ministries : [Ministry("BHOS", 2), Ministry("BZK", 6)],
        Approver = Approver,
        Coordinator = Coordinator,
        Reference = "3001668",
    };
}
