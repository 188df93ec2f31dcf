using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Curation.Fits.Headers;

/// <summary>
/// Reads 80-character card images into <see cref="Card"/>s by the FITS standard (4.0, section 4), forgiving what real
/// archives write: unquoted strings, lower-case or <c>d</c> exponents, a missing blank after <c>=</c>, illegal
/// keyword characters and non-printable bytes. Each thing forgiven becomes a warning on the card; a strict read
/// turns the first warning into an error.
/// </summary>
public static partial class CardParser
{
    private const int CardLength = 80;

    [GeneratedRegex(@"^[+-]?\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([EDed][+-]?\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex ComplexPattern();

    [GeneratedRegex(@"^[A-Z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeywordPattern();

    [GeneratedRegex(@"^\d{1,4}/\d{1,2}/\d{1,4}(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex UnquotedDate();

    private static readonly HashSet<string> Commentary = new(StringComparer.Ordinal) { "COMMENT", "HISTORY", "" };

    /// <summary>Reads the cards of one header, in order, joining long strings continued over <c>CONTINUE</c> cards.</summary>
    /// <param name="images">The card images (shorter ones are padded with blanks).</param>
    public static List<Card> ParseHeader(IReadOnlyList<string> images)
    {
        var cards = new List<Card>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var card = Parse(images[i], i + 1);
            if (card.Value.Kind == CardValueKind.String && EndsWithAmpersand(card.Value.Raw)
                && i + 1 < images.Count && KeywordOf(images[i + 1]) == "CONTINUE")
            {
                card = JoinContinued(card, images, ref i);
            }

            cards.Add(card);
        }

        return cards;
    }

    /// <summary>Reads one card image; <paramref name="position"/> is its 1-based place in the header.</summary>
    public static Card Parse(string image, int position)
    {
        var warnings = new List<string>();
        image = Normalise(image, warnings);
        var keyword = image[..8].TrimEnd(' ');

        if (keyword == "HIERARCH")
            return ParseHierarch(image, position, warnings);

        if (keyword.Length > 0 && keyword.TrimStart(' ').Length != keyword.Length)
            warnings.Add($"keyword '{keyword}' does not start in column 1");
        keyword = keyword.Trim(' ');
        if (!KeywordPattern().IsMatch(keyword))
            warnings.Add($"keyword '{keyword}' has characters the standard does not allow (A-Z, 0-9, '-', '_')");

        if (Commentary.Contains(keyword))
            return new Card(keyword, CardValue.FromText(image[8..].TrimEnd(' ')), null, position, image, warnings: warnings);

        if (keyword == "CONTINUE")
        {
            // An orphan CONTINUE (no long string before it): keep its string as the value.
            var (v, c) = ParseValueField(image[8..], warnings, keyword);
            return new Card(keyword, v, c, position, image, warnings: warnings);
        }

        string field;
        if (image[8] == '=' && image[9] == ' ')
        {
            field = image[10..];
        }
        else if (image[8] == '=')
        {
            warnings.Add("no blank after '=' in column 10");
            field = image[9..];
        }
        else
        {
            // No value indicator: the standard makes the rest of the card commentary.
            var text = image[8..].TrimEnd(' ');
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0 && text[..equals].Trim().Length == 0)
            {
                warnings.Add("'=' not in column 9; read as a value anyway");
                var (v2, c2) = ParseValueField(text[(equals + 1)..], warnings, keyword);
                return new Card(keyword, v2, c2, position, image, warnings: warnings);
            }

            return new Card(keyword, CardValue.FromText(text), null, position, image, warnings: warnings);
        }

        var (value, comment) = ParseValueField(field, warnings, keyword);
        return new Card(keyword, value, comment, position, image, warnings: warnings);
    }

    private static Card ParseHierarch(string image, int position, List<string> warnings)
    {
        var rest = image[8..];
        var equals = rest.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            warnings.Add("HIERARCH card without '='; read as commentary");
            return new Card("HIERARCH", CardValue.FromText(rest.TrimEnd(' ')), null, position, image, isHierarch: true, warnings: warnings);
        }

        var name = string.Join(' ', rest[..equals].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var (value, comment) = ParseValueField(rest[(equals + 1)..], warnings, name);
        return new Card(name, value, comment, position, image, isHierarch: true, warnings: warnings);
    }

    /// <summary>Reads a value field (and its comment) as one of the standard's value types.</summary>
    internal static (CardValue Value, string? Comment) ParseValueField(string field, List<string> warnings, string keyword)
    {
        var i = 0;
        while (i < field.Length && field[i] == ' ')
            i++;
        if (i == field.Length)
            return (CardValue.Undefined, null);
        if (field[i] == '/')
            return (CardValue.Undefined, Comment(field[(i + 1)..]));

        if (field[i] == '\'')
        {
            var sb = new StringBuilder();
            var j = i + 1;
            var closed = false;
            while (j < field.Length)
            {
                if (field[j] == '\'')
                {
                    if (j + 1 < field.Length && field[j + 1] == '\'')
                    {
                        sb.Append('\'');
                        j += 2;
                        continue;
                    }

                    closed = true;
                    j++;
                    break;
                }

                sb.Append(field[j++]);
            }

            if (!closed)
                warnings.Add("string value has no closing quote; read to the end of the card");
            var after = field[j..].TrimStart(' ');
            string? comment = null;
            if (after.Length > 0)
            {
                if (after[0] == '/')
                {
                    comment = Comment(after[1..]);
                }
                else
                {
                    warnings.Add($"text after the string value without a '/': '{after.TrimEnd()}' read as the comment");
                    comment = Comment(after);
                }
            }

            return (CardValue.FromString(sb.ToString()), comment);
        }

        // An unquoted dd/mm/yy date (old headers): its slashes are not a comment.
        var date = UnquotedDate().Match(field[i..]);
        if (date.Success)
        {
            warnings.Add($"value '{date.Value}' of {(keyword.Length > 0 ? keyword : "the card")} is an unquoted date; read as a string");
            var rest = field[(i + date.Length)..].TrimStart(' ');
            return (CardValue.FromString(date.Value), rest.StartsWith('/') ? Comment(rest[1..]) : Comment(rest));
        }

        var slash = field.IndexOf('/', i);
        var text = (slash < 0 ? field[i..] : field[i..slash]).Trim(' ');
        var commentText = slash < 0 ? null : Comment(field[(slash + 1)..]);
        return (ParseBareValue(text, warnings, keyword, field[i..].TrimEnd(' ')), commentText);
    }

    private static CardValue ParseBareValue(string text, List<string> warnings, string keyword, string wholeField)
    {
        if (text is "T" or "F")
            return CardValue.FromLogical(text == "T");

        if (IntegerPattern().IsMatch(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                return CardValue.FromInteger(l, l, text);
            return CardValue.FromInteger(null, double.Parse(text, CultureInfo.InvariantCulture), text.TrimStart('+'));
        }

        if (FloatPattern().IsMatch(text))
            return CardValue.FromFloat(ParseFloat(text, warnings), text);

        var complex = ComplexPattern().Match(text);
        if (complex.Success && IsNumber(complex.Groups[1].Value) && IsNumber(complex.Groups[2].Value))
        {
            return CardValue.FromComplex(
                ParseFloat(complex.Groups[1].Value, warnings), ParseFloat(complex.Groups[2].Value, warnings), text);
        }

        // Not a standard value: what real files write instead (an unquoted string). Read it as a string and say so.
        if (text.Length == 0)
            return CardValue.Undefined;
        if (text is "t" or "f")
        {
            warnings.Add($"logical written in lower case ('{text}')");
            return CardValue.FromLogical(text == "t");
        }

        // An unquoted string with a '/' but no ' /' (a path, B/V) keeps its slash: only ' /' reads as a comment here.
        var unquoted = text;
        if (wholeField.Contains('/', StringComparison.Ordinal) && !wholeField.Contains(" /", StringComparison.Ordinal))
            unquoted = wholeField;
        warnings.Add($"value '{unquoted}' of {(keyword.Length > 0 ? keyword : "the card")} is not a FITS value (unquoted string?); read as a string");
        return CardValue.FromString(unquoted);
    }

    private static bool IsNumber(string text) => IntegerPattern().IsMatch(text) || FloatPattern().IsMatch(text);

    private static double ParseFloat(string text, List<string> warnings)
    {
        var exponent = text.IndexOfAny(['E', 'D', 'e', 'd']);
        if (exponent >= 0)
        {
            var letter = text[exponent];
            if (letter is 'e' or 'd')
                warnings.Add($"lower-case exponent '{letter}' in '{text}'");
            text = string.Concat(text.AsSpan(0, exponent), "E", text.AsSpan(exponent + 1));
        }

        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string? Comment(string text)
    {
        var trimmed = text.Trim(' ');
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static bool EndsWithAmpersand(string raw) => raw.TrimEnd(' ').EndsWith('&');

    private static string KeywordOf(string image) => (image.Length >= 8 ? image[..8] : image).TrimEnd(' ');

    private static Card JoinContinued(Card first, IReadOnlyList<string> images, ref int index)
    {
        var warnings = new List<string>(first.Warnings);
        var value = new StringBuilder(first.Value.Raw.TrimEnd(' ')[..^1]);
        var comments = new List<string>();
        if (first.Comment is { } c0)
            comments.Add(c0);
        var image = new StringBuilder(first.Image);
        var more = true;
        while (more && index + 1 < images.Count && KeywordOf(images[index + 1]) == "CONTINUE")
        {
            index++;
            var next = Normalise(images[index], warnings);
            image.Append('\n').Append(next);
            var (part, comment) = ParseValueField(next[8..], warnings, "CONTINUE");
            if (comment is { })
                comments.Add(comment);
            var raw = part.Raw;
            if (part.Kind != CardValueKind.String)
                warnings.Add($"CONTINUE card {index + 1} does not hold a string; its text is appended");
            more = EndsWithAmpersand(raw);
            value.Append(more ? raw.TrimEnd(' ')[..^1] : raw);
        }

        return new Card(first.Keyword, CardValue.FromString(value.ToString()), comments.Count == 0 ? null : string.Join(' ', comments),
            first.Position, image.ToString(), first.IsHierarch, warnings);
    }

    /// <summary>Pads to 80 characters and reports bytes outside printable ASCII (kept, so nothing is hidden).</summary>
    private static string Normalise(string image, List<string> warnings)
    {
        if (image.Length < CardLength)
            image = image.PadRight(CardLength);
        else if (image.Length > CardLength)
            image = image[..CardLength];
        for (var i = 0; i < image.Length; i++)
        {
            var ch = image[i];
            if (ch < ' ' || ch > '~')
            {
                warnings.Add($"non-printable byte 0x{(int)ch:X2} in column {i + 1}");
            }
        }

        return image;
    }
}
