using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace MigrationAgenda.Letters;

/// <summary>
/// The one HTML encoder of the app (letter and mail bodies): System.Text.Encodings.Web's, with every Unicode range
/// allowed so Dutch letters and typography stay readable UTF-8; markup characters, controls and unassigned code
/// points are always encoded.
/// </summary>
internal static class HtmlText
{
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);

    public static StringBuilder AppendEncoded(this StringBuilder builder, string text) => builder.Append(Encoder.Encode(text));
}
