using System.Globalization;
using Microsoft.DurableTask;
using MigrationAgenda.Letters;
using MigrationAgenda.Mail;
using MigrationAgenda.Storage;
using MigrationAgenda.Telemetry;

namespace MigrationAgenda.Rounds.Activities;

public sealed record DraftRequest(string RoundId, int Number, string? By = null, string? ByName = null);

/// <summary>What the reviewer needs to know about a draft, kept small for the orchestration history.</summary>
public sealed record DraftSummary(
    string RoundId, int Number, IReadOnlyList<MissingPillar> Missing, IReadOnlyList<PillarChange> Changes,
    IReadOnlyList<string> Warnings, IReadOnlyList<string> Blobs);

/// <summary>Builds draft n from the current contributions and the round's current texts, and stores it.</summary>
public sealed class AssembleDraft(
    RoundStore rounds, ContributionStore contributions, LetterStore letters, ILetterBuilder builder, TimeProvider clock, IOperatorEvents events)
    : TaskActivity<DraftRequest, DraftSummary>
{
    public override async Task<DraftSummary> RunAsync(TaskActivityContext context, DraftRequest request)
    {
        // The plan is read from the table, not the orchestration input: the coordinator may have edited its texts.
        var plan = (await rounds.GetAsync(request.RoundId, CancellationToken.None))?.Plan
                   ?? throw new InvalidOperationException($"Round {request.RoundId} is not stored.");
        var current = await contributions.LatestAsync(request.RoundId, CancellationToken.None);
        var previous = request.Number > 1
            ? await letters.ReadManifestAsync(request.RoundId, LetterStore.DraftVersion(request.Number - 1), CancellationToken.None)
            : null;
        var letter = builder.Build(new LetterInput
        {
            Plan = plan,
            Contributions = current,
            DraftNumber = request.Number,
            Date = DateOnly.FromDateTime(DutchFormat.ToLocal(clock.GetUtcNow()).DateTime),
            Previous = previous,
        });
        var blobs = await letters.WriteDraftAsync(request.RoundId, letter, CancellationToken.None);
        events.Track(TelemetryNames.DraftAssembled, new Dictionary<string, string>
        {
            [TelemetryNames.Properties.RoundId] = request.RoundId,
            [TelemetryNames.Properties.Draft] = request.Number.ToString(CultureInfo.InvariantCulture),
            [TelemetryNames.Properties.MissingPillars] = letter.Manifest.Missing.Count.ToString(CultureInfo.InvariantCulture),
            [TelemetryNames.Properties.Warnings] = letter.Manifest.Warnings.Count.ToString(CultureInfo.InvariantCulture),
        });
        return new DraftSummary(request.RoundId, request.Number, letter.Manifest.Missing, letter.Manifest.Changes, letter.Manifest.Warnings, blobs);
    }
}
