using System.Data.Common;
using Curation.Database.Dialects;
using Dapper;

namespace Curation.Database;

/// <summary>A column as the live database describes it.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="Type">Its type, spelled as the dialect's <see cref="SqlDialect.MapType"/> would spell it.</param>
/// <param name="Nullable">True when it accepts NULL.</param>
public sealed record LiveColumn(string Name, string Type, bool Nullable);

/// <summary>A table or view as the live database describes it.</summary>
/// <param name="Name">The table's name.</param>
/// <param name="Schema">Its schema (null for SQLite and PostgreSQL's <c>public</c>).</param>
/// <param name="IsView">True for a view.</param>
/// <param name="Columns">Its columns in order.</param>
public sealed record LiveTable(string Name, string? Schema, bool IsView, IReadOnlyList<LiveColumn> Columns);

/// <summary>Reads the tables and columns of a live database: SQLite and PostgreSQL here, other engines through their
/// registered <see cref="IEngineProvider"/>.</summary>
public static class LiveSchemaReader
{
    /// <summary>Every user table and view with its columns, by name.</summary>
    public static IReadOnlyList<LiveTable> Read(DbConnection connection, SqlDialect dialect, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect switch
        {
            SqliteDialect => ReadSqlite(connection, transaction),
            PostgresDialect => ReadPostgres(connection, transaction),
            _ => EngineProviders.Require(EngineProviders.EngineOf(dialect), $"cannot read the live {dialect.Name} schema")
                .ReadLiveSchema(connection, transaction),
        };
    }

    private static List<LiveTable> ReadSqlite(DbConnection connection, DbTransaction? transaction)
    {
        var tables = connection.Query<(string Name, string Type)>(
            "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name",
            transaction: transaction).ToList();
        return tables.Select(t =>
        {
            var columns = connection.Query<(long Cid, string Name, string Type, long NotNull, string? Default, long Pk)>(
                    $"PRAGMA table_info(\"{t.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\")", transaction: transaction)
                .Select(c => new LiveColumn(c.Name, c.Type.ToLowerInvariant(), c.NotNull == 0 && c.Pk == 0))
                .ToList();
            return new LiveTable(t.Name, null, t.Type == "view", columns);
        }).ToList();
    }

    private static List<LiveTable> ReadPostgres(DbConnection connection, DbTransaction? transaction)
    {
        const string excluded = "('pg_catalog', 'information_schema', 'pg_toast')";
        var tables = connection.Query<(string Schema, string Name, string Type)>(
            $"SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_schema NOT IN {excluded} ORDER BY 1, 2",
            transaction: transaction).ToList();
        var columns = connection.Query<PgColumn>(
                "SELECT table_schema AS TableSchema, table_name AS TableName, column_name AS ColumnName, data_type AS DataType, "
                + "character_maximum_length AS CharLength, numeric_precision AS NumericPrecision, numeric_scale AS NumericScale, "
                + "datetime_precision AS DatetimePrecision, is_nullable AS IsNullable "
                + $"FROM information_schema.columns WHERE table_schema NOT IN {excluded} ORDER BY table_schema, table_name, ordinal_position",
                transaction: transaction)
            .ToLookup(c => (c.TableSchema, c.TableName));
        return tables.Select(t => new LiveTable(
                t.Name, t.Schema == "public" ? null : t.Schema, t.Type == "VIEW",
                columns[(t.Schema, t.Name)].Select(c => new LiveColumn(c.ColumnName, PostgresTypeName(c), c.IsNullable == "YES")).ToList()))
            .ToList();
    }

    /// <summary>The names of the indices the live database has (lower case), primary-key and unique-constraint indices included.</summary>
    public static IReadOnlySet<string> ReadIndexNames(DbConnection connection, SqlDialect dialect, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var sql = dialect switch
        {
            SqliteDialect => "SELECT name FROM sqlite_master WHERE type = 'index'",
            PostgresDialect => "SELECT indexname FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
            _ => "SELECT name FROM sys.indexes WHERE name IS NOT NULL",
        };
        return connection.Query<string>(sql, transaction: transaction).Select(n => n.ToLowerInvariant()).ToHashSet();
    }

    private static string PostgresTypeName(PgColumn c) => c.DataType switch
    {
        "character varying" => c.CharLength is null ? "text" : $"varchar({c.CharLength})",
        "character" => $"char({c.CharLength ?? 1})",
        "numeric" => c.NumericPrecision is null ? "numeric" : $"numeric({c.NumericPrecision},{c.NumericScale ?? 0})",
        "timestamp without time zone" => c.DatetimePrecision == 0 ? "timestamp(0)" : "timestamp",
        "timestamp with time zone" => "timestamptz",
        "time without time zone" => "time",
        _ => c.DataType,
    };

    private sealed class PgColumn
    {
        public string TableSchema { get; set; } = "";

        public string TableName { get; set; } = "";

        public string ColumnName { get; set; } = "";

        public string DataType { get; set; } = "";

        public int? CharLength { get; set; }

        public int? NumericPrecision { get; set; }

        public int? NumericScale { get; set; }

        public int? DatetimePrecision { get; set; }

        public string IsNullable { get; set; } = "";
    }
}
