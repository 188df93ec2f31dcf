using System.Globalization;
using System.Text;
using Curation.Database;
using Curation.Fits;
using Curation.Fits.Tables;
using Curation.Schema.Model;
using Curation.Sessions;

namespace Curation.TablePreparation.External;

/// <summary>How the coordinates of an external catalogue are given.</summary>
public enum CoordinateUnit
{
    /// <summary>From the columns' TUNIT: radians when it says rad, radian or radians; degrees otherwise.</summary>
    Auto,

    /// <summary>Degrees, whatever TUNIT says.</summary>
    Degrees,

    /// <summary>Radians, whatever TUNIT says: converted to degrees.</summary>
    Radians,
}

/// <summary>What a loaded column of an external catalogue is, and so how its values are read.</summary>
public enum ExternalValueKind
{
    /// <summary>The source identifier: an integer (or a floating-point column holding integers, as CASU's
    /// Sequence_number), never null, stored as bigint.</summary>
    Identifier,

    /// <summary>RA or Dec: the physical value times <see cref="ExternalColumn.Factor"/> (180/π for radians), as float.</summary>
    Coordinate,

    /// <summary>An integer column without scaling (or with an integer TZERO, as the unsigned conventions): exact.</summary>
    Integer,

    /// <summary>A single-precision float (E) without scaling: real.</summary>
    Single,

    /// <summary>A double (D), or any scaled column: float.</summary>
    Double,

    /// <summary>A logical (L): bit, null when the file's value is null.</summary>
    Logical,

    /// <summary>Characters (A): varchar.</summary>
    Text,
}

/// <summary>One column of an external catalogue as it is loaded: its FITS column, its SQL name and type.</summary>
/// <param name="Fits">The FITS column.</param>
/// <param name="Name">The SQL column name (the TTYPE made a plain identifier; see <see cref="ExternalTables.Identifier"/>).</param>
/// <param name="Type">The SQL type (SQL Server spelling, as the schema scripts write them).</param>
/// <param name="Kind">How values are read.</param>
/// <param name="Factor">For a coordinate, what the physical value is multiplied by to give degrees.</param>
public sealed record ExternalColumn(TableColumn Fits, string Name, SqlType Type, ExternalValueKind Kind, double Factor = 1)
{
    /// <summary>The mapping in words, for the log: <c>RA 1E Radians -> RA float (degrees, from radians)</c>.</summary>
    public override string ToString()
    {
        var note = Kind switch
        {
            ExternalValueKind.Identifier => ", the source ID",
            ExternalValueKind.Coordinate => Factor == 1 ? ", degrees" : ", degrees converted from radians",
            _ => "",
        };
        return $"{Fits.Name} {Fits.TForm}{(Fits.Unit is { Length: > 0 } u ? " " + u : "")} -> {Name} {Type}{note}";
    }
}

/// <summary>
/// How a FITS table of an external catalogue becomes a table of the archive (<c>curate load-external</c>): which HDU,
/// which columns and with which SQL types, which column is the source ID and which hold RA and Dec, and which columns
/// are left out and why. The rules: every scalar column is loaded (integers exactly, E as real, D and scaled columns as
/// float, L as bit, A as varchar); vector, variable-length, bit and complex columns are left out with a note; the ID
/// becomes a bigint primary key; RA and Dec are floats in degrees (converted from radians when TUNIT says so).
/// </summary>
public sealed class ExternalCatalogue
{
    private static readonly string[] IdGuesses = ["source_id", "sourceID", "objID", "NUMBER", "Sequence_number", "id"];
    private static readonly string[] RaGuesses = ["ra", "RAJ2000", "ALPHA_J2000", "XWIN_WORLD", "X_WORLD"];
    private static readonly string[] DecGuesses = ["dec", "DEJ2000", "DELTA_J2000", "YWIN_WORLD", "Y_WORLD"];

    private ExternalCatalogue(string file, FitsHdu hdu, List<ExternalColumn> columns, List<(string Column, string Reason)> skipped, ExternalColumn id, ExternalColumn ra, ExternalColumn dec)
    {
        File = file;
        Hdu = hdu;
        Columns = columns;
        Skipped = skipped;
        Id = id;
        Ra = ra;
        Dec = dec;
    }

