using System.Text.RegularExpressions;

namespace MigrationAgenda.Intake;

/// <summary>
/// The lines a reply opens with that are about the mail, not part of the contribution: a salutation ("Beste Jan,",
/// "Hallo,", "Dear colleagues,") and covering phrases from a list ("Hierbij onze bijdrage.", "Zie hieronder onze
/// tekst.", "Please find our input below.", "Dank voor je bericht.", "Excuses voor de vertraging."). Only whole lines of those shapes go: a first line of real text
/// ("Hieronder vallen ook de LVV’s.", "Graag wijs ik op …") always stays.
/// </summary>
public static partial class CoveringLines
{
    private const RegexOptions Opts = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // "Beste Jan,", "Goedemorgen allen!", "Dear colleagues," — a greeting word, then at most a few words of address.
    private static readonly Regex Salutation = new(
        @"^(beste|geachte|hallo|hoi|hey|hi|hello|dag|goedemorgen|goedemiddag|goedenavond|dear|good\s+(morning|afternoon))\b(?<rest>[^?;]{0,60}?)\s*(?<end>[,:!]?)$", Opts, Timeout);
    // "Pieter," or "Hoi Jan," without a greeting word: only names, then a comma or an exclamation mark.
    private static readonly Regex NameOnly = new(@"^\p{Lu}[\p{L}’'-]*(\s+\p{Lu}[\p{L}’'-]*){0,2}\s*[,!]$", RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex AddressWord = new(
        @"^(\p{Lu}[\p{L}’'.-]*|de|van|der|den|het|el|al|ter|ten|mevrouw|meneer|heer|collega|collega’s|collega's|collegae|allen|all|team|iedereen|everyone|colleagues|mevr\.|dhr\.)$", RegexOptions.CultureInvariant, Timeout);

    // Covering phrases: an opener, only small words, then a word for what is being sent, then at most a short tail.
    // Between opener and noun nothing of substance may stand, so "Hierbij is van belang dat de tekst …" is not
    // covering, and "Zie bijlage; pijler 6 volgt later." says more than that.
    private static readonly Regex Covering = new(
        @"^(hierbij|bijgaand|hieronder|onderstaand|in\s+de\s+bijlage|als\s+bijlage|zie|graag|namens|please\s+find|please\s+see|attached|enclosed|below|here\s+is|here's|herewith|see)\b" +
        @"(\s+(ik|wij|we|u|je|jij|jullie|stuur|sturen|zend|zenden|ontvang|ontvangt|ontvangen|treft|tref|vindt|vind|vinden|find|send|is|are|staat|staan|de|het|een|onze|ons|mijn|jouw|uw|our|my|the|hierbij|hieronder|bijgaand|below|attached|herewith|graag|alvast|dan|nog|toe|aan|van|voor|namens|please|you|will|as|requested|gevraagd|gevraagde|zoals|afgesproken|beloofd|agreed|promised|bz|bhos|szw|bzk|jenv|ministerie|directie|collega|mijn))*" +
        @"\s+(bijdrage|bijdragen|tekst|teksten|input|aanlevering|reactie|update|stukje|passage|passages|bijlage|contribution|contributions|text|texts|submission|attachment|document)\b" +
        // … and at most a short "van SZW", "voor pijler 5 en 6", "below": anything more says something.
        @"[^.;,:!?]{0,60}[.!:]?$",
        Opts, Timeout);
    private static readonly Regex CoveringAlone = new(@"^(zie\s+(de\s+)?bijlage|in\s+de\s+bijlage|bijgaand|see\s+attached|see\s+attachment|please\s+see\s+attached|attached)\s*[.!:]?$", Opts, Timeout);
    // Thanks for the request itself: "Dank voor je bericht.", "Thank you for your e-mail."
    // An apology for lateness: "Excuses voor de vertraging.", "Sorry voor de late reactie.", "Apologies for the delay."
    private static readonly Regex Apology = new(
        @"^(excuses|sorry|mijn\s+excuses|onze\s+excuses|apologies|my\s+apologies|our\s+apologies)\s+(voor|for)\s+(de|het|the|my|our|this)?\s*(vertraging|late\s+reactie|late\s+aanlevering|latere\s+reactie|delay|late\s+reply|late\s+response)\b[^.?!]{0,40}[.!]?$",
        Opts, Timeout);
    private static readonly Regex ThanksForRequest = new(
        @"^((hartelijk|veel|alvast)\s+)?(dank|bedankt|thanks|thank\s+you|many\s+thanks)\s+(je\s+|u\s+)?(wel\s+)?(voor|for)\s+(je|jullie|uw|het|de|your|the)\s+(bericht|mail|e-mail|email|verzoek|vraag|herinnering|message|request|reminder)\b[^.?!]{0,60}[.!]?$",
        Opts, Timeout);

    /// <summary>A greeting line such as "Beste Jan," or "Dear colleagues,".</summary>
    public static bool IsSalutation(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length > 80) return false;
        if (trimmed.Length <= 40 && NameOnly.IsMatch(trimmed)) return true;
        var m = Salutation.Match(trimmed);
        if (!m.Success) return false;
        if (m.Groups["end"].Length > 0) return true;
        // Without closing punctuation, what follows the greeting must be names or a form of address.
        var words = m.Groups["rest"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 4 && words.All(w => AddressWord.IsMatch(w));
    }

    /// <summary>A one-sentence line that only says what is sent ("Hierbij onze bijdrage.").</summary>
    public static bool IsCovering(string paragraph)
    {
        var p = paragraph.Trim();
        if (p.Length == 0 || p.Length > 200 || p.Contains('\n', StringComparison.Ordinal)) return false;
        if (SecondSentence().IsMatch(p)) return false; // a second sentence says something
        return CoveringAlone.IsMatch(p) || Covering.IsMatch(p) || ThanksForRequest.IsMatch(p) || Apology.IsMatch(p);
    }

    /// <summary>Removes leading salutations and covering lines from paragraphs (blank-line separated); returns the rest.</summary>
    public static string Drop(string paragraphs)
    {
        var list = paragraphs.Length == 0 ? [] : paragraphs.Split("\n\n").ToList();
        while (list.Count > 0)
        {
            var lines = list[0].Split('\n');
            if (IsSalutation(lines[0]))
            {
                if (lines.Length == 1) list.RemoveAt(0);
                else list[0] = string.Join('\n', lines.Skip(1));
                continue;
            }
            if (IsCovering(list[0]))
            {
                list.RemoveAt(0);
                continue;
            }
            break;
        }
        return string.Join("\n\n", list);
    }

    [GeneratedRegex(@"[.!?]\s+\p{Lu}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SecondSentence();
}
