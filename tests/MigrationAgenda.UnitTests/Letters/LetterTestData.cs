using System.Text.Json;
using MigrationAgenda.Intake;
using MigrationAgenda.Letters;
using MigrationAgenda.Rounds;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>Builds letter inputs from the shipped IMA definition, so tests use the real titles and ministers.</summary>
internal static class LetterTestData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ReportDefinition Definition()
    {
        using var stream = typeof(LetterBuilder).Assembly.GetManifestResourceStream("definitions/ima.json")
            ?? throw new InvalidOperationException("definitions/ima.json is not embedded in MigrationAgenda.Shared");
        return JsonSerializer.Deserialize<ReportDefinition>(stream, Json)!;
    }

    /// <summary>A plan in which every ministry of the definition takes part (optionally only some).</summary>
    public static RoundPlan Plan(CoordinatorTexts? texts = null, string? reference = "3001668", params string[] only)
    {
        var definition = Definition();
        var participants = definition.Ministries
            .Where(m => only.Length == 0 || only.Contains(m.Code))
            .Select(m => new Participant
            {
                Code = m.Code,
                Name = m.Name,
                Pillars = m.Pillars,
                Contacts = [new Contact { Email = $"{m.Code.ToLowerInvariant()}@example.test" }],
                AllowedSenders = ["example.test"],
            })
            .ToList();
        var contact = new Contact { Email = "coordinator@example.test" };
        return new RoundPlan
        {
            RoundId = "ima-2021",
            Year = 2021,
            Definition = definition,
            Deadline = new DateTimeOffset(2020, 12, 1, 12, 0, 0, TimeSpan.Zero),
            Schedule = new RoundSchedule
            {
                Reminders = [],
                Escalations = [],
                CutOff = TimeSpan.FromDays(7),
                ApprovalTimeout = TimeSpan.FromDays(2),
                ApprovalReminders = 1,
                ReopenPeriod = TimeSpan.FromDays(3),
            },
            Participants = participants,
            Approver = contact,
            Coordinator = contact,
            Reference = reference,
            Texts = texts ?? new CoordinatorTexts(),
            CreatedAt = new DateTimeOffset(2020, 11, 1, 0, 0, 0, TimeSpan.Zero),
            SpecHash = "test",
        };
    }

    public static StoredContribution Contribution(string ministry, int pillar, string text, IReadOnlyList<Footnote>? footnotes = null, int version = 1) =>
        new()
        {
            RoundId = "ima-2021",
            Ministry = ministry,
            Pillar = pillar,
            Version = version,
            Text = text,
            Footnotes = footnotes ?? [],
            Sender = $"{ministry.ToLowerInvariant()}@example.test",
            Source = "mail",
            ReceivedAt = new DateTimeOffset(2020, 11, 20, 9, 0, 0, TimeSpan.Zero),
            SubmissionKey = $"{ministry}-{pillar}-{version}",
        };

    public static Footnote Note(string marker, string text) => new() { Marker = marker, Text = text };

    public static LetterInput Input(RoundPlan plan, IReadOnlyList<StoredContribution> contributions, LetterManifest? previous = null, int draft = 1) =>
        new()
        {
            Plan = plan,
            Contributions = contributions,
            DraftNumber = draft,
            Date = new DateOnly(2021, 1, 11),
            Previous = previous,
        };

    public static RenderedFile File(AssembledLetter letter, string format) => letter.Files.Single(f => f.Format == format);
}
