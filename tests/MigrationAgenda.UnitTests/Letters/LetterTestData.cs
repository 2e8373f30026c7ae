using MigrationAgenda.Intake;
using MigrationAgenda.Letters;
using MigrationAgenda.Rounds;
using MigrationAgenda.TestSupport;

namespace MigrationAgenda.UnitTests.Letters;

/// <summary>Builds letter inputs from the shipped IMA definition, so tests use the real titles and ministers.</summary>
internal static class LetterTestData
{
    public static ReportDefinition Definition() => SamplePlans.ImaDefinition();

    /// <summary>A plan in which every ministry of the definition takes part (optionally only some).</summary>
    public static RoundPlan Plan(CoordinatorTexts? texts = null, string? reference = "3001668", params string[] only)
    {
        var plan = SamplePlans.Ima();
        return plan with
        {
            Participants = plan.Participants.Where(p => only.Length == 0 || only.Contains(p.Code)).ToList(),
            Reference = reference,
            Texts = texts ?? new CoordinatorTexts(),
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
