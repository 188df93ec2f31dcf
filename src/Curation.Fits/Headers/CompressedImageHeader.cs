using System.Globalization;
using System.Text.RegularExpressions;

namespace Curation.Fits.Headers;

/// <summary>
/// The header of the image a tile-compressed HDU holds, derived from the binary-table header it is stored in by the
/// tiled-image convention (FITS 4.0, section 10): table and compression keywords removed, ZSIMPLE/ZTENSION, ZBITPIX,
/// ZNAXISn, ZPCOUNT/ZGCOUNT, ZEXTEND, ZBLOCKED, ZHECKSUM/ZDATASUM restored under their own names. Card placement
/// follows astropy's <c>CompImageHDU.header</c> so the two present the same header.
/// </summary>
public static partial class CompressedImageHeader
{
    /// <summary>The EXTNAME CFITSIO and astropy give a compressed image when the original had none.</summary>
    public const string DefaultExtName = "COMPRESSED_IMAGE";

    private static readonly HashSet<string> TableRoots = new(StringComparer.Ordinal)
    {
        "TTYPE", "TFORM", "TUNIT", "TNULL", "TSCAL", "TZERO", "TDISP", "TBCOL", "TDIM", "TCTYP", "TCUNI", "TCRPX", "TCRVL", "TCDLT", "TRPOS",
    };

    private static readonly HashSet<string> CompressionKeywords = new(StringComparer.Ordinal)
    {
        "ZIMAGE", "ZCMPTYPE", "ZBITPIX", "ZNAXIS", "ZMASKCMP", "ZSIMPLE", "ZTENSION", "ZEXTEND", "ZBLOCKED", "ZPCOUNT", "ZGCOUNT",
        "ZHECKSUM", "ZDATASUM", "ZQUANTIZ", "ZDITHER0", "TFIELDS", "THEAP",
    };

    private static readonly HashSet<string> IndexedCompressionRoots = new(StringComparer.Ordinal) { "ZNAXIS", "ZTILE", "ZNAME", "ZVAL" };

    [GeneratedRegex(@"^([A-Z]+)([1-9][0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex IndexedKeyword();

    /// <summary>Derives the image header from the stored (binary-table) header.</summary>
    public static List<Card> FromStored(Header stored)
    {
        var cards = stored.ToList();

        // Several EXTNAMEs (some writers add the default next to the real one): the default goes.
        if (cards.Count(c => c.Keyword == "EXTNAME") > 1)
            cards.RemoveAll(c => c.Keyword == "EXTNAME" && c.Value.TextValue == DefaultExtName);

        var blanksBefore = cards.Count(c => c.Keyword.Length == 0);
        cards.RemoveAll(c => IsReserved(c.Keyword));

        Card Make(string keyword, CardValue value, string? comment) => new(keyword, value, comment, 0, Format(keyword, value, comment));

        void Set(string keyword, CardValue value, string? comment, int? at = null)
        {
            var existing = cards.FindIndex(c => c.Keyword == keyword);
            var card = Make(keyword, value, comment);
            if (at is { } position)
            {
                if (existing >= 0)
                    cards.RemoveAt(existing);
                cards.Insert(Math.Min(position, cards.Count), card);
            }
            else if (existing >= 0)
            {
                cards[existing] = card;
            }
            else
            {
                Append(cards, card);
            }
        }

        var zsimple = stored["ZSIMPLE"];
        if (zsimple is not null)
        {
            cards.RemoveAll(c => c.Keyword == "XTENSION");
            Set("SIMPLE", zsimple.Value, zsimple.Comment, 0);
        }
        else
        {
            Set("XTENSION", CardValue.FromString("IMAGE"), stored["ZTENSION"]?.Comment, 0);
        }

        var zbitpix = stored["ZBITPIX"];
        Set("BITPIX", zbitpix?.Value ?? CardValue.FromInteger(0), zbitpix?.Comment, 1);
        var znaxis = stored["ZNAXIS"];
        Set("NAXIS", znaxis?.Value ?? CardValue.FromInteger(0), znaxis?.Comment, 2);
        var naxis = (int)stored.GetInt64("ZNAXIS", 0);
        var last = 2;
        for (var i = 1; i <= naxis; i++)
        {
            var z = stored[Keywords.Indexed("ZNAXIS", i)];
            Set(Keywords.Indexed("NAXIS", i), z?.Value ?? CardValue.FromInteger(0), z?.Comment, ++last);
        }

        cards.RemoveAll(c => c.Keyword.StartsWith("NAXIS", StringComparison.Ordinal)
            && int.TryParse(c.Keyword.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > naxis);

        var zpcount = stored["ZPCOUNT"];
        Set("PCOUNT", zpcount?.Value ?? CardValue.FromInteger(0), zpcount?.Comment, ++last);
        var zgcount = stored["ZGCOUNT"];
        Set("GCOUNT", zgcount?.Value ?? CardValue.FromInteger(1), zgcount?.Comment, ++last);

        foreach (var (from, to) in new[] { ("ZEXTEND", "EXTEND"), ("ZBLOCKED", "BLOCKED"), ("ZHECKSUM", "CHECKSUM"), ("ZDATASUM", "DATASUM") })
        {
            if (stored[from] is { } z)
                Set(to, z.Value, z.Comment);
        }

        cards.RemoveAll(c => c.Keyword == "EXTNAME" && c.Value.TextValue == DefaultExtName);
        if (zsimple is not null)
            cards.RemoveAll(c => c.Keyword is "PCOUNT" or "GCOUNT");

        for (var blanks = cards.Count(c => c.Keyword.Length == 0); blanks < blanksBefore; blanks++)
            cards.Add(Make("", CardValue.FromText(""), null));

        return [.. cards.Select((c, i) => c.Position == i + 1 ? c : new Card(c.Keyword, c.Value, c.Comment, i + 1, c.Image, c.IsHierarch, c.Warnings))];
    }

    /// <summary>True for the table and compression keywords that are not part of the image's header.</summary>
    public static bool IsReserved(string keyword)
    {
        if (CompressionKeywords.Contains(keyword))
            return true;
        var m = IndexedKeyword().Match(keyword);
        return m.Success && (TableRoots.Contains(m.Groups[1].Value) || IndexedCompressionRoots.Contains(m.Groups[1].Value));
    }

    /// <summary>Appends a card after the last valued card, taking the place of a trailing blank card when there is one.</summary>
    private static void Append(List<Card> cards, Card card)
    {
        if (cards.Count > 0 && cards[^1].Keyword.Length == 0 && cards[^1].Value.TextValue is { Length: 0 })
            cards.RemoveAt(cards.Count - 1);
        var lastValued = cards.FindLastIndex(c => !c.IsCommentary);
        cards.Insert(lastValued + 1, card);
    }

    private static string Format(string keyword, CardValue value, string? comment)
    {
        var text = value.Kind switch
        {
            CardValueKind.String => $"'{value.TextValue?.Replace("'", "''", StringComparison.Ordinal),-8}'".PadRight(20),
            CardValueKind.Text => value.TextValue ?? "",
            CardValueKind.Undefined => "",
            _ => value.ToString().PadLeft(20),
        };
        var image = value.Kind == CardValueKind.Text ? $"{keyword,-8}{text}" : $"{keyword,-8}= {text}{(comment is null ? "" : " / " + comment)}";
        return image.Length > 80 ? image[..80] : image.PadRight(80);
    }
}
