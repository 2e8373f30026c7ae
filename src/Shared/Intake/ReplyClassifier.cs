using System.Text.RegularExpressions;

namespace MigrationAgenda.Intake;

/// <summary>Why a reply's text is a note rather than letter text.</summary>
public enum NoteReason
{
    /// <summary>Fewer than <see cref="ReplyClassifier.ShortWords"/> words, no pillar heading and no text attachment.</summary>
    Short,
    /// <summary>An acknowledgement or a promise ("Dank, wij leveren vrijdag aan.", "Thanks, will send by Friday.").</summary>
    Acknowledgement,
    /// <summary>A message to the coordinator: a question, or words addressed to the reader ("kun jij …?", "I am …").</summary>
    Conversation,
    /// <summary>"Geen wijzigingen" / "no changes": last year's text may stand.</summary>
    NoChanges,
    /// <summary>The covering note that came with a contribution (above the headings, with an attachment, above a forward).</summary>
    Covering,
}

/// <summary>Text from a reply that is for the coordinator, not for the letter. Held for one click, never lost.</summary>
public sealed record ReplyNote(string Text, NoteReason Reason)
{
    /// <summary>The note says nothing changed since last year's text.</summary>
    public bool NoChanges => Reason == NoteReason.NoChanges;
}

/// <summary>
/// Tells a note from contribution text in a reply without pillar headings (and without a text attachment). The rule,
/// in order:
/// <list type="number">
/// <item>up to <see cref="MessageWords"/> words that say "geen wijzigingen" / "no changes": a NoChanges note;</item>
/// <item>up to <see cref="MessageWords"/> words with an acknowledgement or promise ("dank", "goed ontvangen",
/// "volgt vrijdag", "wij leveren … aan", "uitstel", "thanks", "will send"): an Acknowledgement note;</item>
/// <item>up to <see cref="MessageWords"/> words with a question, or addressed to the reader ("je", "jullie", "you"):
/// a Conversation note; below <see cref="PersonalWords"/> words also when the writer speaks as themselves
/// ("ik ben", "ik heb", "I am", "we will");</item>
/// <item>fewer than <see cref="ShortWords"/> words: a Short note (a pillar text in the letter is longer);</item>
/// <item>anything else is contribution text: a short paragraph that reads as letter prose (third person, no question,
/// no thanks) is the ministry's text.</item>
/// </list>
/// Salutations and covering lines are not counted (see <see cref="CoveringLines"/>). A note is held for the
/// coordinator's one click, never lost.
/// </summary>
public static class ReplyClassifier
{
    /// <summary>Below this many words a reply without a heading is a note whatever it says.</summary>
    public const int ShortWords = 20;
    /// <summary>Below this many words, first-person conversation ("ik ben", "I will") makes the reply a note.</summary>
    public const int PersonalWords = 40;
    /// <summary>Up to this many words an acknowledgement, "no changes", a question or a "you" makes the reply a note.</summary>
    public const int MessageWords = 80;
    /// <summary>A pillar section of at most this many words that opens with "geen wijzigingen" says only that.</summary>
    public const int NoChangesSectionWords = 20;

    private const RegexOptions Opts = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private static readonly Regex Word = new(@"[\p{L}\p{N}][\p{L}\p{N}’'.-]*", RegexOptions.CultureInvariant, Timeout);
    private static readonly Regex FootnoteMarker = new(@"\[\^[^\]\s]{1,32}\]", RegexOptions.CultureInvariant, Timeout);

