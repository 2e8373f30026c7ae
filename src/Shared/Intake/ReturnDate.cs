using System.Globalization;
using System.Text.RegularExpressions;

namespace MigrationAgenda.Intake;

/// <summary>How an out-of-office text relates its date to the absence.</summary>
public enum ReturnDateMeaning
{
    /// <summary>Away up to and including the date: "afwezig tot en met 18 januari", "t/m 18-1", "until and including".</summary>
    AwayThrough,
    /// <summary>Away until the date, which may or may not be a working day again: "afwezig tot 18 januari", "out until January 18".</summary>
    AwayUntil,
    /// <summary>Back on the date: "vanaf 18 januari weer aanwezig", "back on January 18th", "I will return on 18/01".</summary>
    BackOn,
}

/// <summary>The date an out-of-office reply names, as it names it.</summary>
public sealed partial record ReturnDate(DateOnly Date, ReturnDateMeaning Meaning)
{
    /// <summary>The first day the person is back: the day after an "up to and including" date, else the date.</summary>
    public DateOnly FirstDayBack => Meaning == ReturnDateMeaning.AwayThrough ? Date.AddDays(1) : Date;

    private const RegexOptions Opts = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private const string Months =
        "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|" +
        "january|february|march|may|june|july|august|october|" +
        "jan|feb|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec";
    private const string Weekdays =
        "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo|" +
        "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun";

    // A date, optionally after a weekday: "18 januari 2027", "18th of January", "January 18th, 2027", "18-01-2027",
    // "18/1", "2027-01-18".
    private static readonly Regex DateExpression = new(
        $@"^(?:(?:{Weekdays})\.?,?\s+)?(?:de\s+|the\s+)?(?:" +
        $@"(?<d>\d{{1,2}})(?:st|nd|rd|th|e|ste|de)?\s+(?:of\s+)?(?<mn>{Months})\.?(?:,?\s+(?<y>\d{{4}}))?|" +
        $@"(?<mn>{Months})\.?\s+(?<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?<y>\d{{4}}))?|" +
        @"(?<iy>\d{4})-(?<im>\d{1,2})-(?<id>\d{1,2})|" +
        @"(?<nd>\d{1,2})[-/.](?<nm>\d{1,2})(?:[-/.](?<ny>\d{4}|\d{2}))?)(?![\d:])",
        Opts, Timeout);

    // What precedes the date says what it means. Longest phrases first so "tot en met" wins over "tot".
    private static readonly (Regex Phrase, ReturnDateMeaning Meaning)[] Phrases =
    [
        (new(@"\b(tot\s+en\s+met|t/m|until\s+and\s+including|up\s+to\s+and\s+including|through|thru)\s+", Opts, Timeout), ReturnDateMeaning.AwayThrough),
        (new(@"\b((weer|terug)\b[^.!?\n\d]{0,40}?\b(op|vanaf|per)|vanaf|from|(back|return|returns|returning|be\s+back)(\s+(on|from|in\s+the\s+office\s+on|in\s+the\s+office\s+from|to\s+the\s+office\s+on))?)\s+", Opts, Timeout), ReturnDateMeaning.BackOn),
        (new(@"\b(tot|until|till|til)\s+", Opts, Timeout), ReturnDateMeaning.AwayUntil),
    ];

