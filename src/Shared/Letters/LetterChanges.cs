namespace MigrationAgenda.Letters;

/// <summary>
/// What changed per pillar between two drafts, as paragraphs added and removed. Compared as multisets
/// of plain text (footnote numbers left out, since they shift whenever an earlier section changes),
/// so a reviewer sees edited paragraphs as one removed and one added, and reordering as no change.
/// </summary>
public static class LetterChanges
{
    public static IReadOnlyList<PillarChange> Compare(
        IReadOnlyDictionary<int, IReadOnlyList<string>> previous,
        IReadOnlyDictionary<int, IReadOnlyList<string>> current,
        Func<int, string> title)
    {
        var changes = new List<PillarChange>();
        foreach (var pillar in previous.Keys.Union(current.Keys).Order())
        {
            var before = previous.TryGetValue(pillar, out var b) ? b : [];
            var after = current.TryGetValue(pillar, out var a) ? a : [];
            var added = Subtract(after, before);
            var removed = Subtract(before, after);
            if (added.Count > 0 || removed.Count > 0)
                changes.Add(new PillarChange(pillar, title(pillar), added, removed));
        }
        return changes;
    }

    /// <summary>Items of <paramref name="items"/> not matched one-for-one in <paramref name="minus"/>, in order.</summary>
    private static List<string> Subtract(IReadOnlyList<string> items, IReadOnlyList<string> minus)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in minus)
            counts[item] = counts.GetValueOrDefault(item) + 1;
        var result = new List<string>();
        foreach (var item in items)
        {
            if (counts.TryGetValue(item, out var count) && count > 0)
                counts[item] = count - 1;
            else
                result.Add(item);
        }
        return result;
    }
}
