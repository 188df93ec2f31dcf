namespace Curation.Fits.Tables;

/// <summary>
/// The values of one column for a chunk of rows. Fixed-width binary columns keep their stored values in a typed
/// array (<see cref="Values"/>, row-major, <see cref="Stride"/> elements per row); scaling and nulls are applied by
/// the accessors. ASCII numeric and variable-length columns are held as physical doubles, null as NaN.
/// </summary>
public sealed class ColumnData
{
    internal ColumnData(TableColumn column, int rows, Array? values, int stride, double[]?[]? variable = null, string?[]? strings = null, bool physical = false)
    {
        Column = column;
        RowCount = rows;
        Values = values;
        Stride = stride;
        Variable = variable;
        Strings = strings;
        IsPhysical = physical;
    }

    /// <summary>The column.</summary>
    public TableColumn Column { get; }

    /// <summary>Rows in this chunk.</summary>
    public int RowCount { get; }

    /// <summary>
    /// Stored values of a fixed-width column, native byte order: byte[] (L as 'T'/'F'/0, X packed, B), short[], int[],
    /// long[], float[] (E; C as re,im pairs), double[] (D; M as pairs; ASCII numeric as physical values). Null for
    /// strings and variable-length columns.
    /// </summary>
    public Array? Values { get; }

    /// <summary>Entries of <see cref="Values"/> per row.</summary>
    public int Stride { get; }

    /// <summary>Variable-length arrays, one per row, as physical doubles (NaN for null; complex as pairs; logical 1/0).</summary>
    public double[]?[]? Variable { get; }

    /// <summary>String values, one per row (trailing blanks and NULs removed), for A columns.</summary>
    public string?[]? Strings { get; }

    /// <summary>True when <see cref="Values"/> or <see cref="Variable"/> already hold physical values.</summary>
    public bool IsPhysical { get; }

    /// <summary>Number of elements in a row (the repeat count, or the row's variable-length array length).</summary>
    public int ElementCount(int row)
    {
        if (Variable is { } v)
            return (v[row]?.Length ?? 0) / (Column.Type is ColumnType.Complex64 or ColumnType.Complex128 ? 2 : 1);
        return Column.Type switch
        {
            ColumnType.String => Strings is null ? 0 : 1,
            ColumnType.Complex64 or ColumnType.Complex128 => Stride / 2,
            ColumnType.Bit => (int)Column.Repeat,
            _ => Stride,
        };
    }

    /// <summary>True when the element is null (TNULL for integers, NaN for floats, 0 for logicals).</summary>
    public bool IsNull(int row, int element) => double.IsNaN(GetPhysical(row, element));

    /// <summary>
    /// The physical value of a numeric element (TSCAL/TZERO applied); NaN when it is null. Logicals give 1/0 (NaN when
    /// null), bits 1/0, complex the real part.
    /// </summary>
    public double GetPhysical(int row, int element)
    {
        if (Variable is { } variable)
            return variable[row] is { } values && element < values.Length ? values[element] : double.NaN;
        var c = Column;
        var i = row * Stride + element;
        switch (Values)
        {
            case byte[] bytes when c.Type == ColumnType.Logical:
                return bytes[i] switch { (byte)'T' => 1, (byte)'F' => 0, _ => double.NaN };
            case byte[] bytes when c.Type == ColumnType.Bit:
                return (bytes[row * Stride + element / 8] >> (7 - element % 8)) & 1;
            case byte[] bytes:
                return Integer(bytes[i]);
            case short[] shorts:
                return Integer(shorts[i]);
            case int[] ints:
                return Integer(ints[i]);
            case long[] longs:
                return Integer(longs[i]);
            case float[] floats:
                return c.Type == ColumnType.Complex64 ? floats[row * Stride + element * 2] : Real(floats[i]);
            case double[] doubles:
                return IsPhysical ? doubles[i] : c.Type == ColumnType.Complex128 ? doubles[row * Stride + element * 2] : Real(doubles[i]);
            default:
                return double.NaN;
        }
    }

    /// <summary>The logical value of an L element (null for a null logical).</summary>
    public bool? GetLogical(int row, int element)
    {
        var v = GetPhysical(row, element);
        return double.IsNaN(v) ? null : v != 0;
    }

    /// <summary>The string of an A column in a row.</summary>
    public string? GetString(int row) => Strings?[row];

    /// <summary>Adds the column's finite physical values (array elements included, nulls excluded) to a sum and count.</summary>
    public void AccumulateSum(ref double sum, ref long finite)
    {
        if (!Column.IsNumeric)
            return;
        if (Variable is { } variable)
        {
            foreach (var row in variable)
            {
                if (row is null)
                    continue;
                foreach (var v in row)
                {
                    if (double.IsFinite(v))
                    {
                        sum += v;
                        finite++;
                    }
                }
            }

            return;
        }

        var c = Column;
        var scale = c.Scale;
        var zero = c.Zero;
        double s = 0;
        long n = 0;
        switch (Values)
        {
            case float[] floats when !c.IsScaled:
                (s, n) = FiniteSum.Of(floats);
                break;
            case double[] doubles when !c.IsScaled || IsPhysical:
                (s, n) = FiniteSum.Of(doubles);
                break;
            case float[] floats:
                foreach (var f in floats)
                    Add(f * scale + zero, ref s, ref n);
                break;
            case double[] doubles:
                foreach (var d in doubles)
                    Add(d * scale + zero, ref s, ref n);
                break;
            case byte[] bytes:
                SumIntegers<byte>(bytes, c, ref s, ref n);
                break;
            case short[] shorts:
                SumIntegers<short>(shorts, c, ref s, ref n);
                break;
            case int[] ints:
                SumIntegers<int>(ints, c, ref s, ref n);
                break;
            case long[] longs:
                SumIntegers<long>(longs, c, ref s, ref n);
                break;
        }

        sum += s;
        finite += n;
    }

    /// <summary>Stored integers: TNULL left out, TSCAL/TZERO applied, the finite results summed.</summary>
    private static void SumIntegers<T>(ReadOnlySpan<T> values, TableColumn column, ref double sum, ref long n)
        where T : struct, System.Numerics.IBinaryInteger<T>
    {
        var scale = column.Scale;
        var zero = column.Zero;
        var hasNull = column.Null.HasValue;
        var nul = column.Null ?? 0;
        foreach (var v in values)
        {
            var raw = long.CreateTruncating(v);
            if (!hasNull || raw != nul)
                Add(raw * scale + zero, ref sum, ref n);
        }
    }

    private static void Add(double v, ref double sum, ref long n)
    {
        if (double.IsFinite(v))
        {
            sum += v;
            n++;
        }
    }

    private double Integer(long raw) => Column.Null is { } nul && raw == nul ? double.NaN : raw * Column.Scale + Column.Zero;

    private double Real(double raw) => raw * Column.Scale + Column.Zero;
}
