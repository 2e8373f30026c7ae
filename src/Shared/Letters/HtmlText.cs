using System.Text;

namespace MigrationAgenda.Letters;

/// <summary>
/// Encodes text for HTML element content and quoted attribute values. Only the five significant
/// characters are encoded; Dutch letters and typography stay as UTF-8 so the source remains readable.
/// </summary>
internal static class HtmlText
{
    public static StringBuilder AppendEncoded(this StringBuilder builder, string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var entity = text[i] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (entity is null)
                continue;
            builder.Append(text, start, i - start).Append(entity);
            start = i + 1;
        }
        return builder.Append(text, start, text.Length - start);
    }
}
