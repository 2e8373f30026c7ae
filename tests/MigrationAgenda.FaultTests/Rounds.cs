using MigrationAgenda.Rounds;

namespace MigrationAgenda.FaultTests;

/// <summary>The rounds the fault tests run: twenty ministries with one pillar each, so twenty requests and twenty replies.</summary>
public static class Rounds
{
    public static readonly Contact Approver = new() { Email = "dg@coord.example", Name = "DG" };

    public static string Code(int n) => $"M{n:D2}";

    public static string Domain(int n) => $"m{n:D2}.example";

    public static string NewId(string name) => $"{name}-{Guid.NewGuid():N}"[..20];

    /// <summary>A definition of <paramref name="ministries"/> ministries, ministry Mnn writing pillar nn.</summary>
    public static ReportDefinition Definition(int ministries) => new()
    {
        Name = "fault-test",
        Title = "Voortgangsbrief fouttest",
        Pillars = Enumerable.Range(1, ministries).Select(n => new PillarDefinition { Number = n, Title = $"Onderwerp {n}" }).ToList(),
        Ministries = Enumerable.Range(1, ministries).Select(n => new MinistryDefinition
        {
            Code = Code(n), Name = $"Ministerie {n}", Minister = $"de minister van Onderwerp {n}", CoSigner = true, Pillars = [n],
        }).ToList(),
        Letter = new LetterFields { Subject = "Voortgang fouttest", SignatoryTitle = "De minister van Onderwerp 1", CoordinatingMinistry = Code(1) },
    };

    /// <summary>A round of twenty ministries; the default schedule sends nothing but the requests for minutes.</summary>
    public static RoundSpec Spec(string roundId, int ministries = 20, DateTimeOffset? deadline = null, ScheduleSpec? schedule = null) => new()
    {
        RoundId = roundId,
        Year = 2027,
        Definition = Definition(ministries),
        Deadline = deadline ?? DateTimeOffset.UtcNow.AddMinutes(30),
        Schedule = schedule ?? new ScheduleSpec
        {
            Reminders = [], Escalations = [], CutOff = "PT30M", ApprovalTimeout = "PT30M", ApprovalReminders = 0, ReopenPeriod = "PT30M",
        },
        Ministries = Enumerable.Range(1, ministries).Select(n => new MinistrySpec
        {
            Code = Code(n),
            Contacts = [new Contact { Level = 0, Email = $"officer@{Domain(n)}" }, new Contact { Level = 1, Email = $"head@{Domain(n)}" }],
            AllowedSenders = [Domain(n)],
        }).ToList(),
        Approver = Approver,
        Coordinator = new Contact { Email = "coordinator@coord.example", Name = "Coördinator" },
    };

    /// <summary>Ministry n's reply to its request: its pillar's heading and a paragraph of letter text.</summary>
    public static byte[] Reply(IReadOnlyDictionary<string, string> replyTo, int n) =>
        FaultRig.Reply(replyTo[Code(n)], $"officer@{Domain(n)}", $"Re: Verzoek om bijdrage ({Code(n)})",
            $"Pijler {n}\r\n\r\nIn 2026 heeft ministerie {n} de afspraken over onderwerp {n} met de gemeenten en de uitvoeringsorganisaties "
            + "uitgewerkt tot een gezamenlijk programma, met extra aandacht voor de uitvoering in de regio.\r\n\r\nMet vriendelijke groet,\r\nBeleid");
}
