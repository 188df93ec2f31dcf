using System.Globalization;
using Curation.Schema.Model;

namespace Curation.Benchmarks;

/// <summary>
/// The benchmark's rows: the value of every column in row <c>i</c> (0-based) follows from <c>i</c> alone, so the same
/// rows can be made in C#, in SQL by each engine (the ceilings) and with numpy (the peer). Each column has an integer
/// formula <c>k = ((i / Divisor) * Multiplier + Offset) % Modulus + Add</c> (no modulus when it is 0); integer columns
/// take <c>k</c>, <c>real</c> columns <c>k / 16 + 1/32</c> and <c>float</c> columns <c>k / 2^20 + 2^-40</c>. Every value
/// is exact in its type (no rounding anywhere, so sums agree exactly between engines), and no floating value is
/// integral (SQLite would store an integral REAL in fewer bytes).
/// </summary>
internal sealed class DetectionRows
{
    public const double DoubleScale = 1048576.0;                 // 2^20
    public const double DoubleAdd = 1.0 / 1099511627776.0;       // 2^-40

    private DetectionRows(IReadOnlyList<ColumnDef> columns, IReadOnlyList<Formula> formulas, long detectionsPerExtension)
    {
        Columns = columns;
        Formulas = formulas;
        DetectionsPerExtension = detectionsPerExtension;
    }

    public IReadOnlyList<ColumnDef> Columns { get; }

    public IReadOnlyList<Formula> Formulas { get; }

    /// <summary>Rows per (multiframeID, extNum): 4 extensions of this many make one frame.</summary>
    public long DetectionsPerExtension { get; }

    /// <summary>The formulas for the loaded columns of the detection table: its key columns follow the real key (frames
    /// of 4 extensions of <paramref name="detectionsPerExtension"/> detections, seqNum from 1 in each), objID counts up,
    /// the rest mix the row number per column. Integer values stay small enough that a column's sum fits in 64 bits up
    /// to 10 million rows.</summary>
    public static DetectionRows For(IReadOnlyList<ColumnDef> columns, long detectionsPerExtension = 5_000)
    {
        var formulas = new List<Formula>();
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var kind = column.Type.Name switch
            {
                "tinyint" => Kind.Byte,
                "smallint" => Kind.Int16,
                "int" => Kind.Int32,
                "bigint" => Kind.Int64,
                "real" => Kind.Single,
                "float" => column.Type.IsSinglePrecision ? Kind.Single : Kind.Double,
                _ => throw new NotSupportedException($"column {column.Name}: no row formula for type {column.Type.Name}"),
            };
            formulas.Add(column.Name switch
            {
                "multiframeID" => new Formula(kind, 4 * detectionsPerExtension, 1, 0, 0, 1_000_000),
                "extNum" => new Formula(kind, detectionsPerExtension, 1, 0, 4, 1),
                "seqNum" => new Formula(kind, 1, 1, 0, detectionsPerExtension, 1),
                "objID" => new Formula(kind, 1, 1, 0, 0, 100_000_000_000),
                _ => kind switch
                {
                    Kind.Byte => new Formula(kind, 1, c + 1, c, 16, 0),
                    Kind.Int16 => new Formula(kind, 1, c + 1, c, 11, -5),
                    Kind.Int32 => new Formula(kind, 1, 2 * c + 1, 7 * c, 100_000, -1_000),
                    Kind.Int64 => new Formula(kind, 1, 2_654_435_761, c, 1L << 38, 1L << 38),
                    Kind.Single => new Formula(kind, 1, 2 * c + 1, 997 * c, 65_536, -32_768),
                    _ => new Formula(kind, 1, 2_654_435_761 + c, 13 * c, 1L << 31, 0),
                },
            });
        }

        return new DetectionRows(columns, formulas, detectionsPerExtension);
    }

    /// <summary>The values of <paramref name="rows"/> rows, one typed array per column.</summary>
    public Array[] Generate(int rows)
    {
        var data = new Array[Formulas.Count];
        Parallel.For(0, Formulas.Count, c =>
        {
            var f = Formulas[c];
            data[c] = f.Kind switch
            {
                Kind.Byte => Fill(rows, i => (byte)f.Integer(i)),
                Kind.Int16 => Fill(rows, i => (short)f.Integer(i)),
                Kind.Int32 => Fill(rows, i => (int)f.Integer(i)),
                Kind.Int64 => Fill(rows, f.Integer),
                Kind.Single => Fill(rows, i => (float)f.Real(i)),
                _ => Fill(rows, f.Real),
            };
        });
        return data;
    }

    private static T[] Fill<T>(int rows, Func<long, T> value)
    {
        var a = new T[rows];
        for (var i = 0; i < rows; i++)
            a[i] = value(i);
        return a;
    }

    /// <summary>How a column's values are made and summed.</summary>
    public enum Kind
    {
        Byte,
        Int16,
        Int32,
        Int64,
        Single,
        Double,
    }

    /// <summary>One column's formula; <see cref="Sql"/> writes it for an engine, with the row number in <c>i</c>.</summary>
    public sealed record Formula(Kind Kind, long Divisor, long Multiplier, long Offset, long Modulus, long Add)
    {
        public bool IsInteger => Kind is not (Kind.Single or Kind.Double);

        public long Integer(long i)
        {
            var k = (i / Divisor) * Multiplier + Offset;
            return (Modulus == 0 ? k : k % Modulus) + Add;
        }

        public double Real(long i) => Kind == Kind.Single ? Integer(i) / 16.0 + 0.03125 : Integer(i) / DoubleScale + DoubleAdd;

        /// <summary>The formula in SQL over the bigint row number <c>i</c>, cast to <paramref name="type"/> when given
        /// (PostgreSQL's binary COPY file needs each column in its exact type).</summary>
        public string Sql(string? type)
        {
            var s = Divisor == 1 ? "i" : string.Create(CultureInfo.InvariantCulture, $"(i / {Divisor})");
            if (Multiplier != 1)
                s = string.Create(CultureInfo.InvariantCulture, $"{s} * {Multiplier}");
            if (Offset != 0)
                s = string.Create(CultureInfo.InvariantCulture, $"{s} + {Offset}");
            if (Modulus != 0)
                s = string.Create(CultureInfo.InvariantCulture, $"({s}) % {Modulus}");
            if (Add != 0)
                s = string.Create(CultureInfo.InvariantCulture, $"{s} + ({Add})");
            s = Kind switch
            {
                Kind.Single => $"CAST({s} AS double precision) / 16.0 + 0.03125",
                Kind.Double => $"CAST({s} AS double precision) / 1048576.0 + 1.0 / 1099511627776.0",
                _ => s,
            };
            return type is null ? s : $"CAST({s} AS {type})";
        }
    }
}
