using System.Globalization;
using System.Text.RegularExpressions;
using Curation.Fits.Headers;

namespace Curation.Fits.Tables;

/// <summary>The stored type of a table column's elements (TFORM letter).</summary>
public enum ColumnType
{
    /// <summary>L: logical, one byte 'T', 'F' or 0 (null).</summary>
    Logical,

    /// <summary>X: bits, packed eight to a byte.</summary>
    Bit,

    /// <summary>B: unsigned byte.</summary>
    Byte,

    /// <summary>I: 16-bit integer.</summary>
    Int16,

    /// <summary>J: 32-bit integer.</summary>
    Int32,

    /// <summary>K: 64-bit integer.</summary>
    Int64,

    /// <summary>E: single-precision float.</summary>
    Float32,

    /// <summary>D: double-precision float.</summary>
    Float64,

    /// <summary>C: single-precision complex.</summary>
    Complex64,

    /// <summary>M: double-precision complex.</summary>
    Complex128,

    /// <summary>A: characters.</summary>
    String,
}

/// <summary>
/// One column of a binary or ASCII table, from its header keywords: name, TFORM, unit, type, repeat count,
/// variable-length descriptor, scaling, null value and dimensions.
/// </summary>
public sealed partial class TableColumn
{
    [GeneratedRegex(@"^\s*(\d*)\s*([LXBIJKAEDCMPQ])(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex BinaryForm();

    [GeneratedRegex(@"^\s*([LXBIJKAEDCM])\s*(\(\s*\d*\s*\))?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableForm();

    [GeneratedRegex(@"^\s*([AIFED])\s*(\d+)(\.\d+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex AsciiForm();

    private TableColumn(int index, string? name, string tform, string? unit)
    {
        Index = index;
        Name = name;
        TForm = tform;
        Unit = unit;
    }

    /// <summary>0-based column index.</summary>
    public int Index { get; }

    /// <summary>TTYPEn, or null when the column is unnamed.</summary>
    public string? Name { get; }

    /// <summary>TFORMn as written (blanks trimmed).</summary>
    public string TForm { get; }

    /// <summary>TUNITn, or null.</summary>
    public string? Unit { get; }

    /// <summary>The element type (for a variable-length column, the type of the elements in the heap).</summary>
    public ColumnType Type { get; private set; }

    /// <summary>Elements per row (characters for A, bits for X); for variable-length columns 1 (one descriptor).</summary>
    public long Repeat { get; private set; }

    /// <summary>True for a variable-length array column (P or Q descriptor).</summary>
    public bool IsVariableLength { get; private set; }

    /// <summary>'P' (32-bit) or 'Q' (64-bit) descriptor for variable-length columns; null otherwise.</summary>
    public char? Descriptor { get; private set; }

    /// <summary>Byte offset of the field within a row (binary tables: sum of previous widths; ASCII: TBCOL - 1).</summary>
    public long Offset { get; private set; }

    /// <summary>Bytes the field occupies in a row.</summary>
    public long FieldBytes { get; private set; }

    /// <summary>True for an ASCII-table column.</summary>
    public bool IsAscii { get; private set; }

    /// <summary>TSCALn (1 when absent).</summary>
    public double Scale { get; private set; } = 1;

    /// <summary>TZEROn (0 when absent).</summary>
    public double Zero { get; private set; }

    /// <summary>TNULLn of an integer column, or null.</summary>
    public long? Null { get; private set; }

    /// <summary>TNULLn of an ASCII-table column (a string), or null.</summary>
    public string? AsciiNull { get; private set; }

    /// <summary>TDIMn dimensions, or null.</summary>
    public IReadOnlyList<long>? Dimensions { get; private set; }

    /// <summary>True when elements are numbers whose sum means something (B, I, J, K, E, D, and ASCII I, F, E, D).</summary>
    public bool IsNumeric => Type is ColumnType.Byte or ColumnType.Int16 or ColumnType.Int32 or ColumnType.Int64 or ColumnType.Float32 or ColumnType.Float64;

    /// <summary>True when scaling applies (TSCAL not 1 or TZERO not 0).</summary>
    public bool IsScaled => Scale != 1 || Zero != 0;

    /// <summary>Bytes of one element in a binary table (X: 1 per 8 bits, rounded up over the repeat count).</summary>
    public static int ElementBytes(ColumnType type) => type switch
    {
        ColumnType.Logical or ColumnType.Byte or ColumnType.String or ColumnType.Bit => 1,
        ColumnType.Int16 => 2,
        ColumnType.Int32 or ColumnType.Float32 => 4,
        ColumnType.Int64 or ColumnType.Float64 or ColumnType.Complex64 => 8,
        ColumnType.Complex128 => 16,
        _ => 1,
    };

    /// <summary>Reads the column definitions of a table header; an unreadable TFORM is an error naming the column.</summary>
    public static IReadOnlyList<TableColumn> FromHeader(Header header, bool ascii)
    {
        var count = (int)header.GetInt64(Keywords.TFIELDS, 0);
        var columns = new List<TableColumn>(count);
        long offset = 0;
        for (var n = 1; n <= count; n++)
        {
            var tform = header.GetText(Keywords.Indexed(Keywords.TFORM, n))?.Trim()
                ?? throw new FitsException(header.File, header.Hdu, $"column {n} has no {Keywords.TFORM}{n}");
            var column = new TableColumn(n - 1, header.GetText(Keywords.Indexed(Keywords.TTYPE, n))?.TrimEnd(), tform,
                header.GetText(Keywords.Indexed(Keywords.TUNIT, n))?.TrimEnd())
            {
                IsAscii = ascii,
                Scale = header.GetDouble(Keywords.Indexed(Keywords.TSCAL, n), 1),
                Zero = header.GetDouble(Keywords.Indexed(Keywords.TZERO, n), 0),
            };
            if (ascii)
            {
                column.DefineAscii(header, n);
            }
            else
            {
                column.DefineBinary(header, n, offset);
                offset += column.FieldBytes;
            }

            columns.Add(column);
        }

        return columns;
    }

    private void DefineBinary(Header header, int n, long offset)
    {
        var match = BinaryForm().Match(TForm);
        if (!match.Success)
            throw new FitsException(header.File, header.Hdu, $"column {n} ({Name}): TFORM{n} = '{TForm}' is not a binary-table format");
        Repeat = match.Groups[1].Length == 0 ? 1 : long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var letter = match.Groups[2].Value[0];
        Offset = offset;
        if (letter is 'P' or 'Q')
        {
            var element = VariableForm().Match(match.Groups[3].Value);
            if (!element.Success)
                throw new FitsException(header.File, header.Hdu, $"column {n} ({Name}): TFORM{n} = '{TForm}' has no element type after {letter}");
            IsVariableLength = true;
            Descriptor = letter;
            Type = TypeOf(element.Groups[1].Value[0]);
            FieldBytes = Repeat == 0 ? 0 : (letter == 'P' ? 8 : 16);
            Repeat = Math.Min(Repeat, 1);
        }
        else
        {
            Type = TypeOf(letter);
            FieldBytes = Type == ColumnType.Bit ? (Repeat + 7) / 8 : Repeat * ElementBytes(Type);
        }

        if (Type is ColumnType.Byte or ColumnType.Int16 or ColumnType.Int32 or ColumnType.Int64
            && header.TryGetInt64(Keywords.Indexed(Keywords.TNULL, n), out var tnull))
        {
            Null = tnull;
        }

        if (header.GetText(Keywords.Indexed(Keywords.TDIM, n)) is { } tdim)
            Dimensions = ParseDimensions(tdim);
    }

    private void DefineAscii(Header header, int n)
    {
        var match = AsciiForm().Match(TForm);
        if (!match.Success)
            throw new FitsException(header.File, header.Hdu, $"column {n} ({Name}): TFORM{n} = '{TForm}' is not an ASCII-table format");
        var width = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        Type = match.Groups[1].Value[0] switch
        {
            'A' => ColumnType.String,
            'I' => ColumnType.Int64,
            _ => ColumnType.Float64,
        };
        Repeat = Type == ColumnType.String ? width : 1;
        FieldBytes = width;
        Offset = header.GetInt64(Keywords.Indexed(Keywords.TBCOL, n), 1) - 1;
        AsciiNull = header.GetText(Keywords.Indexed(Keywords.TNULL, n));
    }

    private static ColumnType TypeOf(char letter) => letter switch
    {
        'L' => ColumnType.Logical,
        'X' => ColumnType.Bit,
        'B' => ColumnType.Byte,
        'I' => ColumnType.Int16,
        'J' => ColumnType.Int32,
        'K' => ColumnType.Int64,
        'E' => ColumnType.Float32,
        'D' => ColumnType.Float64,
        'C' => ColumnType.Complex64,
        'M' => ColumnType.Complex128,
        _ => ColumnType.String,
    };

    private static long[]? ParseDimensions(string tdim)
    {
        var inner = tdim.Trim().TrimStart('(').TrimEnd(')');
        var parts = inner.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var dims = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out dims[i]))
                return null;
        }

        return dims;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {TForm}";
}
