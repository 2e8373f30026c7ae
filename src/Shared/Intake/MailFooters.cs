using System.Text.RegularExpressions;

namespace MigrationAgenda.Intake;

/// <summary>
/// What clients, servers and people put below the text of a mail, recognised by its form rather than by one fixed
/// string, and removed from the end (repeatedly, since they stack: signature, disclaimer, list footer):
/// <list type="bullet">
/// <item>mobile footers ("Verzonden vanaf mijn iPhone", "Sent from Outlook for Android", "Verzonden met BlackBerry
/// Work", "Sent via the Samsung Galaxy …"): a send verb, a preposition and a device or app, on a line of its own;</item>
/// <item>mailing-list footers (Google Groups, Mailman) and the RFC 3676 "-- " signature;</item>
/// <item>disclaimers: trailing paragraphs that open like one ("Dit bericht kan informatie bevatten", "De informatie in
/// dit e-mailbericht", "Aan dit bericht kunnen geen rechten worden ontleend", "This e-mail and any attachments",
/// "Disclaimer:") or are dense with its vocabulary (geadresseerde, abusievelijk, intended recipient …);</item>
/// <item>a signature block after a closing line ("Met vriendelijke groet,", "Groet, Jan", "Kind regards", "Best,"):
/// up to <see cref="MaxSignatureLines"/> short lines that read as a signature (names, functions, addresses, phone
/// "T 070 …", e-mail, URL, "Postbus", dotted rules: the Rijkshuisstijl block), never prose or a pillar heading;</item>
/// <item>a "-Jan" signature on the last line, and rules (dashes, dots, underscores) left at the end.</item>
/// </list>
/// </summary>
internal static partial class MailFooters
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private const RegexOptions Opts = RegexOptions.CultureInvariant;
    private const RegexOptions Ci = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>The longest signature block (name, function, organisation, addresses, phone …) after a closing line.</summary>
    public const int MaxSignatureLines = 20;

    private static readonly Regex MobileFooter = new(
        @"^\s*(?<verb>(?i:verzonden|verstuurd|gestuurd|sent|gesendet|envoyé|get|download|haal))\s+(?i:vanaf|vanuit|van|met|via|from|with|using|on|von|de|for|voor)?\s*(?<what>.{2,90}?)\s*(<https?://[^>\s]+>)?\s*[.!]?\s*$",
        Opts, Timeout);
    private static readonly Regex OutlookDownload = new(@"^\s*Outlook\s+(voor|for)\s+(iOS|Android)\s+(downloaden|ophalen|download)\s*(<https?://[^>\s]+>)?\s*$", Ci, Timeout);
    // Device and app names are matched with their capitals ("Mail", "Outlook"), so ordinary words do not count.
    private static readonly Regex Device = new(
        @"\b(iPhone|iPad|iPod|Apple|Android|Samsung|Galaxy|Outlook|BlackBerry|Mail|Gmail|Yahoo|Huawei|Xiaomi|Pixel|Nokia|Motorola|OnePlus|Xperia|Fairphone|T-Mobile|KPN|Vodafone|AT&T|Verizon|Windows|Surface|ProtonMail|Proton|K-9|Spark|Airmail|BlueMail|Thunderbird)\b|\b(?i:mobiel|mobiele|mobile|smartphone|telefoon|phone|tablet|apparaat|device)\b",
        Opts, Timeout);

    private static readonly Regex SignatureDash = new(@"^--\s?$", Opts, Timeout);
    // BlackBerry Work writes its footer over two lines: "Verzonden met BlackBerry Work" / "(www.blackberry.com)".
    private static readonly Regex FooterLink = new(@"^\s*\(?\s*(www\.|https?://)\S+\s*\)?\s*$", Ci, Timeout);
    private static readonly Regex Parenthesised = new(@"\([^)]*\)|\[[^\]]*\]", Opts, Timeout);
    private static readonly Regex ListFooterStart = new(
        @"^\s*(You received this message because you are subscribed|To unsubscribe from this group|To unsubscribe,? (send|e-?mail)|Je hebt dit bericht ontvangen,? omdat je (bent )?geabonneerd|Als je je wilt afmelden (bij|voor) deze groep|Unsubscribe:|Afmelden:)",
        Ci, Timeout);
    private static readonly Regex ListName = new(@"\b(mailing\s?list|mailinglijst|discussielijst)\s*$", Ci, Timeout);

    private static readonly Regex DisclaimerOpener = new(
        @"^\s*(\*+\s*)?(disclaimer\b|" +
        @"dit\s+(e-?mail)?bericht\s+(kan|is|en\s+(eventuele|de|alle)\s+bijlagen?|bevat|is\s+uitsluitend)|" +
        @"dit\s+e-?mail(bericht)?\b|" +
        @"de\s+informatie\s+(verzonden\s+)?in\s+(dit|deze)\s+(e-?mail)?(bericht)?|" +
        @"aan\s+(dit|deze)\s+(e-?mail)?(bericht)?\s+kunnen\s+geen\s+rechten|" +
        @"indien\s+u\s+(dit|deze)\s+(e-?mail)?(bericht)?\s+(ten\s+onrechte|abusievelijk|per\s+vergissing|onterecht)|" +
        @"this\s+(e-?mail|message|communication|electronic\s+message)(\s+and\s+any\s+(attachments?|files)(\s+to\s+it)?)?\s+(is|are|may|contains?|and)\b|" +
        @"the\s+information\s+(contained\s+)?in\s+this\s+(e-?mail|message|communication)|" +
        @"if\s+you\s+(are\s+not\s+the\s+intended|have\s+received\s+this\s+(e-?mail|message)\s+in\s+error)|" +
        @"confidentiality\s+notice|privileged\s*(/|and|&)\s*confidential|" +
        @"please\s+consider\s+the\s+environment|denk\s+aan\s+het\s+milieu|" +
        @"let\s+op:\s+dit\s+bericht)",
        Ci, Timeout);
    private static readonly Regex DisclaimerWord = new(
        @"\b(geadresseerde\w*|bestemd|vertrouwelijk\w*|geheimhouding|abusievelijk|ten\s+onrechte|verwijder\w*|vernietig\w*|verspreid\w*|openbaar\w*|aansprakelijk\w*|rechten|ontleend|afzender|ontvanger|intended|recipient|confidential\w*|in\s+error|delete|destroy|disclos\w*|liability|liable|addressee|privileged|prohibited|notify|unauthori[sz]ed|virus|viruses)\b",
        Ci, Timeout);

    private static readonly Regex Closing = new(
        @"^\s*(?<c>(?i:(met\s+)?(vriendelijke|hartelijke|collegiale|beste|warme|zonnige|fijne|hele\s+fijne)\s+groet(en)?|groet(en|jes)?|gr\.?|mvg|m\.v\.g\.?|vr\.?\s*gr\.?|hoogachtend|" +
        @"(kind|best|warm|warmest|many)\s+regards|with\s+(kind|best)\s+regards|regards|best(\s+wishes)?|all\s+the\s+best|cheers|yours\s+sincerely|sincerely|" +
        @"(?<thanks>(hartelijk\s+|alvast\s+|veel\s+|many\s+)?(dank|bedankt|thanks|thank\s+you)(\s+alvast)?)))" +
        @"\s*[,.!]?\s*(?<name>\p{Lu}[\p{L}’'.-]*(\s+(\p{Lu}[\p{L}’'.-]*|de|van|der|den|het|el|al|ter|ten)){0,3})?\s*$",
        Opts, Timeout);
    private static readonly Regex PillarHeading = new(@"^\s*[#*_\s]*(pijler|pillar)\s+\d{1,2}\b", Ci, Timeout);
    private static readonly Regex DashName = new(@"^\s*[-–—~](?<space>\s?)\p{Lu}[\p{L}’'.-]+(\s+(\p{Lu}[\p{L}’'.-]*|de|van|der|den|el|al|ter|ten)){0,3}\s*$", Opts, Timeout);
    private static readonly Regex ListItem = new(@"^\s*([-*•–]\s|\d{1,3}[.)]\s)", Opts, Timeout);

    public static bool IsMobileFooter(string line)
    {
        if (line.Length > 160) return false;
        if (OutlookDownload.IsMatch(line)) return true;
        var m = MobileFooter.Match(line);
        if (!m.Success) return false;
        var what = m.Groups["what"].Value;
        var verb = m.Groups["verb"].Value.ToLowerInvariant();
        // "Get Outlook for iOS", "Download Outlook voor Android": only Outlook's own line.
        if (verb is "get" or "download" or "haal") return what.StartsWith("Outlook", StringComparison.Ordinal);
        return what.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 12 && Device.IsMatch(what);
    }

    /// <summary>
    /// Removes mobile footer lines anywhere and the stack of trailing matter at the end. With
    /// <paramref name="senderName"/> (the From display name), a last line that is only that name, its first name or its
    /// initials ("Jan", "Jan de Vries", "JdV", "P.B.") is a sign-off too.
    /// </summary>
    public static void Strip(List<string> lines, string? senderName = null)
    {
        var names = NamesOf(senderName);
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (!IsMobileFooter(lines[i])) continue;
            if (i + 1 < lines.Count && FooterLink.IsMatch(lines[i + 1])) lines.RemoveAt(i + 1);
            lines.RemoveAt(i);
        }
        bool changed;
        do
        {
            TrimEnd(lines);
            changed = CutListFooter(lines) | CutSignatureDash(lines) | CutDisclaimer(lines) | CutClosing(lines) | CutDashName(lines) | CutNameOnly(lines, names) | CutRule(lines);
        }
        while (changed && lines.Count > 0);
    }

    private static void TrimEnd(List<string> lines)
    {
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
    }

    private static bool CutAt(List<string> lines, int index)
    {
        lines.RemoveRange(index, lines.Count - index);
        return true;
    }

    private static bool CutListFooter(List<string> lines)
    {
        for (var i = Math.Max(0, lines.Count - 25); i < lines.Count; i++)
        {
            var start = -1;
            if (ListFooterStart.IsMatch(lines[i])) start = i;
            else if (ReplyStripper.IsRule(lines[i]) && ReplyStripper.NextNonEmpty(lines, i) is { } n && ListName.IsMatch(lines[n])) start = i;
            if (start < 0) continue;
            // Google Groups puts "--" above its footer.
            var above = PreviousNonEmpty(lines, start);
            if (above is { } a && SignatureDash.IsMatch(lines[a])) start = a;
            return CutAt(lines, start);
        }
        return false;
    }

    private static bool CutSignatureDash(List<string> lines)
    {
        var dash = lines.FindLastIndex(l => SignatureDash.IsMatch(l));
        return dash >= 0 && CutAt(lines, dash);
    }

    /// <summary>Trailing paragraphs that are a disclaimer, by their opening or by their vocabulary.</summary>
    private static bool CutDisclaimer(List<string> lines)
    {
        var paragraphs = Paragraphs(lines);
        // From the first paragraph that opens like a disclaimer, if what follows it is not much text.
        for (var p = Math.Max(0, paragraphs.Count - 6); p < paragraphs.Count; p++)
        {
            var (start, end) = paragraphs[p];
            if (!DisclaimerOpener.IsMatch(lines[start])) continue;
            var after = lines.Skip(start).Sum(l => l.Length);
            if (after <= 3000) return CutAt(lines, WithRuleAbove(lines, start));
        }
        if (paragraphs.Count > 1 && IsDisclaimerByWords(lines, paragraphs[^1]))
            return CutAt(lines, WithRuleAbove(lines, paragraphs[^1].Start));
        return false;
    }

    private static bool IsDisclaimerByWords(List<string> lines, (int Start, int End) paragraph)
    {
        var text = string.Join(' ', lines.Skip(paragraph.Start).Take(paragraph.End - paragraph.Start + 1));
        if (text.Length > 3000 || !MessageWord().IsMatch(text)) return false;
        return DisclaimerWord.Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct().Count() >= 4;
    }

    /// <summary>
    /// The last closing line starts the signature when everything after it reads as a signature block. A thank-you
    /// closing that is all the text there is ("Bedankt!" above a name) stays: it is the message.
    /// </summary>
    private static bool CutClosing(List<string> lines)
    {
        for (var i = lines.Count - 1; i >= 0 && i >= lines.Count - MaxSignatureLines - 12; i--)
        {
            var m = lines[i].Length <= 120 ? Closing.Match(lines[i]) : Match.Empty;
            if (!m.Success) continue;
            var tail = lines.Skip(i + 1).Where(l => l.Trim().Length > 0).ToList();
            if (tail.Count > MaxSignatureLines || !tail.All(IsSignatureLine)) return false;
            var textAbove = lines.Take(i).Any(l => l.Trim().Length > 0);
            if (!textAbove && m.Groups["thanks"].Success)
            {
                lines.RemoveRange(i + 1, lines.Count - i - 1);
                return tail.Count > 0;
            }
            return CutAt(lines, i);
        }
        return false;
    }

    /// <summary>A line of a signature block: short, not prose, not a pillar heading.</summary>
    private static bool IsSignatureLine(string line)
    {
        var t = line.Trim();
        if (t.Length > 100 || PillarHeading.IsMatch(t)) return false;
        var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (words > 12) return false;
        var contact = t.Contains('@', StringComparison.Ordinal) || t.Contains("http", StringComparison.OrdinalIgnoreCase) || t.Contains("www.", StringComparison.OrdinalIgnoreCase);
        return contact || words < 9 || !".!?".Contains(t[^1], StringComparison.Ordinal);
    }

    /// <summary>"-Jan" or "- Jan de Vries" alone on the last line; "- Mali" closing a list stays.</summary>
    private static bool CutDashName(List<string> lines)
    {
        if (lines.Count == 0) return false;
        var m = DashName.Match(lines[^1]);
        if (!m.Success) return false;
        var above = PreviousNonEmpty(lines, lines.Count - 1);
        if (m.Groups["space"].Length > 0 && above is { } a && (a == lines.Count - 2 || ListItem.IsMatch(lines[a]))) return false;
        return CutAt(lines, lines.Count - 1);
    }

    /// <summary>The sender's name alone in the last paragraph, below text ("…\n\nJan"): a sign-off without a closing.</summary>
    private static bool CutNameOnly(List<string> lines, HashSet<string> names)
    {
        if (names.Count == 0 || lines.Count < 3) return false;
        var last = lines[^1];
        if (last.Trim().Length > 40 || lines[^2].Trim().Length > 0 || !names.Contains(NameKey(last))) return false;
        return lines.Take(lines.Count - 2).Any(l => l.Trim().Length > 0) && CutAt(lines, lines.Count - 1);
    }

    /// <summary>
    /// The ways a person signs with the display name "Jan de Vries" (also written "Vries, Jan de" or "Jan de Vries
    /// (SZW)"): the full name, the first name, first and last name, and the initials ("JdV", "JDV", "J.d.V."), compared
    /// without case, dots and spaces.
    /// </summary>
    private static HashSet<string> NamesOf(string? displayName)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(displayName)) return names;
        var name = Parenthesised.Replace(displayName, " ").Trim().Trim('"', '\'');
        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma > 0) name = name[(comma + 1)..].Trim() + " " + name[..comma].Trim();
        var parts = name.Split([' ', '-', '\u00A0'], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Any(char.IsLetter)).ToList();
        if (parts.Count == 0 || parts.Count > 6) return names;
        names.Add(NameKey(name));
        names.Add(NameKey(parts[0]));
        names.Add(NameKey(parts[0] + parts[^1]));
        names.Add(NameKey(string.Concat(parts.Select(p => p[0]))));
        return names;
    }

    private static string NameKey(string text) =>
        new(text.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());

    private static bool CutRule(List<string> lines) =>
        lines.Count > 0 && ReplyStripper.IsRule(lines[^1]) && CutAt(lines, lines.Count - 1);

    private static int WithRuleAbove(List<string> lines, int start) =>
        PreviousNonEmpty(lines, start) is { } a && ReplyStripper.IsRule(lines[a]) ? a : start;

    private static int? PreviousNonEmpty(List<string> lines, int i)
    {
        for (var j = i - 1; j >= 0; j--)
            if (lines[j].Trim().Length > 0) return j;
        return null;
    }

    /// <summary>Blank-line separated paragraphs as (first line, last line) indexes.</summary>
    private static List<(int Start, int End)> Paragraphs(List<string> lines)
    {
        var result = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= lines.Count; i++)
        {
            var blank = i == lines.Count || lines[i].Trim().Length == 0;
            if (!blank && start < 0) start = i;
            if (blank && start >= 0)
            {
                result.Add((start, i - 1));
                start = -1;
            }
        }
        return result;
    }

    [GeneratedRegex(@"\b(\w*bericht\w*|e-?mail\w*|message|communication)\b", Ci, 1000)]
    private static partial Regex MessageWord();
}
