using System.Globalization;
using Curation.Database.Dialects;
using Curation.Schema.Model;

namespace Curation.Database.SqlServer.Loading;

/// <summary>One loaded column as SqlBulkCopy is given it: its name, its SQL Server type (as
/// <see cref="SqlServerDialect.MapType"/> spells it, the one mapping), the .NET type its values are converted to, and
/// the checks SQL Server would make, made here so that a bad value is reported with its row.</summary>
internal sealed class LoadColumn
{
    private LoadColumn(string name, string sqlType, Type clrType, bool notNull, int? maxLength)
    {
        Name = name;
        SqlType = sqlType;
        ClrType = clrType;
        NotNull = notNull;
        MaxLength = maxLength;
    }

    /// <summary>The column's name (source and destination of its mapping).</summary>
    public string Name { get; }

    /// <summary>The SQL Server type: <c>varchar(8)</c>, <c>float</c>, <c>tinyint</c>.</summary>
    public string SqlType { get; }

    /// <summary>The .NET type of its values: <see cref="long"/> for bigint, <see cref="byte"/> for tinyint, ...</summary>
    public Type ClrType { get; }

    /// <summary>True when NULL is refused (NOT NULL, or part of the primary key).</summary>
    public bool NotNull { get; }

    /// <summary>The most characters (or bytes) a string (or binary) value may have; null when unbounded.</summary>
    public int? MaxLength { get; }

    /// <summary>The loaded columns of <paramref name="table"/>.</summary>
    public static IReadOnlyList<LoadColumn> For(SqlServerDialect dialect, TableDef table, IReadOnlyList<ColumnDef> columns) =>
        columns.Select(c =>
        {
            var sqlType = dialect.ColumnType(table, c);
            var notNull = !c.Nullable || table.PrimaryKey.Contains(c.Name, StringComparer.OrdinalIgnoreCase);
            var bounded = (c.Type.IsString || c.Type.IsBinary) && !c.Type.IsMax && c.Type.Length is not null;
            return new LoadColumn(c.Name, sqlType, ClrTypeOf(sqlType), notNull, bounded ? c.Type.Length : null);
        }).ToList();

    /// <summary>The .NET type SqlClient reads and writes a SQL Server type as.</summary>
    public static Type ClrTypeOf(string sqlType)
    {
        ArgumentNullException.ThrowIfNull(sqlType);
        var parenthesis = sqlType.IndexOf('(', StringComparison.Ordinal);
        return (parenthesis < 0 ? sqlType : sqlType[..parenthesis]) switch
        {
            "bit" => typeof(bool),
            "tinyint" => typeof(byte),
            "smallint" => typeof(short),
            "int" => typeof(int),
            "bigint" => typeof(long),
            "real" => typeof(float),
            "float" => typeof(double),
            "decimal" or "numeric" or "money" or "smallmoney" => typeof(decimal),
            "char" or "varchar" or "nchar" or "nvarchar" or "text" or "ntext" or "sysname" => typeof(string),
            "date" or "datetime" or "datetime2" or "smalldatetime" => typeof(DateTime),
            "datetimeoffset" => typeof(DateTimeOffset),
            "time" => typeof(TimeSpan),
            "binary" or "varbinary" or "image" => typeof(byte[]),
            "uniqueidentifier" => typeof(Guid),
            _ => typeof(object),
        };
    }

    /// <summary>A value converted to <see cref="ClrType"/> (<see cref="DBNull.Value"/> for null).</summary>
    /// <exception cref="InvalidCastException">The value cannot be this column's type, or is NULL for a NOT NULL column.</exception>
    /// <exception cref="OverflowException">The value is out of the type's range, or longer than the column.</exception>
    /// <exception cref="FormatException">A string does not read as the column's type.</exception>
    public object Convert(object? value)
    {
        if (value is null or DBNull)
            return NotNull ? throw new InvalidCastException($"column {Name} is NOT NULL and the value is NULL") : DBNull.Value;
        var converted = value.GetType() == ClrType || ClrType == typeof(object) ? value : ClrType switch
        {
            _ when ClrType == typeof(byte[]) || ClrType == typeof(TimeSpan) => throw NotOf(value),
            _ when ClrType == typeof(Guid) => value is string s ? Guid.Parse(s, CultureInfo.InvariantCulture) : throw NotOf(value),
            _ when ClrType == typeof(DateTimeOffset) => value is DateTime d ? new DateTimeOffset(d) : throw NotOf(value),
            _ => System.Convert.ChangeType(value, ClrType, CultureInfo.InvariantCulture),
        };
        if (MaxLength is { } max)
        {
            var length = converted is string text ? text.Length : ((byte[])converted).Length;
            if (length > max)
                throw new OverflowException($"column {Name} is {SqlType} and the value has {length} {(converted is string ? "characters" : "bytes")}");
        }

        return converted;
    }

    private InvalidCastException NotOf(object value) => new($"column {Name} is {SqlType} and the value is a {value.GetType().Name}");
}
