using MigrationAgenda.Intake;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Letters;

/// <summary>
/// Finds last year's text without guessing: the round names the round it follows (<c>PreviousRoundId</c>), that
/// round's final letter has a manifest naming the contribution version it used per ministry and pillar, and the
/// Contributions table holds that version. A pillar the ministry did not write in that letter (missing at approval,
/// or not its pillar then) has no text.
/// </summary>
public sealed class LastYearTexts(LetterStore letters, ContributionStore contributions)
{
    /// <returns>Null when the previous round has no final letter.</returns>
    public async Task<LastYearText?> ForAsync(string previousRoundId, string ministry, IReadOnlyList<int> pillars, CancellationToken cancellationToken)
    {
        var manifest = await letters.ReadManifestAsync(previousRoundId, LetterStore.Final, cancellationToken);
        if (manifest is null)
            return null;
        var used = manifest.Used
            .Where(u => string.Equals(u.Ministry, ministry, StringComparison.OrdinalIgnoreCase) && pillars.Contains(u.Pillar))
            .ToList();
        var stored = used.Count == 0 ? [] : await contributions.ListAsync(previousRoundId, cancellationToken);
        var texts = used
            .Select(u => stored.FirstOrDefault(c => string.Equals(c.Ministry, u.Ministry, StringComparison.OrdinalIgnoreCase) && c.Pillar == u.Pillar && c.Version == u.Version))
            .OfType<StoredContribution>()
            .Select(c => new PillarText { Pillar = c.Pillar, Text = c.Text, Footnotes = c.Footnotes })
            .OrderBy(t => t.Pillar)
            .ToList();
        return new LastYearText(previousRoundId, texts, pillars.Where(p => texts.All(t => t.Pillar != p)).Order().ToList());
    }
}
