using System.Globalization;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.LoadBench;

/// <summary>
/// The round the load goes to: an inline definition with many ministries of one pillar each (so concurrent replies
/// rarely compete for the same version number, and a reply without headings is never ambiguous), one more ministry
/// that never answers (so the round keeps collecting), and a schedule of weeks so no timer fires during the run.
/// </summary>
public sealed class BenchRound
{
    public const string SilentMinistry = "STIL";

    public BenchRound(string roundId, int answering)
    {
        RoundId = roundId;
        Answering = Enumerable.Range(1, answering).Select(i => new BenchMinistry($"B{i:D2}", (i - 1) % 6 + 1)).ToList();
    }

    public string RoundId { get; }
    public IReadOnlyList<BenchMinistry> Answering { get; }

    public RoundSpec Spec(DateTimeOffset now)
    {
        var ministries = Answering.Append(new BenchMinistry(SilentMinistry, 1)).Select(m => new MinistryDefinition
        {
            Code = m.Code,
            Name = $"Ministerie {m.Code}",
            Minister = $"de minister van {m.Code}",
            CoSigner = true,
            Pillars = [m.Pillar],
            Contacts = [new Contact { Level = 0, Name = $"Beleidsmedewerker {m.Code}", Email = $"officer@{m.Domain}" }],
            AllowedSenders = [m.Domain],
        }).ToList();
        return new RoundSpec
        {
            RoundId = RoundId,
            Year = now.Year,
            Definition = new ReportDefinition
            {
                Name = "loadbench",
                Title = "Voortgang Integrale Migratieagenda (meting)",
                Pillars = Enumerable.Range(1, 6).Select(p => new PillarDefinition { Number = p, Title = $"Pijler {p.ToString(CultureInfo.InvariantCulture)}" }).ToList(),
                Ministries = ministries,
                Letter = new LetterFields { Subject = "Voortgang Integrale Migratieagenda", SignatoryTitle = "De Staatssecretaris van Justitie en Veiligheid" },
            },
            Deadline = now.AddDays(30),
            Schedule = new ScheduleSpec
            {
                Reminders = ["P7D"], Escalations = ["P1D"], CutOff = "P5D", ApprovalTimeout = "P3D", ApprovalReminders = 0, ReopenPeriod = "P5D",
            },
            Approver = new Contact { Email = "dg@jenv.example", Name = "DG Migratie" },
            Coordinator = new Contact { Email = "coordinator@jenv.example", Name = "Coördinator IMA" },
            Reference = "loadbench",
        };
    }
}

public sealed record BenchMinistry(string Code, int Pillar)
{
    public string Domain => $"{Code.ToLowerInvariant()}.example";
    public string Sender => $"officer@{Domain}";
}
