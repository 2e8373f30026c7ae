using System.Globalization;
using System.Text.RegularExpressions;

namespace MigrationAgenda.Intake;

public enum ApprovalReplyKind
{
    /// <summary>The first line is "Akkoord" (any case, punctuation or a name after it).</summary>
    Approve,
    /// <summary>The first line starts with "Heropenen": a ministry, pillar numbers and a note for the ministry.</summary>
    Reopen,
    /// <summary>Anything else: a note for the coordinator.</summary>
    Note,
}

/// <summary>Why a "Heropenen" line is no reopen: as written (the reader), or against the round (intake).</summary>
public enum ReopenProblem
{
    /// <summary>"Heropenen" without a ministry ("Heropenen pijler 5").</summary>
    NoMinistry,
    /// <summary>"Heropenen SZW pijler" without a number.</summary>
    NoPillarNumber,
    /// <summary>The ministry named takes no part in the round.</summary>
    UnknownMinistry,
    /// <summary>A pillar named is not one the ministry writes.</summary>
    NotOwnedPillar,
}

/// <summary>
/// What the approver's reply to a draft says, read from its first line after intake's own stripping (quoted draft,
/// Outlook's header block, signature, mobile and list footers, disclaimers), so Outlook's answer above the quote and a
/// phone's "Verzonden vanaf mijn iPhone" read the same. A greeting line before it ("Beste Karin,") is passed over.
/// <list type="bullet">
/// <item><b>Akkoord</b>: "Akkoord", "akkoord.", "AKKOORD!", "Akkoord, Jan", "Akkoord – J. de Vries", "Akkoord, groet Jan":
/// the word alone, then at most punctuation and a name. "Akkoord?", "Akkoord, maar …", "Niet akkoord" and
/// "Akkoordverklaring" are no approval. What follows the first line is kept as a note.</item>
/// <item><b>Heropenen</b>: "Heropenen SZW pijler 5: graag de cijfers over 2020 toevoegen", "heropenen szw pijlers 5 en 6 -
/// …", "Heropenen SZW pijler 5, 6", "Heropenen SZW 5: …", "Heropenen pijler 5 van SZW: …"; without pillar numbers, all of
/// the ministry's pillars. The note is the rest of the line and the lines below it.</item>
/// <item>Anything else is a note.</item>
/// </list>
/// Which ministry and pillars exist is not this reader's business: intake checks them against the round.
/// </summary>
public sealed partial record ApprovalReply
{
    public required ApprovalReplyKind Kind { get; init; }
    /// <summary>The reply's own text after stripping: what a note keeps.</summary>
    public required string Text { get; init; }
    /// <summary>The line that decided (null for a note).</summary>
    public string? DecisionLine { get; init; }
    /// <summary>Reopen: the ministry as written, upper case (null when none is named).</summary>
    public string? Ministry { get; init; }
    /// <summary>Reopen: the pillar numbers as written, in order, without duplicates; empty: all the ministry's pillars.</summary>
    public IReadOnlyList<int> Pillars { get; init; } = [];
    /// <summary>Reopen: the note for the ministry; Approve: the text below the first line, for the coordinator. Null when there is none.</summary>
    public string? Note { get; init; }
    /// <summary>Reopen: why the line names no reopen (null when it does).</summary>
    public ReopenProblem? Problem { get; init; }

    /// <summary>Reads a reply as SendGrid delivered it: text/plain, else its HTML as text; stripped as intake strips every reply.</summary>
    public static ApprovalReply Read(InboundMessage message)
    {
        var body = !string.IsNullOrWhiteSpace(message.TextBody) ? message.TextBody : HtmlToText.Convert(message.HtmlBody);
        return Read(ReplyStripper.Strip(body ?? "", message.From.DisplayName), stripped: true);
    }

