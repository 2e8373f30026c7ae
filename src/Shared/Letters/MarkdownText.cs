using System.Text;

namespace MigrationAgenda.Letters;

/// <summary>
/// Escapes plain text for CommonMark/GFM so a contribution cannot create links, images, HTML, code,
/// emphasis or block structure. '&lt;', '&gt;' and '&amp;' become entities, so no raw HTML can appear in the file;
/// otherwise only characters that can start such syntax are escaped, so ordinary Dutch text ("1.7 miljoen",
/// "(ESSN)", "–", "’") stays readable and unchanged.
/// </summary>
internal static class MarkdownText
{
    public static void AppendEscaped(StringBuilder builder, string text, bool atLineStart)
    {
        var start = 0;
        if (atLineStart)
            start = EscapeLineStart(builder, text);
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '!' or '|' or '~' or '{' or '}':
                    builder.Append('\\').Append(c);
                    break;
                // Markup characters as HTML entities, as the HTML letter has them: the .md holds no '<' from a reply
                // at all, so no renderer or viewer can take any of it for a tag, and "&lt;" stays the text "&lt;".
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    public static string Escape(string text, bool atLineStart = true)
    {
        var builder = new StringBuilder(text.Length + 16);
        AppendEscaped(builder, text, atLineStart);
        return builder.ToString();
    }

    /// <summary>
    /// Block syntax only counts at the start of a line: headings (#), quotes (&gt;), list items
    /// (-, +, *, "1." / "1)"), setext/thematic lines (=, -), and indented code. Returns how many
    /// characters were written already.
    /// </summary>
    private static int EscapeLineStart(StringBuilder builder, string text)
    {
        if (text.Length == 0)
            return 0;
        var c = text[0];
        if (c is '#' or '+' or '-' or '=' or ' ')
        {
            if (c == ' ')
                builder.Append("&#32;");
            else
                builder.Append('\\').Append(c);
            return 1;
        }
        var digits = 0;
        while (digits < text.Length && digits < 10 && char.IsAsciiDigit(text[digits]))
            digits++;
        if (digits > 0 && digits < text.Length && text[digits] is '.' or ')')
        {
            builder.Append(text, 0, digits).Append('\\').Append(text[digits]);
            return digits + 1;
        }
        return 0;
    }
}
