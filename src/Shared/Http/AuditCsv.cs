using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MigrationAgenda.Rounds.Calendar;
using MigrationAgenda.Storage;

namespace MigrationAgenda.Http;

/// <summary>
/// A round's audit log as CSV for Excel and auditors: a header row, RFC 4180 quoting (CsvHelper), CRLF line ends,
/// UTF-8 with a byte order mark so Excel reads "coördinator" right, times in Europe/Amsterdam with their offset, and
/// cells that Excel would read as a formula (starting with = + - @, tab or carriage return) prefixed with a quote.
/// </summary>
public static class AuditCsv
{
    public static readonly string[] Header = ["Tijdstip", "Actor", "Naam", "Actie", "Omschrijving", "Details"];

    /// <param name="delimiter">"," (RFC 4180, the default) or ";" (what Excel in a Dutch locale splits on).</param>
    public static byte[] Write(IEnumerable<AuditEntry> entries, string delimiter = ",")
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter,
            NewLine = "\r\n",
            InjectionOptions = InjectionOptions.Escape,
            InjectionEscapeCharacter = '\'',
            // RFC 4180: a field with a line break is quoted, a bare LF too (the default only looks for NewLine itself).
            ShouldQuote = args => ConfigurationFunctions.ShouldQuote(args) || args.Field?.IndexOfAny(['\r', '\n']) >= 0,
        };
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(text, configuration))
        {
            foreach (var name in Header)
                csv.WriteField(name);
            csv.NextRecord();
            foreach (var e in entries)
            {
                csv.WriteField(AmsterdamTime.ToLocal(e.At).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
                csv.WriteField(e.Actor);
                csv.WriteField(e.ActorName ?? AuditActions.ActorLabel(e.Actor));
                csv.WriteField(e.Action);
                csv.WriteField(AuditActions.Label(e.Action));
                csv.WriteField(e.Detail);
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }
}
