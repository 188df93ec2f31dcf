using System.Globalization;
using Curation.Schema.Model;

namespace Curation.Schema;

/// <summary>The grammar of the source tags (<c>--/K --/F --/A --/Q --/L --/N --/V --/R</c>): turns their text into structure.</summary>
public static class SourceTagGrammar
{
    private const string NoNamePrefix = "NoName";

    /// <summary>The source a column's tags give it, by the column's convention.</summary>
    /// <remarks>Precedence follows the WFAU loaders: a table column (<c>--/F</c>) over a header keyword
    /// (<c>--/K</c>) over a computation (<c>--/Q</c>); otherwise the default. In the SDSS convention
    /// <c>--/K</c> is a UCD, so only <c>--/F</c> is a source.</remarks>
    public static ColumnSource SourceOf(ColumnDef column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var tags = column.Tags;
        if (column.Convention == TagConvention.Sdss)
        {
            return tags.Get('F') is { } sdssF && ParseSdssTableColumn(sdssF) is { } sdss
                ? sdss
                : new ColumnSource.Default(column.DefaultValue);
        }

        if (tags.Get('F') is { } f && !string.IsNullOrWhiteSpace(f))
            return ParseTableColumn(f, ParseArrayElement(tags.Get('A')));
        if (tags.Get('K') is { } k && !string.IsNullOrWhiteSpace(k))
            return ParseHeaderKeyword(k);
        if (tags.Get('Q') is { } q && !string.IsNullOrWhiteSpace(q))
            return ParseComputed(q);
        return new ColumnSource.Default(column.DefaultValue);
    }

    /// <summary>Parses a <c>--/K</c> value: <c>KEY</c>, <c>BINTABLE.KEY</c>, <c>BINTABLE.Ext.KEY</c>, <c>Ext.KEY</c>,
    /// <c>NoNameN.KEY</c>, <c>PRIMARY.KEY</c>, or a <c>HIERARCH</c> keyword with spaces (optionally after an extension prefix).</summary>
    public static ColumnSource.HeaderKeyword ParseHeaderKeyword(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = CollapseSpaces(value.Trim());
        // HIERARCH keywords hold spaces and may hold dots: everything before "HIERARCH" is the HDU part.
        var hierarch = text.IndexOf("HIERARCH ", StringComparison.OrdinalIgnoreCase);
        string prefix, keyword;
        if (hierarch >= 0)
        {
            prefix = text[..hierarch].TrimEnd('.');
            keyword = text[hierarch..];
        }
        else
        {
            var dot = text.LastIndexOf('.');
            prefix = dot >= 0 ? text[..dot] : "";
            keyword = dot >= 0 ? text[(dot + 1)..] : text;
        }

        return new ColumnSource.HeaderKeyword(ParseHdu(prefix), keyword);
    }

    /// <summary>Parses a <c>--/F</c> value: alternatives separated by <c>,</c>; each alternative columns joined by <c>+</c>;
    /// each column <c>COL</c>, <c>EXT.COL</c> or <c>NoNameN.COL</c>.</summary>
    public static ColumnSource.TableColumn ParseTableColumn(string value, int? arrayElement)
    {
        ArgumentNullException.ThrowIfNull(value);
        var alternatives = value.Trim().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(alt => new TableColumnAlternative(
                alt.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(ParseTableColumnRef).ToList()))
            .ToList();
        return new ColumnSource.TableColumn(alternatives, arrayElement);
    }

    /// <summary>Parses an SDSS <c>--/F</c> value: a column, optionally followed by an array index;
    /// <c>NOFITS</c> means the column has no FITS source (null).</summary>
    public static ColumnSource.TableColumn? ParseSdssTableColumn(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0].Equals("NOFITS", StringComparison.OrdinalIgnoreCase))
            return null;
        int? element = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new ColumnSource.TableColumn([new TableColumnAlternative([new TableColumnRef(HduRef.Default, parts[0])])], element);
    }

    /// <summary>Parses a <c>--/Q</c> value: attributes separated by commas, each <c>attr</c> or <c>Table.attr</c>.</summary>
    public static ColumnSource.Computed ParseComputed(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ColumnSource.Computed(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(ParseAttributeRef).ToList());
    }

    /// <summary>Parses <c>attr</c>, <c>Table.attr</c> or the glossary form <c>Table::attr</c>.</summary>
    public static AttributeRef ParseAttributeRef(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        var sep = text.IndexOf("::", StringComparison.Ordinal);
        if (sep >= 0)
            return new AttributeRef(text[..sep], text[(sep + 2)..]);
        var dot = text.LastIndexOf('.');
        return dot > 0 ? new AttributeRef(text[..dot], text[(dot + 1)..]) : new AttributeRef(null, text);
    }

    /// <summary>Parses <c>--/A n</c> (WFAU array element); null when absent or not a number.</summary>
    public static int? ParseArrayElement(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>Parses <c>--/L n</c>; null when absent or not a number.</summary>
    public static int? ParseHtmLevel(string? value) => ParseArrayElement(value);

    /// <summary>Parses <c>--/V a,b,c</c> into its values; empty when absent.</summary>
    public static IReadOnlyList<string> ParseAllowedValues(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.TrimEntries);

    /// <summary>Parses <c>--/R min,max</c>, where <c>None</c> or nothing is an open bound; null when absent or not two values.</summary>
    public static ValueRange? ParseRange(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
            return null;
        static string? Bound(string s) => s.Length == 0 || s.Equals("None", StringComparison.OrdinalIgnoreCase) ? null : s;
        return new ValueRange(Bound(parts[0]), Bound(parts[1]));
    }

    /// <summary>True when a header keyword is a valid FITS keyword: 1–8 of <c>A–Z 0–9 - _</c>, or a <c>HIERARCH</c> keyword.</summary>
    public static bool IsValidKeyword(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        if (keyword.StartsWith("HIERARCH ", StringComparison.OrdinalIgnoreCase))
            return keyword.Length > 9;
        return keyword.Length is >= 1 and <= 8
            && keyword.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_');
    }

    private static TableColumnRef ParseTableColumnRef(string text)
    {
        var dot = text.LastIndexOf('.');
        return dot < 0
            ? new TableColumnRef(HduRef.Default, text)
            : new TableColumnRef(ParseHdu(text[..dot]), text[(dot + 1)..]);
    }

    private static HduRef ParseHdu(string prefix)
    {
        if (prefix.Length == 0)
            return HduRef.Default;
        var parts = prefix.Split('.');
        var binaryOnly = parts[0].Equals("BINTABLE", StringComparison.OrdinalIgnoreCase);
        if (binaryOnly && parts.Length == 1)
            return new HduRef(HduRefKind.FirstBinaryTable, BinaryTableOnly: true);
        var name = binaryOnly ? string.Join('.', parts[1..]) : prefix;
        if (name.Equals("PRIMARY", StringComparison.OrdinalIgnoreCase))
            return new HduRef(HduRefKind.Primary);
        if (name.StartsWith(NoNamePrefix, StringComparison.OrdinalIgnoreCase)
            && int.TryParse(name.AsSpan(NoNamePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            return position == 0 ? new HduRef(HduRefKind.Primary) : new HduRef(HduRefKind.Position, Position: position, BinaryTableOnly: binaryOnly);
        return new HduRef(HduRefKind.Named, Name: name, BinaryTableOnly: binaryOnly);
    }

    private static string CollapseSpaces(string text) =>
        string.Join(' ', text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