    /// <summary>Reads a reply's text; <paramref name="stripped"/>: quotes and signature are gone already.</summary>
    public static ApprovalReply Read(string text, bool stripped = false)
    {
        var visible = stripped ? text.Trim() : ReplyStripper.Strip(text);
        var lines = ReplyStripper.Normalise(visible).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = Unmark(lines[i]);
            if (line.Length == 0)
                continue;
            if (IsAkkoord(line))
                return new ApprovalReply { Kind = ApprovalReplyKind.Approve, Text = visible, DecisionLine = line, Note = Rest(lines, i + 1) };
            if (Heropenen().Match(line) is { Success: true } reopen)
                return ReadReopen(visible, line, reopen.Groups["rest"].Value, Rest(lines, i + 1));
            // "Beste Karin," before the decision; anything else on the first line makes the reply a note.
            if (!CoveringLines.IsSalutation(line))
                break;
        }
        return new ApprovalReply { Kind = ApprovalReplyKind.Note, Text = visible };
    }

    /// <summary>"Akkoord", then only punctuation, a closing word or a name: never a question, a "maar" or a lower-case sentence.</summary>
    private static bool IsAkkoord(string line)
    {
        var m = AkkoordLine().Match(line);
        if (!m.Success)
            return false;
        var rest = m.Groups["rest"].Value.Trim().TrimStart(',', '.', '!', ';', ':', '-', '–', '—').Trim();
        if (rest.Length == 0)
            return true;
        var signed = SignedRest().Match(rest);
        return signed.Success && !signed.Groups["name"].Captures.Any(c => Negation().IsMatch(c.Value));
    }

    private static ApprovalReply ReadReopen(string visible, string line, string rest, string? below)
    {
        string? ministry = null;
        var numbers = new List<int>();
        string tail;
        ReopenProblem? problem = null;
        if (MinistryFirst().Match(rest) is { Success: true } m && !IsPillarWord(m.Groups["ministry"].Value))
        {
            ministry = m.Groups["ministry"].Value.ToUpperInvariant();
            Numbers(m.Groups["numbers"].Value, numbers);
            if (m.Groups["word"].Success && numbers.Count == 0)
                problem = ReopenProblem.NoPillarNumber;
            tail = m.Groups["tail"].Value;
        }
        else if (PillarsFirst().Match(rest) is { Success: true } p)
        {
            Numbers(p.Groups["numbers"].Value, numbers);
            ministry = p.Groups["ministry"].Success ? p.Groups["ministry"].Value.ToUpperInvariant() : null;
            if (numbers.Count == 0)
                problem = ReopenProblem.NoPillarNumber;
            tail = p.Groups["tail"].Value;
        }
        else
        {
            tail = rest;
        }
        if (ministry is null)
            problem ??= ReopenProblem.NoMinistry;
        var note = string.Join("\n\n", new[] { tail.Trim().TrimStart(':', '-', '–', '—', ',', '.', ';').Trim(), below ?? "" }.Where(s => s.Length > 0));
        return new ApprovalReply
        {
            Kind = ApprovalReplyKind.Reopen, Text = visible, DecisionLine = line, Ministry = ministry, Pillars = numbers.Distinct().ToList(),
            Note = note.Length == 0 ? null : note, Problem = problem,
        };
    }

    private static void Numbers(string text, List<int> into)
    {
        foreach (Match n in Number().Matches(text))
            if (int.TryParse(n.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
                into.Add(number);
    }

    private static bool IsPillarWord(string word) => word.Equals("pijler", StringComparison.OrdinalIgnoreCase)
        || word.Equals("pijlers", StringComparison.OrdinalIgnoreCase) || word.Equals("pillar", StringComparison.OrdinalIgnoreCase)
        || word.Equals("pillars", StringComparison.OrdinalIgnoreCase);

    /// <summary>The lines below the decision, as one text; null when there are none.</summary>
    private static string? Rest(string[] lines, int from)
    {
        var rest = string.Join('\n', lines.Skip(from)).Trim();
        return rest.Length == 0 ? null : rest;
    }

    // Bold or quoted by an HTML conversion or by hand: **Akkoord**, "Akkoord".
    private static string Unmark(string line) => line.Trim().Trim('*', '_', '"', '\'', '“', '”', '‘', '’').Trim();

    [GeneratedRegex(@"^akkoord(?!\p{L})(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AkkoordLine();

    // After "Akkoord,": an optional closing word, then a name of capitalised words, initials and Dutch particles.
    [GeneratedRegex(@"^((?i:(met\s+)?(vriendelijke\s+)?groet(en)?|gr\.?|mvg|(hartelijk\s+)?dank(\s+(je|u))?(\s+wel)?|bedankt|thanks)(?!\p{L})[\s,.!]*)?((?<name>\p{Lu}[\p{L}’'.-]*)(\s+(?<name>\p{Lu}[\p{L}’'.-]*|van|de|der|den|het|ten|ter|te|el|al|von|da|du|le|la|'t)){0,5})?[\s.!]*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex SignedRest();

    [GeneratedRegex(@"^(niet|geen|nog|maar|behalve|mits|tenzij|onder|not|but)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Negation();

    [GeneratedRegex(@"^heropen(en)?(?!\p{L})[\s:,.\-–—]*(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Heropenen();

    // "SZW pijler 5, 6 en 7: …", "SZW pijlers 5 en 6 - …", "SZW 5: …", "SZW: …".
    [GeneratedRegex(@"^(?<ministry>\p{L}[\p{L}\d]{1,9})(?!\p{L})[\s,:\-–—]*((?<word>pijlers?|pillars?)(?!\p{L})\s*)?(?<numbers>\d{1,2}((\s*[,&/+]\s*|\s+(en|and)\s+|\s+)\d{1,2})*)?(?!\d)(?<tail>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MinistryFirst();

    // "pijler 5 van SZW: …", "pijlers 5 en 6 (SZW) - …".
    [GeneratedRegex(@"^(pijlers?|pillars?)(?!\p{L})\s*(?<numbers>\d{1,2}((\s*[,&/+]\s*|\s+(en|and)\s+|\s+)\d{1,2})*)?(?!\d)\s*((van|voor|bij|of|for)\s+|\(\s*)?(?<ministry>\p{L}[\p{L}\d]{1,9}(?!\p{L}))?\)?(?<tail>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PillarsFirst();

    [GeneratedRegex(@"\d{1,2}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Number();
}
