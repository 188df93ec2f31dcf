using System.Data.Common;
using System.Globalization;
using Curation.Database.Dialects;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Curation.Database.SqlServer;

/// <summary>Reads the user tables and views of a live SQL Server database from its catalogue views, each type spelled
/// as <see cref="SqlServerDialect.MapType"/> spells it, so that <see cref="SchemaComparer"/> can compare them.</summary>
public static class SqlServerLiveSchema
{
    /// <summary>
    /// The catalogue query: every column of every user table (<c>U</c>) and view (<c>V</c>), in column order. The type
    /// is the declared one (<c>sys.types</c> by <c>user_type_id</c>); lengths are in bytes (<c>nvarchar(8)</c> has 16,
    /// <c>(max)</c> has -1).
    /// </summary>
    public const string Query = """
        SELECT s.name AS SchemaName, o.name AS TableName, RTRIM(o.type) AS ObjectType,
               c.name AS ColumnName, t.name AS TypeName, CAST(c.max_length AS int) AS MaxLength,
               CAST(c.precision AS int) AS Precision, CAST(c.scale AS int) AS Scale,
               CAST(c.is_nullable AS int) AS IsNullable, CAST(c.is_computed AS int) AS IsComputed
        FROM sys.objects AS o
        JOIN sys.schemas AS s ON s.schema_id = o.schema_id
        JOIN sys.columns AS c ON c.object_id = o.object_id
        JOIN sys.types AS t ON t.user_type_id = c.user_type_id
        WHERE o.type IN ('U', 'V') AND o.is_ms_shipped = 0
        ORDER BY s.name, o.name, c.column_id
        """;

    /// <summary>Every user table and view with its columns; the default schema (<c>dbo</c>) is given as null.</summary>
    /// <exception cref="CurationDatabaseException">The catalogue cannot be read.</exception>
    public static IReadOnlyList<LiveTable> Read(DbConnection connection, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            return Tables(connection.Query<CatalogColumn>(Query, transaction: transaction));
        }
        catch (Exception e) when (e is SqlException or InvalidOperationException)
        {
            throw new CurationDatabaseException($"cannot read the live SQL Server schema: {e.Message}", e);
        }
    }

    /// <summary>The tables the catalogue rows describe, in the order their first rows come.</summary>
    public static IReadOnlyList<LiveTable> Tables(IEnumerable<CatalogColumn> rows) =>
        rows.GroupBy(r => (r.SchemaName, r.TableName))
            .Select(g => new LiveTable(
                g.Key.TableName, g.Key.SchemaName.Equals("dbo", StringComparison.OrdinalIgnoreCase) ? null : g.Key.SchemaName,
                g.First().ObjectType == "V",
                g.Select(c => new LiveColumn(c.ColumnName, TypeName(c), c.IsNullable != 0)).ToList()))
            .ToList();

    /// <summary>A column's type as <see cref="SqlServerDialect.MapType"/> spells it: lengths in characters with
    /// <c>(max)</c>, <c>decimal(p,s)</c>, fractional-second scales other than the default 7, <c>computed</c> for a
    /// computed column (whose type the scripts leave to its expression).</summary>
    public static string TypeName(CatalogColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.IsComputed != 0)
            return "computed";
        var name = column.TypeName.ToLowerInvariant();
        string Length(int bytesPerCharacter) => column.MaxLength < 0 ? "max" : (column.MaxLength / bytesPerCharacter).ToString(CultureInfo.InvariantCulture);
        return name switch
        {
            "char" or "varchar" or "binary" or "varbinary" => $"{name}({Length(1)})",
            "nchar" or "nvarchar" => $"{name}({Length(2)})",
            "decimal" or "numeric" => string.Create(CultureInfo.InvariantCulture, $"{name}({column.Precision},{column.Scale})"),
            "datetime2" or "datetimeoffset" or "time" when column.Scale != 7 => string.Create(CultureInfo.InvariantCulture, $"{name}({column.Scale})"),
            _ => name,
        };
    }
}

/// <summary>One row of <see cref="SqlServerLiveSchema.Query"/>: a column of a table or view as the catalogue describes it.</summary>
public sealed class CatalogColumn
{
    /// <summary>The schema (<c>dbo</c>, ...).</summary>
    public string SchemaName { get; set; } = "";

    /// <summary>The table or view.</summary>
    public string TableName { get; set; } = "";

    /// <summary><c>U</c> for a table, <c>V</c> for a view.</summary>
    public string ObjectType { get; set; } = "";

    /// <summary>The column.</summary>
    public string ColumnName { get; set; } = "";

    /// <summary>The declared type's name (<c>varchar</c>, <c>int</c>, ...).</summary>
    public string TypeName { get; set; } = "";

    /// <summary>The length in bytes; -1 for <c>(max)</c>.</summary>
    public int MaxLength { get; set; }

    /// <summary>The precision of numeric types.</summary>
    public int Precision { get; set; }

    /// <summary>The scale of decimal and fractional-second types.</summary>
    public int Scale { get; set; }

    /// <summary>1 when the column accepts NULL.</summary>
    public int IsNullable { get; set; }

    /// <summary>1 for a computed column.</summary>
    public int IsComputed { get; set; }
}
