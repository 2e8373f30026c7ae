using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace MigrationAgenda.Intake;

/// <summary>
/// HTML mail body → plain text for extraction. Uses a real HTML5 parser (AngleSharp) so that broken markup,
/// entities and comments are handled as a browser would; nothing executable or invisible survives
/// (script, style, head, template, comments). Blocks become paragraphs, &lt;br&gt; a newline, list items
/// "- " or "1. " lines (two spaces of indent per nesting level), and blockquotes (how Gmail, Apple Mail and
/// Thunderbird quote history) "&gt; " lines so that <see cref="ReplyStripper"/> removes them like quoted plain text.
/// Where Outlook and OWA start the history without quoting it (<c>&lt;hr&gt;</c>, <c>#appendonsend</c>,
/// <c>#divRplyFwdMsg</c>, the border-top div above the "Van:" block) a rule line is written, as Outlook's own
/// plain text part has it. Signature containers (Gmail, Thunderbird, OWA) are left out.
/// </summary>
public static class HtmlToText
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    { "script", "style", "head", "title", "template", "noscript", "iframe", "object", "embed", "svg", "math", "canvas", "select", "button", "input", "textarea" };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    { "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre", "section", "article", "header", "footer", "aside", "nav", "figure", "address", "hr", "main", "details", "fieldset", "form" };

    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase)
    { "div", "tr", "dt", "dd", "caption", "figcaption", "center", "summary", "legend" };

    /// <summary>What Outlook writes above the history in its plain text part; <see cref="ReplyStripper"/> cuts from it.</summary>
    internal const string HistoryRule = "________________________________";

    public static string Convert(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var document = new HtmlParser().ParseDocument(html);
        // Word/Outlook HTML puts every line in its own <p class=MsoNormal> with zero margins and marks real
        // paragraph breaks with an empty one; treating those <p> as lines keeps Outlook's layout.
        var outlook = document.QuerySelector("p.MsoNormal, .MsoNormal, .WordSection1") is not null;
        var writer = new Writer();
        if (document.Body is { } body) Walk(body, writer, outlook);
        return writer.ToString();
    }

    private static void Walk(INode node, Writer w, bool outlook)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    w.Text(text.Data);
                    break;
                case IElement element:
                    Element(element, w, outlook);
                    break;
                // Comments, processing instructions and the like never reach the text.
            }
        }
    }

    private static void Element(IElement e, Writer w, bool outlook)
    {
        var name = e.LocalName;
        if (Dropped.Contains(name) || IsHidden(e) || IsSignature(e)) return;
        if (StartsHistory(e))
        {
            w.Break(2);
            w.Raw(HistoryRule);
            w.Break(2);
        }
        switch (name)
        {
            case "br":
                w.LineBreak();
                return;
            case "hr":
                return; // written above as the history rule
            case "ul" or "ol":
                var start = name == "ol" && int.TryParse(e.GetAttribute("start"), out var s) ? s : 1;
                w.Lists.Push((name == "ol", start));
                w.Break(w.Lists.Count == 1 ? 2 : 1);
                Walk(e, w, outlook);
                w.Lists.Pop();
                w.Break(w.Lists.Count == 0 ? 2 : 1);
                return;
            case "li":
                w.Break(1);
                w.Raw(ListMarker(w));
                Walk(e, w, outlook);
                w.Break(1);
                return;
            case "td" or "th":
                w.Raw(w.AtLineStart ? "" : "\t");
                Walk(e, w, outlook);
                return;
            case "img":
                return; // Signature logos and tracking pixels are not contribution text.
            case "pre":
                w.Break(2);
                w.Preformatted(e.TextContent);
                w.Break(2);
                return;
            case "blockquote":
                w.Break(2);
                w.PushQuote();
                Walk(e, w, outlook);
                w.PopQuote();
                w.Break(2);
                return;
            case "p" when outlook:
                w.Break(1);
                Walk(e, w, outlook);
                w.EndOutlookParagraph();
                return;
        }
        if (Paragraphs.Contains(name))
        {
            w.Break(2);
            Walk(e, w, outlook);
            w.Break(2);
        }
        else if (Lines.Contains(name))
        {
            w.Break(1);
            Walk(e, w, outlook);
            w.Break(1);
        }
        else
        {
            Walk(e, w, outlook);
        }
    }

    /// <summary>"- " or the next number, indented two spaces per level of nesting.</summary>
    private static string ListMarker(Writer w)
    {
        if (w.Lists.Count == 0) return "- ";
        var (ordered, next) = w.Lists.Pop();
        w.Lists.Push((ordered, next + 1));
        return new string(' ', 2 * (w.Lists.Count - 1)) + (ordered ? $"{next}. " : "- ");
    }

    /// <summary>Outlook/OWA's markers of the start of unquoted history.</summary>
    private static bool StartsHistory(IElement e)
    {
        if (e.LocalName == "hr") return true;
        if (e.LocalName != "div") return false;
        if (e.Id is "divRplyFwdMsg" or "appendonsend") return true;
        var style = e.GetAttribute("style")?.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() ?? "";
        return style.Contains("border-top:solid", StringComparison.Ordinal);
    }

    /// <summary>Signature containers of Gmail, Thunderbird and OWA: not contribution text.</summary>
    private static bool IsSignature(IElement e) =>
        e.ClassList.Contains("gmail_signature") || e.ClassList.Contains("moz-signature") || e.Id is "Signature" or "signature";

    /// <summary>Text a reader never sees (preheaders, tracking text) is not part of what they wrote.</summary>
    private static bool IsHidden(IElement e)
    {
        if (e.HasAttribute("hidden")) return true;
        var style = e.GetAttribute("style");
        if (style is null) return false;
        var s = style.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return s.Contains("display:none", StringComparison.Ordinal) || s.Contains("visibility:hidden", StringComparison.Ordinal);
    }

    private sealed class Writer
    {
        private readonly StringBuilder _out = new();
        private readonly StringBuilder _line = new();
        private int _pendingBreak;
        private int _quoteDepth;
        private bool _lineHasText;

        /// <summary>Open lists, innermost on top: ordered or not, and the next item's number.</summary>
        public Stack<(bool Ordered, int Next)> Lists { get; } = new();

        public bool AtLineStart => _line.Length == 0;

        public void Text(string data)
        {
            // HTML collapses runs of ASCII whitespace; a non-breaking space is content and stays.
            var sb = new StringBuilder(data.Length);
            var lastSpace = _line.Length == 0 || _line[^1] == ' ';
            foreach (var c in data)
            {
                if (c is ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    if (!lastSpace) sb.Append(' ');
                    lastSpace = true;
                }
                else
                {
                    sb.Append(c);
                    lastSpace = false;
                }
            }
            if (sb.Length == 0 || (sb.Length == 1 && sb[0] == ' ' && _line.Length == 0)) return;
            Flush();
            if (_line.Length == 0 && sb[0] == ' ') sb.Remove(0, 1);
            _line.Append(sb);
            if (sb.ToString().Any(ch => !char.IsWhiteSpace(ch))) _lineHasText = true;
        }

        public void Raw(string s)
        {
            Flush();
            _line.Append(s);
        }

        public void Preformatted(string text)
        {
            Flush();
            var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0) EndLine();
                _line.Append(lines[i]);
                _lineHasText |= lines[i].Trim().Length > 0;
            }
        }

        public void Break(int level) => _pendingBreak = Math.Max(_pendingBreak, level);

        public void LineBreak()
        {
            // <br> always ends a line, also an empty one: Gmail's <div><br></div> is a blank line.
            Flush();
            EndLine();
            _pendingBreak = 0;
        }

        /// <summary>An Outlook paragraph with no text (<c>&lt;p&gt;&lt;o:p&gt;&amp;nbsp;&lt;/o:p&gt;&lt;/p&gt;</c>) is a blank line.</summary>
        public void EndOutlookParagraph()
        {
            if (!_lineHasText && _line.ToString().Trim(' ', '\u00A0').Length == 0)
            {
                _line.Clear();
                Break(2);
            }
            else
            {
                Break(1);
            }
        }

        public void PushQuote()
        {
            Flush();
            _quoteDepth++;
        }

        public void PopQuote()
        {
            Flush();
            EndLineIfAny();
            _quoteDepth--;
        }

        private void Flush()
        {
            if (_pendingBreak == 0) return;
            EndLineIfAny();
            if (_out.Length > 0)
            {
                if (_pendingBreak >= 2 && !EndsWithBlankLine()) _out.Append(QuotePrefix().TrimEnd()).Append('\n');
            }
            _pendingBreak = 0;
        }

        private bool EndsWithBlankLine()
        {
            if (_out.Length < 2) return _out.Length == 0;
            var s = _out.ToString();
            var lastNl = s.LastIndexOf('\n', s.Length - 2);
            var lastLine = s[(lastNl + 1)..^1];
            return lastLine.Trim('>', ' ', '\u00A0').Length == 0;
        }

        private void EndLineIfAny()
        {
            if (_line.Length > 0) EndLine();
        }

        private void EndLine()
        {
            var text = _line.ToString().TrimEnd(' ', '\u00A0', '\t');
            if (text.Trim(' ', '\u00A0', '\t').Length == 0) text = "";
            _out.Append(QuotePrefix()).Append(text);
            if (text.Length == 0 && _quoteDepth > 0) _out.Length -= 1; // "> " on an empty line is ">".
            _out.Append('\n');
            _line.Clear();
            _lineHasText = false;
        }

        private string QuotePrefix() => _quoteDepth == 0 ? "" : new string('>', _quoteDepth) + " ";

        public override string ToString()
        {
            EndLineIfAny();
            // Collapse runs of blank lines to one and trim blank lines at both ends.
            var lines = _out.ToString().Split('\n');
            var result = new List<string>();
            foreach (var line in lines)
            {
                var blank = line.Trim('>', ' ').Length == 0;
                if (blank && (result.Count == 0 || result[^1].Trim('>', ' ').Length == 0)) continue;
                result.Add(blank ? line.TrimEnd() : line);
            }
            while (result.Count > 0 && result[^1].Trim('>', ' ').Length == 0) result.RemoveAt(result.Count - 1);
            return string.Join('\n', result);
        }
    }
}