    private static readonly Regex NoChangesPhrase = new(
        @"\bgeen\s+(inhoudelijke\s+)?(wijzigingen|wijziging|aanpassingen|aanpassing|veranderingen|updates?|aanvullingen)\b|\bongewijzigd\b|\bniet\s+gewijzigd\b|" +
        @"\bniets\s+(te\s+)?(wijzigen|veranderen|aanpassen|aan\s+te\s+passen|toe\s+te\s+voegen)\b|\b(tekst|bijdrage)\s+van\s+vorig\s+jaar\b|" +
        @"\bno\s+(changes?|updates?|amendments?)\b|\bunchanged\b|\bnothing\s+to\s+(add|change|update)\b|\blast\s+year'?s\s+(text|contribution)\b",
        Opts, Timeout);
    private static readonly Regex NoChangesOpening = new(
        @"^\W*((er\s+zijn\s+)?geen\s+(inhoudelijke\s+)?(wijzigingen|wijziging|aanpassingen|veranderingen|updates?)|ongewijzigd|niets\s+te\s+(wijzigen|melden)|" +
        @"(de\s+)?(tekst|bijdrage)\s+van\s+vorig\s+jaar\b.{0,60}\b(blijft|kan\s+blijven|staan|gebruiken|overnemen|handhaven|geldt)|" +
        @"(there\s+are\s+)?no\s+(changes?|updates?|amendments?)|unchanged|nothing\s+to\s+(add|change|update)|last\s+year'?s\s+text\b.{0,40}\b(stands|applies|can\s+(stay|remain|be\s+used)))\b",
        Opts, Timeout);
    private static readonly Regex Acknowledgement = new(
        @"^\W*((hartelijk|veel|alvast|many)\s+)?(dank|bedankt|dankjewel|dankuwel|thanks|thank\s+you|cheers)\b|" +
        @"^\W*((in\s+)?(goede\s+orde\s+)?ontvangen|received|noted)\b|" +
        @"\b(uw|je|jouw|jullie|het|de)\s+(verzoek|bericht|mail|e-mail|herinnering)\s+(is\s+)?((in\s+)?goede?\s+(orde\s+)?)?ontvangen\b|\b(goed|in\s+goede\s+orde)\s+ontvangen\b|" +
        @"\b(volgt|volgen|komt|komen)\s+(nog|later|zo|spoedig|zsm|z\.s\.m\.|morgen|vrijdag|maandag|dinsdag|woensdag|donderdag|binnenkort|deze\s+week|volgende\s+week|begin\s+volgende\s+week|eraan|er\s+aan)\b|" +
        @"\b(bijdrage|tekst|input|reactie|aanlevering)\s+(volgt|komt)\b|" +
        @"\b(wij|we|ik)\s+(leveren|sturen|zenden|mailen|geven)\b[^.?!]{0,80}\b(aan|toe|door|uiterlijk|morgen|vrijdag|maandag|later|nog|z\.s\.m\.|zsm)\b|\b(leveren|sturen)\s+(wij|we|ik)\b|" +
        @"\bkom(en)?\s+(er\s+)?([\p{L}.\s]{0,30}\s)?op\s+terug\b|\b(pak|pakken)\s+(het|dit|dat)\s+op\b|\bopgepakt\b|\bin\s+behandeling\b|\bdoorgezet\b|\buitgezet\b|\buitstel\b|" +
        @"\b(will|shall|'ll)\s+(send|follow|get\s+back|revert|provide|deliver|come\s+back|forward|share)\b|\bto\s+follow\b|" +
        @"\b(your|the)\s+(request|e-?mail|message|reminder)\s+(was\s+|is\s+|has\s+been\s+)?received\b|\bon\s+it\b|\bextension\b",
        Opts, Timeout);

    private static readonly Regex AddressesReader = new(@"\?|\b(je|jij|jou|jouw|jullie|you|your)\b", Opts, Timeout);
    private static readonly Regex Personal = new(
        @"\b(ik|wij|we)\s+(ben|zijn|heb|hebben|zal|zullen|kom|komen|stuur|sturen|zit|zitten|weet|weten|kan|kunnen|ga|gaan|wil|willen)\b|\b(i\s+am|i'm|i\s+have|i've|i\s+will|i'll|we\s+are|we're|we\s+will|we'll|we\s+have)\b",
        Opts, Timeout);

    /// <summary>Words in <paramref name="text"/>, footnote markers not counted.</summary>
    public static int Words(string text) => Word.Count(FootnoteMarker.Replace(text, " "));

    /// <summary>
    /// Why <paramref name="visibleText"/> (a reply without headings, its salutation and covering lines removed) is a
    /// note, or null when it is contribution text (or empty).
    /// </summary>
    public static NoteReason? Classify(string visibleText)
    {
        var words = Words(visibleText);
        if (words == 0) return null;
        if (words <= MessageWords && NoChangesPhrase.IsMatch(visibleText)) return NoteReason.NoChanges;
        if (words <= MessageWords && Acknowledgement.IsMatch(visibleText)) return NoteReason.Acknowledgement;
        if (words <= MessageWords && AddressesReader.IsMatch(visibleText)) return NoteReason.Conversation;
        if (words < PersonalWords && Personal.IsMatch(visibleText)) return NoteReason.Conversation;
        if (words < ShortWords) return NoteReason.Short;
        return null;
    }

    /// <summary>A pillar section that only says nothing changed ("Geen wijzigingen.", "Ongewijzigd t.o.v. vorig jaar.").</summary>
    public static bool SaysOnlyNoChanges(string sectionText) =>
        Words(sectionText) <= NoChangesSectionWords && NoChangesOpening.IsMatch(sectionText);
}
