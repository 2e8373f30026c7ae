using System.Text.Json;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.TestSupport;

/// <summary>
/// Round plans built from the shipped IMA definition (embedded in MigrationAgenda.Shared as
/// "definitions/ima.json"), so tests use the real titles and ministries rather than copies of them.
/// </summary>
public static class SamplePlans
{
    /// <summary>Friday 15 January 2027, 17:00 in Amsterdam (16:00 UTC).</summary>
    public static readonly DateTimeOffset Deadline = new(2027, 1, 15, 16, 0, 0, TimeSpan.Zero);

    public static readonly Contact Coordinator = new() { Name = "Coördinator IMA", Email = "coordinator@jenv.example" };
    public static readonly Contact Approver = new() { Name = "Directeur Migratiebeleid", Email = "approver@jenv.example" };

    public static ReportDefinition ImaDefinition()
    {
        var assembly = typeof(RoundPlan).Assembly;
        using var stream = assembly.GetManifestResourceStream("definitions/ima.json")
            ?? throw new InvalidOperationException($"No embedded resource definitions/ima.json in {assembly.GetName().Name}.");
        return JsonSerializer.Deserialize<ReportDefinition>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("definitions/ima.json is empty.");
    }

    /// <summary>The IMA round with every ministry of the definition taking part with its default contacts.</summary>
    public static RoundPlan Ima(string roundId = "ima-2021", int year = 2021, DateTimeOffset? deadline = null)
    {
        var definition = ImaDefinition();
        return new RoundPlan
        {
            RoundId = roundId,
            Year = year,
            Definition = definition,
            Deadline = deadline ?? Deadline,
            Schedule = new RoundSchedule
            {
                Reminders = [TimeSpan.FromDays(7), TimeSpan.FromDays(1)],
                Escalations = [TimeSpan.FromDays(2), TimeSpan.FromDays(5)],
                CutOff = TimeSpan.FromDays(10),
                ApprovalTimeout = TimeSpan.FromDays(3),
                ApprovalReminders = 2,
                ReopenPeriod = TimeSpan.FromDays(5),
            },
            Participants = definition.Ministries.Select(m => new Participant
            {
                Code = m.Code,
                Name = m.Name,
                Pillars = m.Pillars,
                Contacts = m.Contacts,
                AllowedSenders = m.AllowedSenders,
            }).ToList(),
            Approver = Approver,
            Coordinator = Coordinator,
            Reference = "3001668",
            CreatedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
            SpecHash = "sample",
        };
    }
}
