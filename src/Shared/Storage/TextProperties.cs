using Azure.Data.Tables;

namespace MigrationAgenda.Storage;

/// <summary>
/// A long text on a Table entity: a string property holds 64 KiB (32K UTF-16 characters), so the text is split over
/// numbered properties <c>{name}0</c>, <c>{name}1</c> … with their count in <c>{name}Chunks</c>.
/// </summary>
internal static class TextProperties
{
    public const int ChunkChars = 30_000;

    public static void Write(TableEntity entity, string name, string text)
    {
        var chunks = text.Chunk(ChunkChars).Select(chars => new string(chars)).ToList();
        entity[name + "Chunks"] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++)
            entity[name + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = chunks[i];
    }

    public static string Read(TableEntity entity, string name)
    {
        var chunks = entity.GetInt32(name + "Chunks") ?? 0;
        return string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(name + i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}
