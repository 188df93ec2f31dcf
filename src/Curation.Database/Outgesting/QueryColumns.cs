using System.Data.Common;
using Curation.Database.Dialects;

namespace Curation.Database.Outgesting;

/// <summary>How a column's values are read from the data reader.</summary>
internal enum CellSource : byte
{
    /// <summary>SQLite: by the storage class of each value (INTEGER, REAL, TEXT), whatever the declared type.</summary>
    Dynamic,
    Boolean,
    Byte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    String,
    Char,
    Guid,
    DateTime,
    DateTimeOffset,
    DateOnly,
    TimeOnly,
    TimeSpan,
}

/// <summary>A column of the query's result: its name, how to read it, and how a binary outgest stores it.</summary>
/// <param name="Ordinal">Its position in the result.</param>
/// <param name="Name">Its name.</param>
/// <param name="SourceType">The engine's declared type, or null when the engine declares none (SQLite expressions).</param>
/// <param name="Source">How its values are read.</param>
/// <param name="Type">Its binary type, or null when it is inferred from the values (SQLite expressions).</param>
internal sealed record QueryColumn(int Ordinal, string Name, string? SourceType, CellSource Source, BinaryType? Type)
{
    /// <summary>The columns of a query's result, checked: at least one, each named, no name twice.</summary>
    public static IReadOnlyList<QueryColumn> Describe(DbDataReader reader, SqlDialect dialect, string query)
    {
        if (reader.FieldCount == 0)
            throw new CurationDatabaseException($"query '{Outgester.FirstLine(query)}' returns no columns, so there is nothing to outgest");
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var columns = new List<QueryColumn>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.GetName(i);
            if (string.IsNullOrWhiteSpace(name))
                throw new CurationDatabaseException($"column {i + 1} of query '{Outgester.FirstLine(query)}' has no name: give it one with AS");
            if (seen.TryGetValue(name, out var first))
            {
                throw new CurationDatabaseException(
                    $"columns {first + 1} and {i + 1} of query '{Outgester.FirstLine(query)}' are both named {name}: "
                    + "an outgested table needs distinct column names, so give one of them another with AS");
            }

            seen[name] = i;
            var column = dialect is SqliteDialect ? Sqlite(reader, i, name) : Typed(reader, i, name);
            columns.Add(column);
        }

        return columns;
    }

    /// <summary>SQLite: the declared type of a table's column (the schema scripts' type name), else none, and the type
    /// is inferred from the values. The provider gives the declared type, or, when there is none (an expression), the
    /// storage class of the first value in capitals: INTEGER, REAL, TEXT or BLOB. Those four are taken as no
    /// declaration (the scripts declare lower-case names), so a column declared in capitals REAL is written as the
    /// 8-byte REAL SQLite stores. (The column schema would say it too, but Microsoft.Data.Sqlite computes it with
    /// queries of its own that take seconds on a large table.)</summary>
    private static QueryColumn Sqlite(DbDataReader reader, int i, string name)
    {
        var declared = reader.GetDataTypeName(i); // the provider drops any "(n)"
        if (declared is "INTEGER" or "REAL" or "TEXT" or "BLOB")
            return new QueryColumn(i, name, null, CellSource.Dynamic, null);
        declared = declared.ToLowerInvariant();
        BinaryType? type = declared switch
        {
            "bit" or "bool" or "boolean" => BinaryType.Bool,
            "tinyint" => BinaryType.UInt8,
            "smallint" => BinaryType.Int16,
            "int" or "mediumint" => BinaryType.Int32,
            "bigint" or "integer" => BinaryType.Int64,
            "real" => BinaryType.Float32,
            "float" or "double" or "double precision" or "decimal" or "numeric" or "money" or "smallmoney" => BinaryType.Float64,
            "char" or "nchar" or "varchar" or "nvarchar" or "character" or "character varying" or "text" or "ntext" or "sysname"
                or "uniqueidentifier" or "clob" => BinaryType.String,
            "datetime" or "datetime2" or "smalldatetime" or "timestamp" or "datetimeoffset" => BinaryType.DateTime,
            "date" => BinaryType.Date,
            "time" => BinaryType.Time,
            "blob" or "binary" or "varbinary" or "image" => throw Unsupported(name, declared),
            _ => null,
        };
        return new QueryColumn(i, name, declared, CellSource.Dynamic, type);
    }

    /// <summary>An engine whose values have one type per column (PostgreSQL): the provider's .NET type says it.</summary>
    private static QueryColumn Typed(DbDataReader reader, int i, string name)
    {
        var declared = reader.GetDataTypeName(i);
        var field = reader.GetFieldType(i);
        (CellSource source, BinaryType type) = System.Type.GetTypeCode(field) switch
        {
            TypeCode.Boolean => (CellSource.Boolean, BinaryType.Bool),
            TypeCode.Byte => (CellSource.Byte, BinaryType.UInt8),
            TypeCode.Int16 => (CellSource.Int16, BinaryType.Int16),
            TypeCode.Int32 => (CellSource.Int32, BinaryType.Int32),
            TypeCode.Int64 => (CellSource.Int64, BinaryType.Int64),
            TypeCode.Single => (CellSource.Single, BinaryType.Float32),
            TypeCode.Double => (CellSource.Double, BinaryType.Float64),
            TypeCode.Decimal => (CellSource.Decimal, BinaryType.Float64),
            TypeCode.String => (CellSource.String, BinaryType.String),
            TypeCode.Char => (CellSource.Char, BinaryType.String),
            TypeCode.DateTime => (CellSource.DateTime, BinaryType.DateTime),
            _ when field == typeof(Guid) => (CellSource.Guid, BinaryType.String),
            _ when field == typeof(DateTimeOffset) => (CellSource.DateTimeOffset, BinaryType.DateTime),
            _ when field == typeof(DateOnly) => (CellSource.DateOnly, BinaryType.Date),
            _ when field == typeof(TimeOnly) => (CellSource.TimeOnly, BinaryType.Time),
            _ when field == typeof(TimeSpan) => (CellSource.TimeSpan, BinaryType.Time),
            _ => throw Unsupported(name, declared),
        };
        return new QueryColumn(i, name, declared, source, type);
    }

    private static CurationDatabaseException Unsupported(string name, string declared) =>
        new($"column {name} has type {declared}, which an outgest cannot write: convert it in the query "
            + "(for example to text, or to a number)");
}
