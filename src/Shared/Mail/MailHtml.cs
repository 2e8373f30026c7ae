using System.Text;
using MigrationAgenda.Letters;

namespace MigrationAgenda.Mail;

/// <summary>
/// The HTML part is the plain text, escaped, in paragraphs: one source of wording, and clients that
/// prefer HTML show the same message (indentation and list lines preserved).
/// </summary>
public static class MailHtml
{
    public static string FromText(string text)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"nl\"><body style=\"font-family:Verdana,Arial,sans-serif;font-size:10pt\">");
        var paragraphs = text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        foreach (var paragraph in paragraphs)
        {
            var lines = paragraph.Split('\n').Select(l => HtmlText.Encode(l).Replace("  ", "&nbsp; "));
            html.Append("<p>").Append(string.Join("<br>", lines)).Append("</p>");
        }
        return html.Append("</body></html>").ToString();
    }
}
