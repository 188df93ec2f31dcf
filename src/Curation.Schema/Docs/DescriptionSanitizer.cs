using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Curation.Schema.Docs;

/// <summary>Makes the HTML found in <c>--/D</c> and <c>--/T</c> texts safe to show: a small whitelist of tags is kept, everything else is escaped.</summary>
/// <remarks>
/// Kept tags: <c>b i em strong sub sup br p a table tr td th code span</c>. Kept attributes: <c>class</c> (letters, digits,
/// <c>-</c>, <c>_</c> and spaces), <c>border</c> (digits) and, on <c>a</c> only, <c>href</c> when it is an <c>http</c>,
/// <c>https</c> or relative address. Any other tag (<c>&lt;script&gt;</c>, <c>&lt;img&gt;</c>, comments) is shown as text,
/// other attributes (<c>onclick</c>, <c>style</c>) are dropped. Character references (<c>&amp;lt;</c>) are kept; a bare
/// <c>&amp;</c> is escaped. Kept tags are balanced: a closing tag with no open tag is dropped, and tags left open are
/// closed at the end, so a description can never close the page's own table cell.
/// </remarks>
public static partial class DescriptionSanitizer
{
    private static readonly HashSet<string> AllowedTags =
        ["b", "i", "em", "strong", "sub", "sup", "br", "p", "a", "table", "tr", "td", "th", "code", "span"];

    private static readonly HashSet<string> VoidTags = ["br"];

    // A start or end tag: name, then attributes (name, or name=value with a quoted or bare value), then an optional '/'.
    [GeneratedRegex("""\G<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""")]
    private static partial Regex Tag();

    [GeneratedRegex("""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")]
    private static partial Regex Attribute();

    // A character reference: named, decimal or hexadecimal.
    [GeneratedRegex(@"\G&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")]
    private static partial Regex CharacterReference();

    [GeneratedRegex(@"^[A-Za-z0-9_\- ]*$")]
    private static partial Regex SafeClass();

    [GeneratedRegex(@"^[0-9]{1,3}$")]
    private static partial Regex SafeBorder();

    /// <summary>The sanitised HTML for <paramref name="html"/>; null or empty gives the empty string.</summary>
    public static string Sanitize(string? html)
    {
        if (string.IsNullOrEmpty(html))
            return "";
        var sb = new StringBuilder(html.Length + 16);
        var open = new List<string>();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            switch (c)
            {
                case '<':
                    var tag = Tag().Match(html, i);
                    if (tag.Success && AllowedTags.Contains(tag.Groups[2].Value.ToLowerInvariant()))
                    {
                        var name = tag.Groups[2].Value.ToLowerInvariant();
                        if (tag.Groups[1].Length > 0)
                            CloseTag(sb, open, name);
                        else
                            OpenTag(sb, open, name, tag.Groups[3].Value);
                        i += tag.Length;
                    }
                    else
                    {
                        sb.Append("&lt;");
                        i++;
                    }

                    break;
                case '&':
                    var reference = CharacterReference().Match(html, i);
                    if (reference.Success)
                    {
                        sb.Append(reference.Value);
                        i += reference.Length;
                    }
                    else
                    {
                        sb.Append("&amp;");
                        i++;
                    }

                    break;
                case '>':
                    sb.Append("&gt;");
                    i++;
                    break;
                case '\0':
                    i++;
                    break;
                default:
                    sb.Append(c);
                    i++;
                    break;
            }
        }

        for (var k = open.Count - 1; k >= 0; k--)
            sb.Append("</").Append(open[k]).Append('>');
        return sb.ToString();
    }

    private static void OpenTag(StringBuilder sb, List<string> open, string name, string attributes)
    {
        sb.Append('<').Append(name);
        var seen = new HashSet<string>();
        foreach (Match a in Attribute().Matches(attributes))
        {
            var attr = a.Groups[1].Value.ToLowerInvariant();
            var raw = a.Groups[2].Success ? a.Groups[2].Value : a.Groups[3].Success ? a.Groups[3].Value : a.Groups[4].Value;
            var value = WebUtility.HtmlDecode(raw);
            var keep = attr switch
            {
                "class" => SafeClass().IsMatch(value),
                "border" => SafeBorder().IsMatch(value),
                "href" => name == "a" && IsSafeHref(value),
                _ => false,
            };
            if (keep && seen.Add(attr))
                sb.Append(' ').Append(attr).Append("=\"").Append(SchemaDocsWriter.Escape(value)).Append('"');
        }

        sb.Append('>');
        if (!VoidTags.Contains(name))
            open.Add(name);
    }

    private static void CloseTag(StringBuilder sb, List<string> open, string name)
    {
        if (VoidTags.Contains(name))
            return;
        var at = open.LastIndexOf(name);
        if (at < 0)
            return;
        for (var k = open.Count - 1; k >= at; k--)
            sb.Append("</").Append(open[k]).Append('>');
        open.RemoveRange(at, open.Count - at);
    }

    /// <summary>True for an <c>http</c>, <c>https</c> or relative address (no other scheme), judged after entity decoding with control characters and white space removed as browsers do.</summary>
    public static bool IsSafeHref(string href)
    {
        ArgumentNullException.ThrowIfNull(href);
        var s = new string(href.Where(ch => !char.IsControl(ch) && !char.IsWhiteSpace(ch)).ToArray());
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return true;
        var end = s.IndexOfAny(['/', '?', '#']);
        if (end >= 0 && end < colon)
            return true; // the colon is in the path, query or fragment of a relative address
        var scheme = s[..colon];
        return scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
    }
}
