using System.Globalization;
using MigrationAgenda.Mail;
using MigrationAgenda.Standalone;
using MigrationAgenda.Storage;

namespace MigrationAgenda.LoadBench;

/// <summary>One webhook post: a SendGrid Inbound Parse body, its id as the service computes it, and what must become of it.</summary>
public sealed record BenchPost(byte[] Body, string Id, string Marker, BenchMinistry Ministry, bool Accepted, string Text, string From);

/// <summary>
/// Builds distinct replies as SendGrid posts them (parsed mode, via the demo's <see cref="InboundMail"/>): to a real
/// reply address signed with serve's key, SPF and DKIM passing for the sender's domain, each with its own Message-ID
/// and a text carrying a unique marker. Accepted ones come from the ministry's allowed domain; quarantined ones
/// from a domain that is not on its list (a valid token, an authenticated but unknown sender): one stranger writing
/// them all, who is sent one notice a day, or a stranger per reply, each of whom is sent one.
/// </summary>
public sealed class PostFactory(BenchRound round, ReplyToken tokens, string run, bool strangerPerReply)
{
    public const string StrangerDomain = "@elders.example";

    private static readonly string[] Paragraphs =
    [
        "Bewustwordingscampagnes over de risico’s van irreguliere migratie maken op creatieve manieren meer gebruik van digitale mogelijkheden, zoals sociale media en podcasts.",
        "In de regio ondersteunt Nederland de opvang van vluchtelingen en ontheemden met meerjarige programma’s voor onderwijs, werk en bescherming.",
        "De Regietafel heeft een handreiking uitgewerkt voor gemeenten over de begeleiding van statushouders naar werk en de combinatie met taalonderwijs.",
        "Het aantal aanvragen voor de kennismigrantenregeling steeg opnieuw; de IND verkortte de doorlooptijd met gemiddeld acht dagen.",
        "Met de Handhaving- en Toezichtlocatie is een voorziening beschikbaar voor vreemdelingen die overlast veroorzaken in de opvang.",
        "De samenwerking met herkomstlanden op terugkeer krijgt vorm in brede migratiepartnerschappen met afspraken over legale routes.",
    ];

    /// <summary><paramref name="index"/> picks the ministry round-robin, so concurrent posts go to different ministries.</summary>
    public BenchPost Create(string kind, int index, bool accepted)
    {
        var ministry = round.Answering[index % round.Answering.Count];
        var marker = $"LB{run}-{kind}{index.ToString("D5", CultureInfo.InvariantCulture)}";
        var to = tokens.ReplyAddress(round.RoundId, ministry.Code, 1, DateTimeOffset.UtcNow);
        var text = $"{Paragraphs[index % Paragraphs.Length]} {Paragraphs[(index / Paragraphs.Length + 1) % Paragraphs.Length]} (meting {marker})";
        var body =
            $"Beste collega's,\r\n\r\nHierbij de bijdrage van {ministry.Code} voor pijler {ministry.Pillar}.\r\n\r\nPijler {ministry.Pillar}\r\n\r\n{text}\r\n\r\n" +
            $"Met vriendelijke groet,\r\nBeleidsmedewerker {ministry.Code}\r\n\r\n" +
            "Op 4 januari 2027 om 11:12 schreef Integrale Migratieagenda <migratieagenda@noreply.example>:\r\n" +
            $"> Geachte collega,\r\n>\r\n> Graag ontvangen wij uw bijdrage voor pijler {ministry.Pillar} van de voortgangsbrief.\r\n> Antwoord op dit bericht; uw tekst mag in de mail of als .docx-bijlage.\r\n";
        var html = "<html><body>" + string.Concat(body.Split("\r\n").Select(l => $"<p>{System.Net.WebUtility.HtmlEncode(l)}</p>")) + "</body></html>";
        var from = accepted ? ministry.Sender : strangerPerReply ? $"beleid{marker}{StrangerDomain}" : "beleid" + StrangerDomain;
        var payload = InboundMail.Reply(from, to, $"RE: Verzoek om bijdrage pijler {ministry.Pillar}", body)
            .Field("html", html)
            .Build();
        return new BenchPost(payload, InboundStore.Sha256(payload), marker, ministry, accepted, text, from);
    }

    public IReadOnlyList<BenchPost> Batch(string kind, int count, bool accepted, ref int next)
    {
        var list = new List<BenchPost>(count);
        for (var i = 0; i < count; i++)
            list.Add(Create(kind, next++, accepted));
        return list;
    }
}