    /// <summary>The FITS file.</summary>
    public string File { get; }

    /// <summary>The table HDU loaded.</summary>
    public FitsHdu Hdu { get; }

    /// <summary>How messages name the HDU: <c>FILE, HDU 2 (LDAC_OBJECTS)</c>.</summary>
    public string Where => Describe(File, Hdu);

    /// <summary>The columns loaded, in the file's order.</summary>
    public IReadOnlyList<ExternalColumn> Columns { get; }

    /// <summary>The columns left out, with the reason.</summary>
    public IReadOnlyList<(string Column, string Reason)> Skipped { get; }

    /// <summary>The source ID column.</summary>
    public ExternalColumn Id { get; }

    /// <summary>The RA column.</summary>
    public ExternalColumn Ra { get; }

    /// <summary>The Dec column.</summary>
    public ExternalColumn Dec { get; }

    /// <summary>
    /// Reads the table's columns from <paramref name="file"/>: the HDU <paramref name="hdu"/> names (a 0-based index or
    /// an EXTNAME), else the first table HDU that has the three columns. <paramref name="idColumn"/>,
    /// <paramref name="raColumn"/> and <paramref name="decColumn"/> name the columns (TTYPE, or its SQL name; case
    /// ignored); when null, the usual names are tried (source_id, NUMBER, Sequence_number...; ra, ALPHA_J2000...).
    /// </summary>
    /// <exception cref="CurationInputException">The HDU is not a table, a column is missing or unusable; the message
    /// names the file, the HDU and the column.</exception>
    public static ExternalCatalogue Map(FitsFile file, string? hdu, string? idColumn, string? raColumn, string? decColumn, CoordinateUnit unit)
    {
        ArgumentNullException.ThrowIfNull(file);
        var tables = file.Hdus.Where(h => h.Kind.IsTable() && h.Unreadable is null).ToList();
        var tableList = tables.Count == 0 ? "it has no table HDU" : "its tables are " + string.Join(", ", tables.Select(t => HduName(t)));
        FitsHdu chosen;
        if (hdu is not null)
        {
            var found = int.TryParse(hdu, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? file.Hdus.FirstOrDefault(h => h.Index == index)
                : file.Hdus.FirstOrDefault(h => string.Equals(h.ExtName?.Trim(), hdu.Trim(), StringComparison.OrdinalIgnoreCase));
            if (found is null)
                throw new CurationInputException($"{file.Path}: there is no HDU {hdu} ({file.Hdus.Count} HDUs; {tableList})");
            if (found.Unreadable is { } broken)
                throw new CurationInputException($"{Describe(file.Path, found)} cannot be read: {broken.Problem}");
            if (!found.Kind.IsTable())
                throw new CurationInputException($"{Describe(file.Path, found)} is {Article(found.Kind.Name())}, not a table; {tableList}");
            chosen = found;
        }
        else
        {
            chosen = tables.FirstOrDefault(t => Find(t, idColumn, IdGuesses) is not null && Find(t, raColumn, RaGuesses) is not null && Find(t, decColumn, DecGuesses) is not null)
                ?? tables.FirstOrDefault(t => t.Rows > 1)
                ?? throw new CurationInputException($"{file.Path}: {(tables.Count == 0 ? "there is no table HDU to load" : "no table HDU has the ID, RA and Dec columns; " + tableList + "; name one with --hdu")}");
        }

        var where = Describe(file.Path, chosen);
        var id = Require(chosen, where, idColumn, IdGuesses, "ID", "--id-column");
        var ra = Require(chosen, where, raColumn, RaGuesses, "RA", "--ra-column");
        var dec = Require(chosen, where, decColumn, DecGuesses, "Dec", "--dec-column");
        if (id == ra || id == dec || ra == dec)
            throw new CurationInputException($"{where}: the ID, RA and Dec columns must be three different columns (they are {id.Name}, {ra.Name} and {dec.Name})");

        var columns = new List<ExternalColumn>();
        var skipped = new List<(string, string)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        ExternalColumn? idMapped = null, raMapped = null, decMapped = null;
        foreach (var c in chosen.Columns)
        {
            var label = c.Name ?? $"column {c.Index + 1}";
            ExternalColumn? mapped;
            string? reason;
            if (c == id)
            {
                if (!IsScalar(c) || !c.IsNumeric)
                    throw new CurationInputException($"{where}: the ID column {label} ({c.TForm}) is not a numeric scalar; the slaveObjID of the neighbour tables is a bigint");
                mapped = new ExternalColumn(c, "", new SqlType("bigint", "bigint"), ExternalValueKind.Identifier);
                reason = null;
            }
            else if (c == ra || c == dec)
            {
                if (!IsScalar(c) || !c.IsNumeric)
                    throw new CurationInputException($"{where}: the {(c == ra ? "RA" : "Dec")} column {label} ({c.TForm}) is not a numeric scalar");
                mapped = new ExternalColumn(c, "", new SqlType("float", "float"), ExternalValueKind.Coordinate, CoordinateFactor(where, c, unit));
                reason = null;
            }
            else
            {
                (mapped, reason) = MapColumn(c);
            }

            if (mapped is null)
            {
                skipped.Add((label, reason!));
                continue;
            }

            mapped = mapped with { Name = UniqueName(c, names) };
            columns.Add(mapped);
            if (c == id)
                idMapped = mapped;
            else if (c == ra)
                raMapped = mapped;
            else if (c == dec)
                decMapped = mapped;
        }

        return new ExternalCatalogue(file.Path, chosen, columns, skipped, idMapped!, raMapped!, decMapped!);
    }

    /// <summary>The table definition the catalogue is loaded into: its columns, the ID the primary key.</summary>
    public TableDef ToTable(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        var location = new SourceLocation(File, Hdu.Index, 0);
        var table = new TableDef { Name = tableName, Location = location, Family = "external" };
        foreach (var c in Columns)
            table.Columns.Add(new ColumnDef { Name = c.Name, Type = c.Type, Nullable = c.Kind != ExternalValueKind.Identifier, Location = location });
        table.PrimaryKey.Add(Id.Name);
        table.PrimaryKeyName = "pk_" + tableName;
        return table;
    }

    /// <summary>The values of one row of a chunk read with <see cref="ColumnIndexes"/>, in the order of
    /// <see cref="Columns"/>, into <paramref name="values"/>.</summary>
    /// <exception cref="CurationInputException">The ID is null or not an integer (the message names the row).</exception>
    public void Row(TableChunk chunk, int row, object?[] values)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < Columns.Count; i++)
        {
            values[i] = Columns[i].Kind == ExternalValueKind.Identifier
                ? IdValue(Columns[i], chunk.Columns[i], row, chunk.FirstRow + row + 1)
                : Value(Columns[i], chunk.Columns[i], row);
        }
    }

    /// <summary>The indexes of the loaded columns in the HDU (what <see cref="FitsHdu.OpenTable"/> reads).</summary>
    public IReadOnlyList<int> ColumnIndexes => [.. Columns.Select(c => c.Fits.Index)];

    private static object? Value(ExternalColumn c, ColumnData data, int row)
    {
        switch (c.Kind)
        {
            case ExternalValueKind.Coordinate:
                var v = data.GetPhysical(row, 0);
                return double.IsNaN(v) ? null : v * c.Factor;
            case ExternalValueKind.Integer:
                return IntegerValue(data, row);
            case ExternalValueKind.Single:
                var f = data.GetPhysical(row, 0);
                return double.IsNaN(f) ? null : (float)f;
            case ExternalValueKind.Double:
                var d = data.GetPhysical(row, 0);
                return double.IsNaN(d) ? null : d;
            case ExternalValueKind.Logical:
                return data.GetLogical(row, 0) is { } b ? (b ? 1 : 0) : null;
            default:
                return data.GetString(row);
        }
    }

    private long IdValue(ExternalColumn c, ColumnData data, int row, long rowNumber)
    {
        if (c.Fits.Type is ColumnType.Float32 or ColumnType.Float64 || c.Fits.IsAscii || c.Fits.IsScaled)
        {
            var v = data.GetPhysical(row, 0);
            if (double.IsNaN(v))
                throw new CurationInputException($"{Where}: row {rowNumber}: the ID column {c.Fits.Name} is null");
            if (v != Math.Floor(v) || v < long.MinValue || v >= 9.2233720368547758e18)
                throw new CurationInputException($"{Where}: row {rowNumber}: the ID column {c.Fits.Name} holds {v.ToString("R", CultureInfo.InvariantCulture)}, which is not an integer");
            return (long)v;
        }

        return IntegerValue(data, row) ?? throw new CurationInputException($"{Where}: row {rowNumber}: the ID column {c.Fits.Name} is null (TNULL)");
    }

    /// <summary>An integer element exactly: the stored value, null for TNULL, plus an integer TZERO.</summary>
    private static long? IntegerValue(ColumnData data, int row)
    {
        var c = data.Column;
        if (c.IsAscii || c.IsVariableLength)
        {
            var v = data.GetPhysical(row, 0);
            return double.IsNaN(v) ? null : (long)v;
        }

        var i = row * data.Stride;
        long raw = data.Values switch
        {
            byte[] b => b[i],
            short[] s => s[i],
            int[] n => n[i],
            long[] l => l[i],
            _ => throw new InvalidOperationException($"column {c.Name} is not an integer column"),
        };
        if (c.Null is { } nul && raw == nul)
            return null;
        return raw + (long)c.Zero;
    }

    /// <summary>The SQL type of a column that is neither the ID nor a coordinate, or null and why it is left out.</summary>
    private static (ExternalColumn? Column, string? Reason) MapColumn(TableColumn c)
    {
        if (c.IsVariableLength)
            return (null, "a variable-length array column");
        if (c.Type == ColumnType.String)
        {
            if (c.Dimensions is { Count: > 1 })
                return (null, $"an array of strings (TDIM {string.Join("x", c.Dimensions)})");
            var length = (int)Math.Max(1, c.Repeat);
            var type = length > 8000 ? new SqlType("varchar", "varchar(max)", IsMax: true) : new SqlType("varchar", $"varchar({length})", length);
            return (new ExternalColumn(c, "", type, ExternalValueKind.Text), null);
        }

        if (c.Repeat == 0 || c.FieldBytes == 0 && !c.IsAscii)
            return (null, "a column without data (repeat 0)");
        if (c.Repeat > 1)
            return (null, $"a vector column of {c.Repeat} elements{(c.Dimensions is { } dims ? $" (TDIM {string.Join("x", dims)})" : "")}");
        switch (c.Type)
        {
            case ColumnType.Bit:
                return (null, "a bit column (X)");
            case ColumnType.Complex64 or ColumnType.Complex128:
                return (null, "a complex column");
            case ColumnType.Logical:
                return (new ExternalColumn(c, "", new SqlType("bit", "bit"), ExternalValueKind.Logical), null);
            case ColumnType.Float32 when !c.IsScaled:
                return (new ExternalColumn(c, "", new SqlType("real", "real"), ExternalValueKind.Single), null);
            case ColumnType.Float32 or ColumnType.Float64:
                return (new ExternalColumn(c, "", new SqlType("float", "float"), ExternalValueKind.Double), null);
        }

        // Integers: exact when unscaled or offset by an integer TZERO (the unsigned conventions), in the smallest
        // type that holds every value the column can take; otherwise (a real scale) as float.
        if (c.IsAscii)
            return (new ExternalColumn(c, "", new SqlType("bigint", "bigint"), ExternalValueKind.Integer), null);
        if (c.Scale != 1 || c.Zero != Math.Floor(c.Zero) || Math.Abs(c.Zero) > 1e18)
            return (new ExternalColumn(c, "", new SqlType("float", "float"), ExternalValueKind.Double), null);
        var (min, max) = c.Type switch
        {
            ColumnType.Byte => (0.0, 255.0),
            ColumnType.Int16 => (short.MinValue, short.MaxValue),
            ColumnType.Int32 => (int.MinValue, (double)int.MaxValue),
            _ => (long.MinValue, (double)long.MaxValue),
        };
        (min, max) = (min + c.Zero, max + c.Zero);
        var sqlType = min >= 0 && max <= 255 ? "tinyint"
            : min >= short.MinValue && max <= short.MaxValue ? "smallint"
            : min >= int.MinValue && max <= int.MaxValue ? "int"
            : min >= long.MinValue && max < 9.2233720368547758e18 ? "bigint"
            : null;
        return sqlType is null
            ? (new ExternalColumn(c, "", new SqlType("float", "float"), ExternalValueKind.Double), null) // unsigned 64-bit: beyond bigint
            : (new ExternalColumn(c, "", new SqlType(sqlType, sqlType), ExternalValueKind.Integer), null);
    }

    private static double CoordinateFactor(string where, TableColumn c, CoordinateUnit unit)
    {
        if (unit == CoordinateUnit.Radians)
            return 180 / Math.PI;
        if (unit == CoordinateUnit.Degrees)
            return 1;
        var u = c.Unit?.Trim().ToLowerInvariant() ?? "";
        if (u is "rad" or "radian" or "radians")
            return 180 / Math.PI;
        if (u is "" or "deg" or "degree" or "degrees")
            return 1;
        throw new CurationInputException($"{where}: column {c.Name} has TUNIT '{c.Unit}', neither degrees nor radians; "
            + "give --coord-unit deg or rad if the values are one of those");
    }

    private static bool IsScalar(TableColumn c) => !c.IsVariableLength && c.Repeat == 1 && c.Type is not (ColumnType.Bit or ColumnType.Complex64 or ColumnType.Complex128 or ColumnType.String);

    private static TableColumn Require(FitsHdu hdu, string where, string? name, string[] guesses, string what, string option)
    {
        if (Find(hdu, name, guesses) is { } c)
            return c;
        var columns = string.Join(", ", hdu.Columns.Select(x => x.Name ?? $"column {x.Index + 1}"));
        return name is null
            ? throw new CurationInputException($"{where}: no {what} column among the usual names ({string.Join(", ", guesses)}); name it with {option}. The columns are: {columns}")
            : throw new CurationInputException($"{where}: there is no column {name} (the {what} column); name another with {option}. The columns are: {columns}");
    }

    /// <summary>The column named (by TTYPE or by its SQL name, case ignored), or the first of the guesses present.</summary>
    private static TableColumn? Find(FitsHdu hdu, string? name, string[] guesses)
    {
        TableColumn? Named(string n) => hdu.Columns.FirstOrDefault(c => string.Equals(c.Name?.Trim(), n.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? hdu.Columns.FirstOrDefault(c => c.Name is not null && string.Equals(ExternalTables.Identifier(c.Name.Trim()), n.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is not null ? Named(name) : guesses.Select(Named).FirstOrDefault(c => c is not null);
    }

    /// <summary>The column's SQL name: its TTYPE as a plain identifier, suffixed _2, _3... when another column took it.</summary>
    private static string UniqueName(TableColumn c, HashSet<string> taken)
    {
        var name = ExternalTables.Identifier(c.Name?.Trim() is { Length: > 0 } n ? n : $"col{c.Index + 1}");
        var unique = name;
        for (var k = 2; !taken.Add(unique); k++)
            unique = $"{name}_{k}";
        return unique;
    }

    private static string HduName(FitsHdu h) => h.ExtName is { Length: > 0 } e ? $"HDU {h.Index} ({e.Trim()})" : $"HDU {h.Index}";

    private static string Describe(string file, FitsHdu h) => $"{file}, {HduName(h)}";

    private static string Article(string kind) => "aeiou".Contains(kind[0], StringComparison.Ordinal) ? "an " + kind : "a " + kind;

    /// <summary>The mapping in words, one line per column, then the columns left out (the log's record of a load).</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        foreach (var c in Columns)
            sb.Append("  ").Append(c).Append('\n');
        foreach (var (column, reason) in Skipped)
            sb.Append("  ").Append(column).Append(": not loaded, ").Append(reason).Append('\n');
        return sb.ToString();
    }
}
