using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MigrationAgenda.TestSupport.Intake;

public sealed record ExpectedFootnote(string Marker, string Text);

public sealed record ExpectedSection(int Pillar, string Text, IReadOnlyList<ExpectedFootnote>? Footnotes = null);

/// <summary>
/// What a corpus payload must come to, at each level the intake builds. A payload either fails to parse
/// (<see cref="ParseError"/>, nothing else asserted) or has all of: mode, sender, sender check and the extraction's
/// outcome with its details, every one asserted (a missing expectation fails the case; null lists mean "none").
/// Subject, ids and envelope are asserted when given.
/// </summary>
public sealed record CorpusExpectation
{
    /// <summary>InboundParseError name when parsing must fail; then nothing else is asserted.</summary>
    public string? ParseError { get; init; }
    public string? Mode { get; init; }
    public string? From { get; init; }
    public string? Subject { get; init; }
    public string? MessageId { get; init; }
    public string? InReplyTo { get; init; }
    public IReadOnlyList<string>? EnvelopeTo { get; init; }
    /// <summary>SenderCheckOutcome name.</summary>
    public string? Sender { get; init; }
    public bool? MayReply { get; init; }
    /// <summary>ExtractionOutcome name: Contribution, Note, Automatic or Rejected.</summary>
    public string? Outcome { get; init; }
    /// <summary>The exact text per pillar, in pillar order (Contribution).</summary>
    public IReadOnlyList<ExpectedSection>? Sections { get; init; }
    /// <summary>ExtractionRejection name (Rejected).</summary>
    public string? Rejection { get; init; }
    /// <summary>The rejection's details: pillars, file names, attachment error, size and limit (Rejected).</summary>
    public ExpectedRejectionDetails? RejectionDetails { get; init; }
    /// <summary>The note's exact text: the reply (Note) or the covering note (Contribution, Rejected); null: no note.</summary>
    public string? Note { get; init; }
    /// <summary>NoteReason name; with <see cref="Note"/>.</summary>
    public string? NoteReason { get; init; }
    /// <summary>AutomaticMailKind name (Automatic).</summary>
    public string? Automatic { get; init; }
    /// <summary>The out-of-office return date as "yyyy-MM-dd ReturnDateMeaning", or null for none (Automatic).</summary>
    public string? ReturnDate { get; init; }
    public bool Forwarded { get; init; }
    public IReadOnlyList<int>? NotOwed { get; init; }
    public IReadOnlyList<int>? UnchangedPillars { get; init; }
    public IReadOnlyList<string>? OtherAttachments { get; init; }
    /// <summary>Strings that must not appear anywhere in the extracted texts (script, quoted request, signature).</summary>
    public IReadOnlyList<string>? Absent { get; init; }
}

public sealed record ExpectedRejectionDetails
{
    public IReadOnlyList<int>? Pillars { get; init; }
    public IReadOnlyList<int>? OwedPillars { get; init; }
    public IReadOnlyList<string>? FileNames { get; init; }
    public string? AttachmentError { get; init; }
    public long? Size { get; init; }
    public long? Limit { get; init; }
}

public sealed record CorpusCase
{
    public required string File { get; init; }
    public required string Description { get; init; }
    public required string Ministry { get; init; }
    public required IReadOnlyList<int> Owed { get; init; }
    public required CorpusExpectation Expect { get; init; }
    /// <summary>A smaller per-pillar limit than the default, to test the too-large rule with a small payload.</summary>
    public int? MaxSectionChars { get; init; }
    [JsonIgnore] public Func<byte[]> Build { get; init; } = () => [];
}

/// <summary>
/// The intake corpus: realistic SendGrid posts with their expected outcome. The payload files and corpus.json in
/// tests/MigrationAgenda.UnitTests/Intake/Corpus are written from here (set INTAKE_CORPUS_REGENERATE=1 and run the
/// corpus tests); a test checks that the checked-in files still match.
/// </summary>
public static partial class IntakeCorpus
{
    public const string ReplyTo = "reply+ima-2021.szw.1.k3f.abcdefghijklm@inbound.migratieagenda.example";
    public const string CoordinatorAddress = "migratieagenda@jenv.example";
    public const string Coordinator = "Coördinatie Migratieagenda <" + CoordinatorAddress + ">";