    private static readonly Dictionary<string, int> MonthNumbers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["januari"] = 1, ["january"] = 1, ["jan"] = 1,
        ["februari"] = 2, ["february"] = 2, ["feb"] = 2,
        ["maart"] = 3, ["march"] = 3, ["mrt"] = 3, ["mar"] = 3,
        ["april"] = 4, ["apr"] = 4,
        ["mei"] = 5, ["may"] = 5,
        ["juni"] = 6, ["june"] = 6, ["jun"] = 6,
        ["juli"] = 7, ["july"] = 7, ["jul"] = 7,
        ["augustus"] = 8, ["august"] = 8, ["aug"] = 8,
        ["september"] = 9, ["sep"] = 9, ["sept"] = 9,
        ["oktober"] = 10, ["october"] = 10, ["okt"] = 10, ["oct"] = 10,
        ["november"] = 11, ["nov"] = 11,
        ["december"] = 12, ["dec"] = 12,
    };

    /// <summary>
    /// The first return date in <paramref name="text"/>: a date right after "tot en met", "tot", "vanaf … weer",
    /// "back on", "until", "return on" and the like (a weekday may stand between). A date without a year is the next
    /// such date on or after <paramref name="received"/>; without <paramref name="received"/> only dates with a year count.
    /// "vanaf" / "from" only count in a sentence that says the person is back ("weer", "terug", "back", "return").
    /// </summary>
    public static ReturnDate? Find(string text, DateOnly? received)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var best = (Index: int.MaxValue, Date: (ReturnDate?)null);
        foreach (var (phrase, meaning) in Phrases)
        {
            foreach (Match m in phrase.Matches(text.Length > 20_000 ? text[..20_000] : text))
            {
                if (m.Index >= best.Index) break;
                var after = text.AsSpan(m.Index + m.Length, Math.Min(60, text.Length - m.Index - m.Length)).ToString();
                if (Parse(after, received) is not { } date) continue;
                if (meaning == ReturnDateMeaning.BackOn && m.Value.Trim().ToLowerInvariant() is "vanaf" or "from" && !SaysBack(text, m.Index)) continue;
                best = (m.Index, new ReturnDate(date, meaning));
                break;
            }
        }
        return best.Date;
    }

    private static bool SaysBack(string text, int at)
    {
        var start = Math.Max(0, text.LastIndexOfAny(['.', '!', '?', '\n'], Math.Max(0, at - 1)) + 1);
        var end = text.IndexOfAny(['.', '!', '?', '\n'], at);
        var sentence = text[start..(end < 0 ? text.Length : end)];
        return BackWord().IsMatch(sentence);
    }

    /// <summary>A date at the start of <paramref name="text"/>, resolved against <paramref name="received"/>.</summary>
    public static DateOnly? Parse(string text, DateOnly? received)
    {
        var m = DateExpression.Match(text);
        if (!m.Success) return null;
        int day, month;
        int? year = null;
        if (m.Groups["mn"].Success)
        {
            day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
            month = MonthNumbers[m.Groups["mn"].Value];
            if (m.Groups["y"].Success) year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        }
        else if (m.Groups["iy"].Success)
        {
            year = int.Parse(m.Groups["iy"].Value, CultureInfo.InvariantCulture);
            month = int.Parse(m.Groups["im"].Value, CultureInfo.InvariantCulture);
            day = int.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture);
        }
        else
        {
            // Day first, as written in the Netherlands and in British English; month first only when the day cannot be one.
            day = int.Parse(m.Groups["nd"].Value, CultureInfo.InvariantCulture);
            month = int.Parse(m.Groups["nm"].Value, CultureInfo.InvariantCulture);
            if (month > 12 && day <= 12 && m.Value.Contains('/', StringComparison.Ordinal)) (day, month) = (month, day);
            if (m.Groups["ny"].Success)
            {
                var y = int.Parse(m.Groups["ny"].Value, CultureInfo.InvariantCulture);
                year = y < 100 ? 2000 + y : y;
            }
        }
        if (month is < 1 or > 12 || day < 1 || day > 31) return null;
        if (year is { } known)
            return day <= DateTime.DaysInMonth(known, month) ? new DateOnly(known, month, day) : null;
        if (received is not { } from) return null;
        // The next such date on or after receipt ("tot en met 4 januari", written on 28 December, is next year's).
        for (var candidate = from.Year; candidate <= from.Year + 4; candidate++)
        {
            if (day > DateTime.DaysInMonth(candidate, month)) continue;
            var date = new DateOnly(candidate, month, day);
            if (date >= from) return date;
        }
        return null;
    }

    [GeneratedRegex(@"\b(weer|terug|back|return|returning|again)\b", Opts, 1000)]
    private static partial Regex BackWord();
}
