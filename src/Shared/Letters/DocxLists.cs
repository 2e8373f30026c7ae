using DocumentFormat.OpenXml.Wordprocessing;

namespace MigrationAgenda.Letters;

/// <summary>
/// The DOCX letter's numbering part. Bulleted items share one list (numId 1); every numbered list gets a w:num of
/// its own that restarts at the contributor's first number, so two ministries' "1." lists each count from 1.
/// Levels indent by 0.63 cm, as Word's default lists do.
/// </summary>
internal sealed class DocxLists
{
    public const int Levels = 9;
    private const int BulletList = 1;
    private const int BulletDefinition = 0;
    private const int NumberDefinition = 1;
    private static readonly string[] Bullets = ["•", "–", "▪"];

    private readonly List<(int NumId, int Level, int Start)> _numbered = [];
    private int? _current;
    private int _currentLevel;

    /// <summary>
    /// The numId for <paramref name="item"/>. A numbered item continues the running numbered list when the item before
    /// it belongs to that list (a numbered item, or a deeper item nested in it); otherwise it starts a new one.
    /// </summary>
    public int NumberingFor(LetterParagraph item, LetterParagraph? previous)
    {
        if (!item.Ordered)
        {
            // A bullet at or above the running numbered list's own level ends it.
            if (item.ListLevel <= _currentLevel) _current = null;
            return BulletList;
        }
        var continues = _current is not null && previous?.Kind == LetterParagraphKind.ListItem
            && (previous.Ordered || previous.ListLevel > item.ListLevel);
        if (!continues)
        {
            _current = BulletList + 1 + _numbered.Count;
            _currentLevel = item.ListLevel;
            _numbered.Add((_current.Value, Math.Min(item.ListLevel, Levels - 1), Math.Max(0, item.Number)));
        }
        return _current!.Value;
    }

    public Numbering Numbering()
    {
        var numbering = new Numbering(Definition(BulletDefinition, bullet: true), Definition(NumberDefinition, bullet: false),
            new NumberingInstance(new AbstractNumId { Val = BulletDefinition }) { NumberID = BulletList });
        foreach (var (numId, level, start) in _numbered)
            numbering.Append(new NumberingInstance(
                new AbstractNumId { Val = NumberDefinition },
                new LevelOverride(new StartOverrideNumberingValue { Val = start }) { LevelIndex = level })
            { NumberID = numId });
        return numbering;
    }

    private static AbstractNum Definition(int id, bool bullet)
    {
        var definition = new AbstractNum(new MultiLevelType { Val = MultiLevelValues.HybridMultilevel }) { AbstractNumberId = id };
        for (var level = 0; level < Levels; level++)
        {
            definition.Append(new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = bullet ? NumberFormatValues.Bullet : NumberFormatValues.Decimal },
                new LevelText { Val = bullet ? Bullets[level % Bullets.Length] : $"%{level + 1}." },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = (357 * (level + 1)).ToString(), Hanging = "357" }))
            { LevelIndex = level });
        }
        return definition;
    }
}