    // Texts from the IMA progress letter of 11 January 2021 (shared/seed), as contributors would send them.
    public const string P1 = "Bewustwordingscampagnes over de risico’s van irreguliere migratie maken op creatieve manieren meer gebruik van digitale mogelijkheden zoals sociale media, en in de boodschappen die worden verspreid, wordt informatie over het Coronavirus en hygiëne meegenomen.";
    public const string P1b = "De door Nederland gefinancierde projecten gericht op migratiesamenwerking – zoals die gericht op het faciliteren van vrijwillige terugkeer vanuit transitlanden naar de landen van herkomst – lopen vertraging op.";
    public const string P2 = "In december 2019 vond, onder leiding van de VN-Vluchtelingenorganisatie (UNHCR), het eerste Global Refugee Forum plaats. Dit VN-Vluchtelingenpact roept – in lijn met de inzet van het kabinet - op tot steun voor landen die grote aantallen vluchtelingen opvangen.";
    public const string P2Fn = "Zo wordt vanuit de FRIT door middel van het Emergency Social Safety Net (ESSN) maandelijks financiële ondersteuning geboden aan 1.7 miljoen vluchtelingen om in de dagelijkse behoeftes te voorzien.[^1]";
    public const string Fn1 = "Kamerstukken II 2019/20, 28638, nr. 176.";
    public const string P4 = "Onder deze pijler vallen ook de Landelijke Vreemdelingenvoorzieningen (hierna: LVV’s). In de LVV’s wordt onderdak en begeleiding geboden aan migranten zonder recht op verblijf of rijksopvang indien zij meewerken aan een bestendige oplossing voor hun situatie.";
    public const string P4b = "Volgens het onderzoek ligt het totale aantal onrechtmatig in Nederland verblijvende vreemdelingen tussen 23.000 en 58.000.";
    public const string P4Fn = "Bij brief van 17 november 2020 is de Tweede Kamer geïnformeerd over de behaalde resultaten[^12] tot 1 november 2020.";
    public const string Fn12 = "Kamerstukken II 2020/21, 19637, nr. 2677.";
    public const string P5 = "In februari van 2020 heb ik de heer Groothuizen tijdens het Algemeen Overleg in de Tweede Kamer over het Vreemdelingenbeleid de toezegging gedaan het door hem gepresenteerde plan ‘Grip op migratie’ te bestuderen en in overleg met mijn collega van SZW tot een reactie te komen.";
    public const string P5b = "Hervestiging van vluchtelingen is, als gereguleerde overkomst van vluchtelingen, ook een vorm van legale migratie. Bij brief van 26 mei 2020 is de Tweede Kamer bericht over het vaststellen van het nationaal meerjarig beleidskader hervestiging 2020-2023.";
    public const string P6 = "Daarom hebben de leden van Landelijke Regietafel Migratie en Integratie een pakket aan ondersteuningsmaatregelen in de vorm van een handreiking uitgewerkt. Deze omvat onder andere de inzet van woningcorporaties bij het huisvesten van vergunninghouders, meer gebruik van zogeheten “tussenvoorzieningen” en het verstrekken van een bonus aan gemeenten bij snelle huisvesting.";
    /// <summary>Only Latin-1 characters: for true ISO-8859-1 bodies.</summary>
    public const string P6Latin = "Het kabinet hecht aan het behouden en vergroten van draagvlak voor migratie en integratie. Zo is de financiële regeling geëvalueerd en is de Tweede Kamer geïnformeerd over één traject.";

    public const string QuotedRequestOutlook =
        "Van: Coördinatie Migratieagenda <migratieagenda@jenv.example>\r\n" +
        "Verzonden: maandag 4 januari 2027 09:00\r\n" +
        "Aan: Jan de Vries <j.devries@szw.example>\r\n" +
        "Onderwerp: Verzoek bijdrage Voortgang Integrale Migratieagenda – SZW\r\n\r\n" +
        "Beste collega,\r\n\r\nGraag ontvangen wij uiterlijk 15 januari uw bijdrage voor Pijler 5 en Pijler 6.\r\n\r\n" +
        "Pijler 5\r\n\r\nGeef een korte stand van zaken.\r\n\r\nMet vriendelijke groet,\r\nCoördinatie Migratieagenda\r\n";

    public const string SignatureSzw =
        "Met vriendelijke groet,\r\n\r\nJan de Vries\r\nBeleidsmedewerker arbeidsmigratie en integratie\r\n" +
        "Ministerie van Sociale Zaken en Werkgelegenheid\r\nT 070 333 44 44\r\n";

    public const string Disclaimer =
        "Dit bericht kan informatie bevatten die niet voor u is bestemd. Indien u niet de geadresseerde bent of dit bericht abusievelijk aan u is toegezonden, wordt u verzocht dat aan de afzender te melden en het bericht te verwijderen.\r\n";

    public static IReadOnlyList<CorpusCase> Cases => [.. ParsedCases(), .. RawCases(), .. EverydayCases()];

    public static readonly JsonSerializerOptions ManifestJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Keep Dutch text readable in the manifest (’ – ë instead of \u escapes).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ManifestText() => JsonSerializer.Serialize(Cases, ManifestJson) + "\n";

    /// <summary>Writes every payload file and corpus.json into <paramref name="directory"/>.</summary>
    public static void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var c in Cases) System.IO.File.WriteAllBytes(Path.Combine(directory, c.File), c.Build());
        System.IO.File.WriteAllText(Path.Combine(directory, "corpus.json"), ManifestText(), new UTF8Encoding(false));
    }

    private static SendGridPost Parsed(string from, string subject, string? text, string? html = null,
        string spf = "pass", string? dkim = null, string envelopeFrom = "", Encoding? textEncoding = null, string? charsetLabel = null,
        string to = ReplyTo, string? messageId = null, string? inReplyTo = "<req-ima-2021-szw-1@migratieagenda.example>",
        string? extraHeaders = null, string date = "Mon, 4 Jan 2027 11:12:00 +0100", bool nullSender = false)
    {
        var fromAddress = from.Contains('<', StringComparison.Ordinal) ? from[(from.IndexOf('<', StringComparison.Ordinal) + 1)..^1] : from;
        var domain = fromAddress[(fromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];
        messageId ??= $"<{Math.Abs(StableHash(subject + text + html)):x}@{domain}>";
        var label = charsetLabel ?? (textEncoding is null ? "UTF-8" : textEncoding.WebName);
        var headers =
            $"Received: from mail.{domain} by mx.sendgrid.net with SMTP id abc123 for <{to}>; Mon, 04 Jan 2027 10:12:00 +0000 (UTC)\r\n" +
            $"Date: {date}\r\n" +
            $"From: {from}\r\n" +
            $"To: {to}\r\n" +
            $"Subject: {subject.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)}\r\n" +
            $"Message-ID: {messageId}\r\n" +
            (inReplyTo is null ? "" : $"In-Reply-To: {inReplyTo}\r\n") +
            (extraHeaders is null ? "" : Crlf(extraHeaders)) +
            "MIME-Version: 1.0\r\n";
        var post = new SendGridPost()
            .Field("headers", headers)
            .Field("dkim", dkim ?? $"{{@{domain} : pass}}")
            .Field("to", to)
            .Field("from", from);
        if (text is not null) post.Field("text", text, textEncoding);
        if (html is not null) post.Field("html", html, textEncoding);
        post.Field("sender_ip", "192.0.2.25")
            .Field("envelope", $"{{\"to\":[\"{to}\"],\"from\":\"{(nullSender ? "" : envelopeFrom.Length > 0 ? envelopeFrom : fromAddress)}\"}}")
            .Field("attachments", "0")
            .Field("subject", subject)
            .Field("spam_score", "0.011")
            .Field("charsets", $"{{\"to\":\"UTF-8\",\"html\":\"{label}\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\",\"text\":\"{label}\"}}")
            .Field("SPF", spf);
        return post;
    }

    private static SendGridPost Raw(string mime, string from, string spf = "pass", string? dkim = "", string to = ReplyTo, bool nullSender = false)
    {
        var fromAddress = from.Contains('<', StringComparison.Ordinal) ? from[(from.IndexOf('<', StringComparison.Ordinal) + 1)..^1] : from;
        var domain = fromAddress[(fromAddress.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var post = new SendGridPost();
        if (dkim is not null) post.Field("dkim", dkim.Length == 0 ? $"{{@{domain} : pass}}" : dkim);
        post.Field("email", mime)
            .Field("to", to)
            .Field("from", from)
            .Field("sender_ip", "192.0.2.25")
            .Field("envelope", $"{{\"to\":[\"{to}\"],\"from\":\"{(nullSender ? "" : fromAddress)}\"}}")
            .Field("subject", "Re: Verzoek bijdrage")
            .Field("spam_score", "0.1")
            .Field("charsets", "{\"to\":\"UTF-8\",\"subject\":\"UTF-8\",\"from\":\"UTF-8\"}");
        if (spf.Length > 0) post.Field("SPF", spf);
        return post;
    }

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s) h = unchecked(h * 31 + c);
        return h;
    }

    private static CorpusExpectation Accepted(params ExpectedSection[] sections) =>
        new() { Sender = "Allowed", MayReply = true, Outcome = "Contribution", Sections = sections, Absent = CommonAbsent };

    /// <summary>A note: the reply's visible text and why it is one.</summary>
    private static CorpusExpectation Noted(string text, string reason, string sender = "Allowed", bool mayReply = true) =>
        new() { Sender = sender, MayReply = mayReply, Outcome = "Note", Note = text, NoteReason = reason, Absent = CommonAbsent };

    private static CorpusExpectation Rejected(string rejection, ExpectedRejectionDetails details) =>
        new() { Sender = "Allowed", MayReply = true, Outcome = "Rejected", Rejection = rejection, RejectionDetails = details };

    private static readonly IReadOnlyList<string> CommonAbsent = ["Verzonden:", "Met vriendelijke groet", "Beleidsmedewerker", "Geef een korte stand", "Dit bericht kan informatie"];

    private static string Crlf(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);
}
